#include "store/flow_store.h"

namespace chancery::store {
namespace {

constexpr std::string_view kInsertAssignment =
    "INSERT INTO document_assignments (document_id, user_id, role, deadline, status, assigned_by, "
    "assigned_at, completed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
constexpr std::string_view kAssignmentColumns =
    "a.id, a.document_id, a.user_id, a.role, a.deadline, a.status, a.assigned_by, a.assigned_at, "
    "a.completed_at";
constexpr std::string_view kCloseAssignments =
    "UPDATE document_assignments SET status = ?, completed_at = ? WHERE document_id = ? AND "
    "status = 'open'";
constexpr std::string_view kOpenTasks =
    " , d.status AS doc_status, d.subject, d.number, d.notation, d.secrecy, d.urgency, "
    "d.received_number, d.unit_id FROM document_assignments a JOIN documents d ON "
    "d.id = a.document_id WHERE a.status = 'open' AND d.status IN ('assigned', 'in_progress')";

constexpr std::string_view kInsertNote =
    "INSERT INTO document_notes (document_id, kind, version_id, author_id, text, created_at) "
    "VALUES (?, ?, ?, ?, ?, ?)";
constexpr std::string_view kSelectNotes =
    "SELECT id, document_id, kind, version_id, author_id, text, created_at FROM document_notes "
    "WHERE document_id = ? ORDER BY id";

constexpr std::string_view kInsertDelivery =
    "INSERT INTO document_deliveries (document_id, unit_id, user_id, delivered_at, read_at, "
    "read_by) VALUES (?, ?, ?, ?, NULL, NULL)";
constexpr std::string_view kDeliveryColumns =
    "SELECT id, document_id, unit_id, user_id, delivered_at, read_at, read_by FROM "
    "document_deliveries";
constexpr std::string_view kInboxWhere = " WHERE (user_id = ? OR unit_id = ?)";
constexpr std::string_view kMarkRead =
    "UPDATE document_deliveries SET read_at = ?, read_by = ? WHERE document_id = ? AND "
    "read_at IS NULL AND (user_id = ? OR unit_id = ?)";

constexpr std::string_view kInsertSignature =
    "INSERT INTO document_signatures (document_id, version_id, role, signer_id, signer_name, "
    "method, signed_at) VALUES (?, ?, ?, ?, ?, ?, ?)";
constexpr std::string_view kSelectSignatures =
    "SELECT id, document_id, version_id, role, signer_id, signer_name, method, signed_at FROM "
    "document_signatures WHERE document_id = ? ORDER BY id";

constexpr std::string_view kInsertSession =
    "INSERT INTO signing_sessions (id, document_id, version_id, user_id, state, created_at, "
    "expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)";
constexpr std::string_view kSelectSession =
    "SELECT id, document_id, version_id, user_id, state, created_at, expires_at FROM "
    "signing_sessions WHERE id = ?";
constexpr std::string_view kDeleteSession = "DELETE FROM signing_sessions WHERE id = ?";

constexpr std::string_view kClaimSqlite =
    "INSERT INTO reminders_sent (assignment_id, kind, sent_on, created_at) VALUES (?, ?, ?, ?) "
    "ON CONFLICT DO NOTHING";
constexpr std::string_view kClaimMysql = "INSERT IGNORE INTO reminders_sent (assignment_id, kind, "
                                         "sent_on, created_at) VALUES (?, ?, ?, ?)";
constexpr std::string_view kRelease =
    "DELETE FROM reminders_sent WHERE assignment_id = ? AND kind = ? AND sent_on = ?";

constexpr std::string_view kInsertMessage =
    "INSERT INTO interchange_messages (document_id, direction, kind, status_code, peer_organ_id, "
    "edxml_document_id, description, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
constexpr std::string_view kSelectMessages =
    "SELECT id, document_id, direction, kind, status_code, peer_organ_id, edxml_document_id, "
    "description, created_by, created_at FROM interchange_messages WHERE document_id = ? ORDER BY "
    "id";

constexpr std::string_view kDocumentForEdxmlId =
    "SELECT document_id FROM interchange_messages WHERE edxml_document_id = ? AND "
    "direction = 'out' AND kind = 'document' AND document_id IS NOT NULL ORDER BY id DESC LIMIT 1";
constexpr std::string_view kDocumentForExternalId =
    "SELECT id FROM documents WHERE external_id = ?";

constexpr std::string_view kFacts =
    "SELECT unit_id, secrecy, due_date, received_date, completed_at, status FROM documents "
    "WHERE direction = 'incoming' AND status <> 'revoked' AND ((completed_at >= ? AND "
    "completed_at < ?) OR (received_date >= ? AND received_date <= ?) OR status IN "
    "('registered', 'presented', 'assigned', 'in_progress'))";

AssignmentRecord toAssignment(const Row& r) {
  return {r.getInt("id"),          r.getInt("document_id"), r.getInt("user_id"),
          r.getString("role"),     r.optString("deadline"), r.getString("status"),
          r.optInt("assigned_by"), r.getInt("assigned_at"), r.optInt("completed_at")};
}

DeliveryRecord toDelivery(const Row& r) {
  return {r.getInt("id"),      r.getInt("document_id"),  r.optInt("unit_id"),
          r.optInt("user_id"), r.getInt("delivered_at"), r.optInt("read_at"),
          r.optInt("read_by")};
}

// GCC 12 reports a false maybe-uninitialized in std::variant when a temporary Value is pushed
// inline; appending through one out-of-line function keeps -Werror builds clean.
[[gnu::noinline]] void addParam(Params& p, Value v) {
  p.push_back(std::move(v));
}

}  // namespace

namespace assignments {

std::int64_t insert(Connection& c, const AssignmentRecord& a) {
  c.execute(kInsertAssignment, {a.documentId, a.userId, a.role, nullable(a.deadline), a.status,
                                nullable(a.assignedBy), a.assignedAt, nullable(a.completedAt)});
  return c.lastInsertId();
}

std::vector<AssignmentRecord> forDocument(Connection& c, std::int64_t documentId) {
  std::vector<AssignmentRecord> out;
  for (const Row& r : c.query(std::string("SELECT ") + std::string(kAssignmentColumns) +
                                  " FROM document_assignments a WHERE a.document_id = ? "
                                  "ORDER BY a.id",
                              {documentId}))
    out.push_back(toAssignment(r));
  return out;
}

void closeAll(Connection& c, std::int64_t documentId, const std::string& status) {
  c.execute(kCloseAssignments, {status, nowMillis(), documentId});
}

std::vector<OpenTask> open(Connection& c, std::optional<std::int64_t> userId) {
  std::string sql =
      std::string("SELECT ") + std::string(kAssignmentColumns) + std::string(kOpenTasks);
  Params p;
  if (userId) {
    sql += " AND a.user_id = ?";
    addParam(p, *userId);
  }
  sql += " ORDER BY a.deadline IS NULL, a.deadline, a.id";
  std::vector<OpenTask> out;
  for (const Row& r : c.query(sql, p)) {
    OpenTask t;
    t.assignment = toAssignment(r);
    t.status = r.getString("doc_status");
    t.subject = r.getString("subject");
    t.number = r.getString("number");
    t.notation = r.getString("notation");
    t.secrecy = r.getString("secrecy");
    t.urgency = r.getString("urgency");
    t.receivedNumber = r.optInt("received_number");
    t.unitId = r.optInt("unit_id");
    out.push_back(std::move(t));
  }
  return out;
}

}  // namespace assignments

namespace notes {

std::int64_t insert(Connection& c, const NoteRecord& n) {
  c.execute(kInsertNote, {n.documentId, n.kind, nullable(n.versionId), nullable(n.authorId), n.text,
                          n.createdAt});
  return c.lastInsertId();
}

std::vector<NoteRecord> forDocument(Connection& c, std::int64_t documentId) {
  std::vector<NoteRecord> out;
  for (const Row& r : c.query(kSelectNotes, {documentId}))
    out.push_back({r.getInt("id"), r.getInt("document_id"), r.getString("kind"),
                   r.optInt("version_id"), r.optInt("author_id"), r.getString("text"),
                   r.getInt("created_at")});
  return out;
}

}  // namespace notes

namespace deliveries {

std::int64_t insert(Connection& c, const DeliveryRecord& d) {
  c.execute(kInsertDelivery, {d.documentId, nullable(d.unitId), nullable(d.userId), d.deliveredAt});
  return c.lastInsertId();
}

std::vector<DeliveryRecord> forDocument(Connection& c, std::int64_t documentId) {
  std::vector<DeliveryRecord> out;
  for (const Row& r :
       c.query(std::string(kDeliveryColumns) + " WHERE document_id = ? ORDER BY id", {documentId}))
    out.push_back(toDelivery(r));
  return out;
}

std::vector<DeliveryRecord> inbox(Connection& c, std::int64_t userId,
                                  std::optional<std::int64_t> unitId, std::int64_t limit,
                                  std::int64_t offset, std::int64_t* total) {
  Params p{userId, unitId.value_or(-1)};
  if (total)
    *total =
        c.queryOne("SELECT COUNT(*) AS n FROM document_deliveries" + std::string(kInboxWhere), p)
            ->getInt("n");
  addParam(p, limit);
  addParam(p, offset);
  std::vector<DeliveryRecord> out;
  for (const Row& r : c.query(std::string(kDeliveryColumns) + std::string(kInboxWhere) +
                                  " ORDER BY delivered_at DESC, id DESC LIMIT ? OFFSET ?",
                              p))
    out.push_back(toDelivery(r));
  return out;
}

void markRead(Connection& c, std::int64_t documentId, std::int64_t userId,
              std::optional<std::int64_t> unitId) {
  c.execute(kMarkRead, {nowMillis(), userId, documentId, userId, unitId.value_or(-1)});
}

}  // namespace deliveries

namespace signatures {

std::int64_t insert(Connection& c, const SignatureRecord& s) {
  c.execute(kInsertSignature, {s.documentId, s.versionId, s.role, nullable(s.signerId),
                               s.signerName, s.method, s.signedAt});
  return c.lastInsertId();
}

std::vector<SignatureRecord> forDocument(Connection& c, std::int64_t documentId) {
  std::vector<SignatureRecord> out;
  for (const Row& r : c.query(kSelectSignatures, {documentId}))
    out.push_back({r.getInt("id"), r.getInt("document_id"), r.getInt("version_id"),
                   r.getString("role"), r.optInt("signer_id"), r.getString("signer_name"),
                   r.getString("method"), r.getInt("signed_at")});
  return out;
}

}  // namespace signatures

namespace signing_sessions {

void insert(Connection& c, const SigningSession& s) {
  c.execute(kInsertSession,
            {s.id, s.documentId, s.versionId, s.userId, s.state, s.createdAt, s.expiresAt});
}

std::optional<SigningSession> find(Connection& c, const std::string& id) {
  auto r = c.queryOne(kSelectSession, {id});
  if (!r) return std::nullopt;
  return SigningSession{r->getString("id"),     r->getInt("document_id"), r->getInt("version_id"),
                        r->getInt("user_id"),   r->getString("state"),    r->getInt("created_at"),
                        r->getInt("expires_at")};
}

void remove(Connection& c, const std::string& id) {
  c.execute(kDeleteSession, {id});
}

}  // namespace signing_sessions

namespace reminders {

bool claim(Connection& c, std::int64_t assignmentId, const std::string& kind,
           const std::string& on) {
  return c.execute(c.dialect() == Dialect::Sqlite ? kClaimSqlite : kClaimMysql,
                   {assignmentId, kind, on, nowMillis()}) == 1;
}

void release(Connection& c, std::int64_t assignmentId, const std::string& kind,
             const std::string& on) {
  c.execute(kRelease, {assignmentId, kind, on});
}

}  // namespace reminders

namespace interchange {

std::int64_t insert(Connection& c, const InterchangeMessage& m) {
  c.execute(kInsertMessage,
            {nullable(m.documentId), m.direction, m.kind, m.statusCode, m.peerOrganId,
             m.edxmlDocumentId, m.description, nullable(m.createdBy), m.createdAt});
  return c.lastInsertId();
}

std::vector<InterchangeMessage> forDocument(Connection& c, std::int64_t documentId) {
  std::vector<InterchangeMessage> out;
  for (const Row& r : c.query(kSelectMessages, {documentId}))
    out.push_back({r.getInt("id"), r.optInt("document_id"), r.getString("direction"),
                   r.getString("kind"), r.getString("status_code"), r.getString("peer_organ_id"),
                   r.getString("edxml_document_id"), r.getString("description"),
                   r.optInt("created_by"), r.getInt("created_at")});
  return out;
}

std::optional<std::int64_t> documentFor(Connection& c, const std::string& edxmlDocumentId,
                                        bool received) {
  if (received) {
    if (auto r = c.queryOne(kDocumentForExternalId, {edxmlDocumentId})) return r->getInt("id");
  } else if (auto r = c.queryOne(kDocumentForEdxmlId, {edxmlDocumentId})) {
    return r->getInt("document_id");
  }
  return std::nullopt;
}

}  // namespace interchange

namespace facts {

std::vector<HandlingFact> handling(Connection& c, std::int64_t fromMillis, std::int64_t toMillis,
                                   const std::string& fromDate, const std::string& toDate) {
  std::vector<HandlingFact> out;
  for (const Row& r : c.query(kFacts, {fromMillis, toMillis, fromDate, toDate}))
    out.push_back({r.optInt("unit_id"), r.getString("secrecy"), r.optString("due_date"),
                   r.optString("received_date"), r.optInt("completed_at"), r.getString("status")});
  return out;
}

}  // namespace facts

}  // namespace chancery::store
