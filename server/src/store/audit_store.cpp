#include "store/audit_store.h"

namespace chancery::store {
namespace {

constexpr std::string_view kSelectHead = "SELECT seq, hash FROM audit_head WHERE id = 1";
constexpr std::string_view kUpdateHead = "UPDATE audit_head SET seq = ?, hash = ? WHERE id = 1";
constexpr std::string_view kInsertEntry =
    "INSERT INTO audit_log (seq, ts, actor_id, actor, action, object_type, object_id, details, "
    "client_addr, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
constexpr std::string_view kScan =
    "SELECT seq, ts, actor_id, actor, action, object_type, object_id, details, client_addr, "
    "prev_hash, hash FROM audit_log WHERE seq > ? ORDER BY seq LIMIT ?";
constexpr std::string_view kForObject =
    "SELECT seq, ts, actor_id, actor, action, object_type, object_id, details, client_addr, "
    "prev_hash, hash FROM audit_log WHERE object_type = ? AND object_id = ? ORDER BY seq DESC "
    "LIMIT ?";
constexpr std::string_view kLatest =
    "SELECT seq, ts, actor_id, actor, action, object_type, object_id, details, client_addr, "
    "prev_hash, hash FROM audit_log ORDER BY seq DESC LIMIT ?";

AuditRecord toRecord(const Row& r) {
  AuditRecord a;
  a.seq = r.getInt("seq");
  a.ts = r.getInt("ts");
  a.actorId = r.optInt("actor_id");
  a.actor = r.getString("actor");
  a.action = r.getString("action");
  a.objectType = r.getString("object_type");
  a.objectId = r.getString("object_id");
  a.details = r.getString("details");
  a.clientAddr = r.getString("client_addr");
  a.prevHash = r.getString("prev_hash");
  a.hash = r.getString("hash");
  return a;
}

std::vector<AuditRecord> toRecords(const Rows& rows) {
  std::vector<AuditRecord> out;
  out.reserve(rows.size());
  for (const Row& r : rows) out.push_back(toRecord(r));
  return out;
}

}  // namespace

namespace audit {

AuditHead lockHead(Connection& c) {
  auto row = c.queryOne(std::string(kSelectHead) + std::string(c.forUpdate()));
  if (!row) throw DbError(DbError::Kind::Other, "audit_head row is missing");
  return {row->getInt("seq"), row->getString("hash")};
}

AuditHead head(Connection& c) {
  auto row = c.queryOne(kSelectHead);
  if (!row) throw DbError(DbError::Kind::Other, "audit_head row is missing");
  return {row->getInt("seq"), row->getString("hash")};
}

void insert(Connection& c, const AuditRecord& r) {
  c.execute(kInsertEntry, {r.seq, r.ts, nullable(r.actorId), r.actor, r.action, r.objectType,
                           r.objectId, r.details, r.clientAddr, r.prevHash, r.hash});
}

void setHead(Connection& c, const AuditHead& h) { c.execute(kUpdateHead, {h.seq, h.hash}); }

std::vector<AuditRecord> scan(Connection& c, std::int64_t afterSeq, std::int64_t limit) {
  return toRecords(c.query(kScan, {afterSeq, limit}));
}

std::vector<AuditRecord> forObject(Connection& c, const std::string& type, const std::string& id,
                                   std::int64_t limit) {
  return toRecords(c.query(kForObject, {type, id, limit}));
}

std::vector<AuditRecord> latest(Connection& c, std::int64_t limit) {
  return toRecords(c.query(kLatest, {limit}));
}

}  // namespace audit
}  // namespace chancery::store
