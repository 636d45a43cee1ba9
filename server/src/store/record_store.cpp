#include "store/record_store.h"

namespace chancery::store {
namespace {

constexpr std::string_view kSelect =
    "SELECT id, code, title, unit_id, retention_years, description, status, created_by, "
    "created_at, updated_at FROM records";
constexpr std::string_view kInsert =
    "INSERT INTO records (code, title, unit_id, retention_years, description, status, created_by, "
    "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
constexpr std::string_view kUpdate =
    "UPDATE records SET title = ?, retention_years = ?, description = ?, status = ?, "
    "updated_at = ? WHERE id = ?";
constexpr std::string_view kHasDocument =
    "SELECT 1 AS ok FROM record_documents WHERE record_id = ? AND document_id = ?";
constexpr std::string_view kAddDocument =
    "INSERT INTO record_documents (record_id, document_id, added_by, added_at) VALUES (?, ?, ?, ?)";
constexpr std::string_view kRemoveDocument =
    "DELETE FROM record_documents WHERE record_id = ? AND document_id = ?";
constexpr std::string_view kDocumentIds =
    "SELECT document_id FROM record_documents WHERE record_id = ? ORDER BY added_at, document_id";
constexpr std::string_view kRecordsOf =
    "SELECT record_id FROM record_documents WHERE document_id = ? ORDER BY record_id";

RecordRecord toRecord(const Row& r) {
  return {r.getInt("id"),        r.getString("code"),         r.getString("title"),
          r.optInt("unit_id"),   r.getInt("retention_years"), r.getString("description"),
          r.getString("status"), r.optInt("created_by"),      r.getInt("created_at"),
          r.getInt("updated_at")};
}

}  // namespace

namespace records {

std::int64_t insert(Connection& c, const RecordRecord& r) {
  c.execute(kInsert, {r.code, r.title, nullable(r.unitId), r.retentionYears, r.description,
                      r.status, nullable(r.createdBy), r.createdAt, r.updatedAt});
  return c.lastInsertId();
}

void update(Connection& c, const RecordRecord& r) {
  c.execute(kUpdate, {r.title, r.retentionYears, r.description, r.status, nowMillis(), r.id});
}

std::optional<RecordRecord> find(Connection& c, std::int64_t id) {
  auto row = c.queryOne(std::string(kSelect) + " WHERE id = ?", {id});
  if (!row) return std::nullopt;
  return toRecord(*row);
}

std::optional<RecordRecord> findByCode(Connection& c, const std::string& code) {
  auto row = c.queryOne(std::string(kSelect) + " WHERE code = ?", {code});
  if (!row) return std::nullopt;
  return toRecord(*row);
}

std::vector<RecordRecord> list(Connection& c, std::optional<std::int64_t> unitId,
                               std::int64_t userId) {
  std::vector<RecordRecord> out;
  for (const Row& r :
       c.query(std::string(kSelect) + " WHERE unit_id = ? OR created_by = ? ORDER BY id DESC",
               {unitId.value_or(-1), userId}))
    out.push_back(toRecord(r));
  return out;
}

bool addDocument(Connection& c, std::int64_t recordId, std::int64_t documentId, std::int64_t by) {
  if (c.queryOne(kHasDocument, {recordId, documentId})) return false;
  c.execute(kAddDocument, {recordId, documentId, by, nowMillis()});
  return true;
}

bool removeDocument(Connection& c, std::int64_t recordId, std::int64_t documentId) {
  return c.execute(kRemoveDocument, {recordId, documentId}) > 0;
}

std::vector<std::int64_t> documentIds(Connection& c, std::int64_t recordId) {
  std::vector<std::int64_t> out;
  for (const Row& r : c.query(kDocumentIds, {recordId}))
    out.push_back(r.getInt("document_id"));
  return out;
}

std::vector<std::int64_t> recordsOf(Connection& c, std::int64_t documentId) {
  std::vector<std::int64_t> out;
  for (const Row& r : c.query(kRecordsOf, {documentId}))
    out.push_back(r.getInt("record_id"));
  return out;
}

}  // namespace records

}  // namespace chancery::store
