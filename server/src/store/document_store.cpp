#include "store/document_store.h"

#include "util/text.h"

namespace chancery::store {
namespace {

constexpr std::string_view kColumns =
    "d.id, d.external_id, d.direction, d.status, d.doc_type, d.number, d.notation, d.subject, "
    "d.issuer, d.issued_date, d.signer_name, d.signer_position, d.recipients, d.urgency, "
    "d.secrecy, d.page_count, d.copies, d.due_date, d.received_number, d.received_date, "
    "d.sender, d.unit_id, d.created_by, d.created_at, d.updated_at, d.register_id, "
    "d.presented_to, d.approver_id, d.directive, d.completed_at, d.result, d.reply_document_id, "
    "d.issue_form, d.revoked_at, d.revoked_by, d.revoke_reason, d.place, d.interchange_status";
constexpr std::string_view kInsert =
    "INSERT INTO documents (external_id, direction, status, doc_type, number, notation, subject, "
    "issuer, issued_date, signer_name, signer_position, recipients, urgency, secrecy, page_count, "
    "copies, due_date, received_number, received_date, sender, unit_id, created_by, created_at, "
    "updated_at, register_id, presented_to, approver_id, directive, completed_at, result, "
    "reply_document_id, issue_form, revoked_at, revoked_by, revoke_reason, place, "
    "interchange_status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
    "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
constexpr std::string_view kUpdate =
    "UPDATE documents SET external_id = ?, status = ?, doc_type = ?, number = ?, notation = ?, "
    "subject = ?, issuer = ?, issued_date = ?, signer_name = ?, signer_position = ?, "
    "recipients = ?, urgency = ?, secrecy = ?, page_count = ?, copies = ?, due_date = ?, "
    "received_number = ?, received_date = ?, sender = ?, unit_id = ?, updated_at = ?, "
    "register_id = ?, presented_to = ?, approver_id = ?, directive = ?, completed_at = ?, "
    "result = ?, reply_document_id = ?, issue_form = ?, revoked_at = ?, revoked_by = ?, "
    "revoke_reason = ?, place = ?, interchange_status = ? WHERE id = ?";
// The one visibility rule (docs/documents.md): ordinary documents are seen by their unit and
// by users or units named in document_access; secret ones only by users named there.
// Parameters: unit, user, unit, user (unit -1 when the viewer has none).
constexpr std::string_view kVisible =
    "((d.secrecy = 'none' AND (d.unit_id = ? OR EXISTS (SELECT 1 FROM document_access a "
    "WHERE a.document_id = d.id AND (a.user_id = ? OR a.unit_id = ?)))) OR EXISTS (SELECT 1 "
    "FROM document_access a2 WHERE a2.document_id = d.id AND a2.user_id = ?))";
constexpr std::string_view kDuplicates =
    " FROM documents d WHERE d.direction = 'incoming' AND d.status <> 'revoked' AND "
    "d.unit_id = ? AND d.number = ? AND d.notation = ? AND d.issuer = ? ORDER BY d.id";
constexpr std::string_view kCount = "SELECT COUNT(*) AS n FROM documents";

constexpr std::string_view kVersionColumns =
    "v.id, v.document_id, v.version_no, v.file_id, v.kind, v.immutable, v.note, v.created_by, "
    "v.created_at, f.name AS file_name, f.media_type, f.sha256, f.size";
constexpr std::string_view kVersionFrom =
    " FROM document_versions v JOIN files f ON f.id = v.file_id";
constexpr std::string_view kMaxVersion =
    "SELECT MAX(version_no) AS n FROM document_versions WHERE document_id = ?";
constexpr std::string_view kInsertVersion =
    "INSERT INTO document_versions (document_id, version_no, file_id, kind, immutable, note, "
    "created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";

constexpr std::string_view kAttachmentSelect =
    "SELECT a.id, a.document_id, a.file_id, a.title, a.created_by, a.created_at, "
    "f.name AS file_name, f.media_type, f.sha256, f.size FROM document_attachments a "
    "JOIN files f ON f.id = a.file_id";
constexpr std::string_view kInsertAttachment =
    "INSERT INTO document_attachments (document_id, file_id, title, created_by, created_at) "
    "VALUES (?, ?, ?, ?, ?)";

constexpr std::string_view kInsertAccess =
    "INSERT INTO document_access (document_id, user_id, unit_id, reason, granted_by, created_at) "
    "VALUES (?, ?, ?, ?, ?, ?)";
constexpr std::string_view kSelectAccess =
    "SELECT document_id, user_id, unit_id, reason, granted_by, created_at FROM document_access "
    "WHERE document_id = ? ORDER BY created_at, user_id";
constexpr std::string_view kUserNamed =
    "SELECT 1 AS ok FROM document_access WHERE document_id = ? AND user_id = ? LIMIT 1";
constexpr std::string_view kRevokeGrant =
    "DELETE FROM document_access WHERE document_id = ? AND user_id = ? AND reason = 'grant'";

constexpr std::string_view kEnqueueSearch =
    "INSERT INTO search_queue (document_id, op, enqueued_at) VALUES (?, ?, ?)";
constexpr std::string_view kEnqueueOcr =
    "INSERT INTO ocr_jobs (document_id, file_id, status, pages_done, pages_total, error, "
    "created_at, updated_at) VALUES (?, ?, 'queued', 0, 0, '', ?, ?)";
constexpr std::string_view kSearchQueueLength = "SELECT COUNT(*) AS n FROM search_queue";
constexpr std::string_view kOcrQueueLength = "SELECT COUNT(*) AS n FROM ocr_jobs";

DocumentRecord toDocument(const Row& r) {
  DocumentRecord d;
  d.id = r.getInt("id");
  d.externalId = r.optString("external_id");
  d.direction = r.getString("direction");
  d.status = r.getString("status");
  d.docType = r.getString("doc_type");
  d.number = r.getString("number");
  d.notation = r.getString("notation");
  d.subject = r.getString("subject");
  d.issuer = r.getString("issuer");
  d.issuedDate = r.optString("issued_date");
  d.signerName = r.getString("signer_name");
  d.signerPosition = r.getString("signer_position");
  d.recipients = r.getString("recipients");
  d.urgency = r.getString("urgency");
  d.secrecy = r.getString("secrecy");
  d.pageCount = r.optInt("page_count");
  d.copies = r.optInt("copies");
  d.dueDate = r.optString("due_date");
  d.receivedNumber = r.optInt("received_number");
  d.receivedDate = r.optString("received_date");
  d.sender = r.getString("sender");
  d.unitId = r.optInt("unit_id");
  d.createdBy = r.optInt("created_by");
  d.createdAt = r.getInt("created_at");
  d.updatedAt = r.getInt("updated_at");
  d.registerId = r.optInt("register_id");
  d.presentedTo = r.optInt("presented_to");
  d.approverId = r.optInt("approver_id");
  d.directive = r.optString("directive").value_or("");
  d.completedAt = r.optInt("completed_at");
  d.result = r.optString("result").value_or("");
  d.replyDocumentId = r.optInt("reply_document_id");
  d.issueForm = r.optString("issue_form").value_or("");
  d.revokedAt = r.optInt("revoked_at");
  d.revokedBy = r.optInt("revoked_by");
  d.revokeReason = r.optString("revoke_reason").value_or("");
  d.place = r.optString("place").value_or("");
  d.interchangeStatus = r.optString("interchange_status").value_or("");
  return d;
}

VersionRecord toVersion(const Row& r) {
  VersionRecord v;
  v.id = r.getInt("id");
  v.documentId = r.getInt("document_id");
  v.versionNo = r.getInt("version_no");
  v.fileId = r.getInt("file_id");
  v.kind = r.getString("kind");
  v.immutable = r.getInt("immutable") != 0;
  v.note = r.getString("note");
  v.createdBy = r.optInt("created_by");
  v.createdAt = r.getInt("created_at");
  v.fileName = r.getString("file_name");
  v.mediaType = r.getString("media_type");
  v.sha256 = r.getString("sha256");
  v.size = r.getInt("size");
  return v;
}

AttachmentRecord toAttachment(const Row& r) {
  return {r.getInt("id"),           r.getInt("document_id"),   r.getInt("file_id"),
          r.getString("title"),     r.optInt("created_by"),    r.getInt("created_at"),
          r.getString("file_name"), r.getString("media_type"), r.getString("sha256"),
          r.getInt("size")};
}

Params visibleParams(const Viewer& v) {
  std::int64_t unit = v.unitId.value_or(-1);
  return {unit, v.userId, unit, v.userId};
}

// Escapes LIKE wildcards with '!' (portable across both dialects). The SQL lower-cases both
// sides with LOWER(), so case folds the same way on each backend (ASCII only on SQLite).
std::string likePattern(std::string_view s) {
  std::string out = "%";
  for (char ch : s) {
    if (ch == '%' || ch == '_' || ch == '!') out += '!';
    out += ch;
  }
  return out + "%";
}

// GCC 12 reports a false maybe-uninitialized in std::variant when a temporary Value is pushed
// inline; appending through one out-of-line function keeps -Werror builds clean.
[[gnu::noinline]] void addParam(Params& p, Value v) {
  p.push_back(std::move(v));
}

void addFilter(std::string& where, Params& p, std::string_view clause, Value v) {
  where += " AND ";
  where += clause;
  addParam(p, std::move(v));
}

std::string orderBy(const std::string& sort) {
  if (sort == "oldest") return " ORDER BY d.id ASC";
  if (sort == "due") return " ORDER BY d.due_date IS NULL, d.due_date ASC, d.id ASC";
  if (sort == "received")
    return " ORDER BY d.received_date IS NULL, d.received_date DESC, d.received_number DESC, d.id "
           "DESC";
  return " ORDER BY d.id DESC";
}

}  // namespace

namespace documents {

std::int64_t insert(Connection& c, const DocumentRecord& d) {
  c.execute(kInsert, {nullable(d.externalId),
                      d.direction,
                      d.status,
                      d.docType,
                      d.number,
                      d.notation,
                      d.subject,
                      d.issuer,
                      nullable(d.issuedDate),
                      d.signerName,
                      d.signerPosition,
                      d.recipients,
                      d.urgency,
                      d.secrecy,
                      nullable(d.pageCount),
                      nullable(d.copies),
                      nullable(d.dueDate),
                      nullable(d.receivedNumber),
                      nullable(d.receivedDate),
                      d.sender,
                      nullable(d.unitId),
                      nullable(d.createdBy),
                      d.createdAt,
                      d.updatedAt,
                      nullable(d.registerId),
                      nullable(d.presentedTo),
                      nullable(d.approverId),
                      d.directive,
                      nullable(d.completedAt),
                      d.result,
                      nullable(d.replyDocumentId),
                      d.issueForm,
                      nullable(d.revokedAt),
                      nullable(d.revokedBy),
                      d.revokeReason,
                      d.place,
                      d.interchangeStatus});
  return c.lastInsertId();
}

std::optional<DocumentRecord> find(Connection& c, std::int64_t id) {
  auto row = c.queryOne(
      std::string("SELECT ") + std::string(kColumns) + " FROM documents d WHERE d.id = ?", {id});
  if (!row) return std::nullopt;
  return toDocument(*row);
}

std::optional<DocumentRecord> findForUpdate(Connection& c, std::int64_t id) {
  auto row = c.queryOne(std::string("SELECT ") + std::string(kColumns) +
                            " FROM documents d WHERE d.id = ?" + std::string(c.forUpdate()),
                        {id});
  if (!row) return std::nullopt;
  return toDocument(*row);
}

std::optional<DocumentRecord> findByExternalId(Connection& c, const std::string& externalId) {
  auto row = c.queryOne(std::string("SELECT ") + std::string(kColumns) +
                            " FROM documents d WHERE d.external_id = ?",
                        {externalId});
  if (!row) return std::nullopt;
  return toDocument(*row);
}

void update(Connection& c, const DocumentRecord& d) {
  c.execute(kUpdate, {nullable(d.externalId),
                      d.status,
                      d.docType,
                      d.number,
                      d.notation,
                      d.subject,
                      d.issuer,
                      nullable(d.issuedDate),
                      d.signerName,
                      d.signerPosition,
                      d.recipients,
                      d.urgency,
                      d.secrecy,
                      nullable(d.pageCount),
                      nullable(d.copies),
                      nullable(d.dueDate),
                      nullable(d.receivedNumber),
                      nullable(d.receivedDate),
                      d.sender,
                      nullable(d.unitId),
                      nowMillis(),
                      nullable(d.registerId),
                      nullable(d.presentedTo),
                      nullable(d.approverId),
                      d.directive,
                      nullable(d.completedAt),
                      d.result,
                      nullable(d.replyDocumentId),
                      d.issueForm,
                      nullable(d.revokedAt),
                      nullable(d.revokedBy),
                      d.revokeReason,
                      d.place,
                      d.interchangeStatus,
                      d.id});
}

std::vector<DocumentRecord> list(Connection& c, const Viewer& v, const DocumentFilter& f,
                                 std::int64_t* total) {
  std::string where = std::string(" FROM documents d WHERE ") + std::string(kVisible);
  Params p = visibleParams(v);
  if (f.direction) addFilter(where, p, "d.direction = ?", *f.direction);
  if (f.status) addFilter(where, p, "d.status = ?", *f.status);
  if (f.docType) addFilter(where, p, "d.doc_type = ?", *f.docType);
  if (f.urgency) addFilter(where, p, "d.urgency = ?", *f.urgency);
  if (f.secrecy) addFilter(where, p, "d.secrecy = ?", *f.secrecy);
  if (f.unitId) addFilter(where, p, "d.unit_id = ?", *f.unitId);
  if (f.registerId) addFilter(where, p, "d.register_id = ?", *f.registerId);
  if (f.presentedTo) addFilter(where, p, "d.presented_to = ?", *f.presentedTo);
  if (f.approverId) addFilter(where, p, "d.approver_id = ?", *f.approverId);
  if (f.createdBy) addFilter(where, p, "d.created_by = ?", *f.createdBy);
  if (f.from) addFilter(where, p, "COALESCE(d.received_date, d.issued_date) >= ?", *f.from);
  if (f.to) addFilter(where, p, "COALESCE(d.received_date, d.issued_date) <= ?", *f.to);
  if (f.overdueOnly) {
    addFilter(where, p, "d.due_date < ?", f.overdueBefore);
    where += " AND d.status IN ('registered', 'presented', 'assigned', 'in_progress')";
  }
  if (f.text && !f.text->empty()) {
    std::string q(util::trim(*f.text));
    where += " AND (LOWER(d.subject) LIKE LOWER(?) ESCAPE '!' OR LOWER(d.notation) LIKE LOWER(?) "
             "ESCAPE '!' "
             "OR d.number = ?";
    addParam(p, likePattern(q));
    addParam(p, likePattern(q));
    addParam(p, q);
    if (auto n = util::parseInt(q)) {
      where += " OR d.received_number = ?";
      addParam(p, *n);
    }
    if (auto slash = q.find('/'); slash != std::string::npos && slash > 0) {
      // "12/QĐ-UBND": số, then ký hiệu.
      where += " OR (d.number = ? AND LOWER(d.notation) LIKE LOWER(?) ESCAPE '!')";
      addParam(p, q.substr(0, slash));
      std::string rest = likePattern(q.substr(slash + 1));
      addParam(p, rest.substr(1));  // anchored at the start
    }
    where += ")";
  }
  if (total) *total = c.queryOne("SELECT COUNT(*) AS n" + where, p)->getInt("n");
  std::string sql = std::string("SELECT ") + std::string(kColumns) + where + orderBy(f.sort) +
                    " LIMIT ? OFFSET ?";
  addParam(p, f.limit);
  addParam(p, f.offset);
  std::vector<DocumentRecord> out;
  for (const Row& r : c.query(sql, p))
    out.push_back(toDocument(r));
  return out;
}

std::vector<DocumentRecord> duplicates(Connection& c, std::int64_t unitId,
                                       const std::string& number, const std::string& notation,
                                       const std::string& issuer) {
  std::vector<DocumentRecord> out;
  for (const Row& r :
       c.query(std::string("SELECT ") + std::string(kColumns) + std::string(kDuplicates),
               {unitId, number, notation, issuer}))
    out.push_back(toDocument(r));
  return out;
}

bool visible(Connection& c, const Viewer& v, std::int64_t documentId) {
  Params p = visibleParams(v);
  addParam(p, documentId);
  return c
      .queryOne(std::string("SELECT 1 AS ok FROM documents d WHERE ") + std::string(kVisible) +
                    " AND d.id = ?",
                p)
      .has_value();
}

std::int64_t count(Connection& c) {
  return c.queryOne(kCount)->getInt("n");
}

}  // namespace documents

namespace versions {

std::int64_t append(Connection& c, VersionRecord& v) {
  auto row = c.queryOne(kMaxVersion, {v.documentId});
  v.versionNo = (row && !row->isNull("n") ? row->getInt("n") : 0) + 1;
  c.execute(kInsertVersion,
            {v.documentId, v.versionNo, v.fileId, v.kind, std::int64_t{v.immutable ? 1 : 0}, v.note,
             nullable(v.createdBy), v.createdAt});
  v.id = c.lastInsertId();
  return v.id;
}

std::vector<VersionRecord> list(Connection& c, std::int64_t documentId) {
  std::vector<VersionRecord> out;
  for (const Row& r :
       c.query(std::string("SELECT ") + std::string(kVersionColumns) + std::string(kVersionFrom) +
                   " WHERE v.document_id = ? ORDER BY v.version_no",
               {documentId}))
    out.push_back(toVersion(r));
  return out;
}

std::optional<VersionRecord> current(Connection& c, std::int64_t documentId) {
  auto row =
      c.queryOne(std::string("SELECT ") + std::string(kVersionColumns) + std::string(kVersionFrom) +
                     " WHERE v.document_id = ? ORDER BY v.version_no DESC LIMIT 1",
                 {documentId});
  if (!row) return std::nullopt;
  return toVersion(*row);
}

std::optional<VersionRecord> find(Connection& c, std::int64_t documentId, std::int64_t versionNo) {
  auto row =
      c.queryOne(std::string("SELECT ") + std::string(kVersionColumns) + std::string(kVersionFrom) +
                     " WHERE v.document_id = ? AND v.version_no = ?",
                 {documentId, versionNo});
  if (!row) return std::nullopt;
  return toVersion(*row);
}

std::optional<VersionRecord> findById(Connection& c, std::int64_t id) {
  auto row = c.queryOne(std::string("SELECT ") + std::string(kVersionColumns) +
                            std::string(kVersionFrom) + " WHERE v.id = ?",
                        {id});
  if (!row) return std::nullopt;
  return toVersion(*row);
}

}  // namespace versions

namespace attachments {

std::int64_t insert(Connection& c, const AttachmentRecord& a) {
  c.execute(kInsertAttachment,
            {a.documentId, a.fileId, a.title, nullable(a.createdBy), a.createdAt});
  return c.lastInsertId();
}

std::vector<AttachmentRecord> list(Connection& c, std::int64_t documentId) {
  std::vector<AttachmentRecord> out;
  for (const Row& r : c.query(
           std::string(kAttachmentSelect) + " WHERE a.document_id = ? ORDER BY a.id", {documentId}))
    out.push_back(toAttachment(r));
  return out;
}

std::optional<AttachmentRecord> find(Connection& c, std::int64_t documentId, std::int64_t id) {
  auto row = c.queryOne(std::string(kAttachmentSelect) + " WHERE a.document_id = ? AND a.id = ?",
                        {documentId, id});
  if (!row) return std::nullopt;
  return toAttachment(*row);
}

}  // namespace attachments

namespace access {

void insert(Connection& c, const AccessRecord& a) {
  c.execute(kInsertAccess, {a.documentId, nullable(a.userId), nullable(a.unitId), a.reason,
                            nullable(a.grantedBy), a.createdAt});
}

std::vector<AccessRecord> list(Connection& c, std::int64_t documentId) {
  std::vector<AccessRecord> out;
  for (const Row& r : c.query(kSelectAccess, {documentId}))
    out.push_back({r.getInt("document_id"), r.optInt("user_id"), r.optInt("unit_id"),
                   r.getString("reason"), r.optInt("granted_by"), r.getInt("created_at")});
  return out;
}

bool userNamed(Connection& c, std::int64_t documentId, std::int64_t userId) {
  return c.queryOne(kUserNamed, {documentId, userId}).has_value();
}

std::int64_t revokeGrant(Connection& c, std::int64_t documentId, std::int64_t userId) {
  return c.execute(kRevokeGrant, {documentId, userId});
}

}  // namespace access

namespace queues {

void enqueueSearch(Connection& c, std::int64_t documentId, const std::string& op) {
  c.execute(kEnqueueSearch, {documentId, op, nowMillis()});
}

void enqueueOcr(Connection& c, std::int64_t documentId, std::int64_t fileId) {
  std::int64_t now = nowMillis();
  c.execute(kEnqueueOcr, {documentId, fileId, now, now});
}

std::int64_t searchQueueLength(Connection& c) {
  return c.queryOne(kSearchQueueLength)->getInt("n");
}
std::int64_t ocrQueueLength(Connection& c) {
  return c.queryOne(kOcrQueueLength)->getInt("n");
}

}  // namespace queues

}  // namespace chancery::store
