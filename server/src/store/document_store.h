#pragma once
// Rows of documents (Decree 30 appendix VI metadata plus flow state), their versions,
// attachments and access grants, and the two queues other components drain (search index,
// OCR). Listing filters by what the viewer may see in SQL, so counts never include the rest.

#include "store/db.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace chancery::store {

struct DocumentRecord {
  std::int64_t id = 0;
  std::optional<std::string> externalId;
  std::string direction;  // incoming | outgoing
  std::string status;
  std::string docType;   // the Vietnamese type name, e.g. "Quyết định"
  std::string number;    // số
  std::string notation;  // ký hiệu
  std::string subject;   // trích yếu
  std::string issuer;    // cơ quan ban hành
  std::optional<std::string> issuedDate;
  std::string signerName;
  std::string signerPosition;
  std::string recipients;  // nơi nhận
  std::string urgency = "normal";
  std::string secrecy = "none";
  std::optional<std::int64_t> pageCount;
  std::optional<std::int64_t> copies;
  std::optional<std::string> dueDate;
  std::optional<std::int64_t> receivedNumber;
  std::optional<std::string> receivedDate;
  std::string sender;  // nơi gửi
  std::optional<std::int64_t> unitId;
  std::optional<std::int64_t> createdBy;
  std::int64_t createdAt = 0;
  std::int64_t updatedAt = 0;
  // Flow state (migration 0004).
  std::optional<std::int64_t> registerId;
  std::optional<std::int64_t> presentedTo;
  std::optional<std::int64_t> approverId;
  std::string directive;
  std::optional<std::int64_t> completedAt;
  std::string result;
  std::optional<std::int64_t> replyDocumentId;
  std::string issueForm;
  std::optional<std::int64_t> revokedAt;
  std::optional<std::int64_t> revokedBy;
  std::string revokeReason;
  std::string place;
  std::string interchangeStatus;
};

struct VersionRecord {
  std::int64_t id = 0;
  std::int64_t documentId = 0;
  std::int64_t versionNo = 0;
  std::int64_t fileId = 0;
  std::string kind;  // draft | scan | signed | issued | imported
  bool immutable = false;
  std::string note;
  std::optional<std::int64_t> createdBy;
  std::int64_t createdAt = 0;
  // From the joined file row.
  std::string fileName, mediaType, sha256;
  std::int64_t size = 0;
};

struct AttachmentRecord {
  std::int64_t id = 0;
  std::int64_t documentId = 0;
  std::int64_t fileId = 0;
  std::string title;
  std::optional<std::int64_t> createdBy;
  std::int64_t createdAt = 0;
  std::string fileName, mediaType, sha256;
  std::int64_t size = 0;
};

struct AccessRecord {
  std::int64_t documentId = 0;
  std::optional<std::int64_t> userId;
  std::optional<std::int64_t> unitId;
  std::string reason;  // creator | registrar | handler | leader | recipient | grant | signer
  std::optional<std::int64_t> grantedBy;
  std::int64_t createdAt = 0;
};

// Who looks: lists show only what this viewer may see (docs/documents.md, "Who sees what").
struct Viewer {
  std::int64_t userId = 0;
  std::optional<std::int64_t> unitId;
};

struct DocumentFilter {
  std::optional<std::string> direction, status, docType, urgency, secrecy;
  std::optional<std::int64_t> unitId, registerId, presentedTo, approverId, createdBy;
  std::optional<std::string> from, to;  // YYYY-MM-DD on ngày đến (incoming) or ban hành
  std::optional<std::string> text;      // on số, ký hiệu, trích yếu, số đến
  bool overdueOnly = false;             // open with due_date before overdueBefore
  std::string overdueBefore;            // YYYY-MM-DD (today)
  std::string sort = "newest";          // newest | oldest | due | received
  std::int64_t limit = 50, offset = 0;
};

namespace documents {
std::int64_t insert(Connection& c, const DocumentRecord& d);
std::optional<DocumentRecord> find(Connection& c, std::int64_t id);
// Locks the row until the transaction ends (MySQL); SQLite already holds the write lock.
std::optional<DocumentRecord> findForUpdate(Connection& c, std::int64_t id);
std::optional<DocumentRecord> findByExternalId(Connection& c, const std::string& externalId);
// Writes every column but id, direction, created_*; sets updated_at.
void update(Connection& c, const DocumentRecord& d);
// The visible page and the visible total.
std::vector<DocumentRecord> list(Connection& c, const Viewer& v, const DocumentFilter& f,
                                 std::int64_t* total);
// Incoming documents of a unit with the same số, ký hiệu and cơ quan ban hành (not revoked).
std::vector<DocumentRecord> duplicates(Connection& c, std::int64_t unitId,
                                       const std::string& number, const std::string& notation,
                                       const std::string& issuer);
// True when v may see the document (same rule as list()).
bool visible(Connection& c, const Viewer& v, std::int64_t documentId);
std::int64_t count(Connection& c);
}  // namespace documents

namespace versions {
// version_no is one more than the highest so far.
std::int64_t append(Connection& c, VersionRecord& v);
std::vector<VersionRecord> list(Connection& c, std::int64_t documentId);
std::optional<VersionRecord> current(Connection& c, std::int64_t documentId);
std::optional<VersionRecord> find(Connection& c, std::int64_t documentId, std::int64_t versionNo);
std::optional<VersionRecord> findById(Connection& c, std::int64_t id);
}  // namespace versions

namespace attachments {
std::int64_t insert(Connection& c, const AttachmentRecord& a);
std::vector<AttachmentRecord> list(Connection& c, std::int64_t documentId);
std::optional<AttachmentRecord> find(Connection& c, std::int64_t documentId, std::int64_t id);
}  // namespace attachments

namespace access {
void insert(Connection& c, const AccessRecord& a);
std::vector<AccessRecord> list(Connection& c, std::int64_t documentId);
bool userNamed(Connection& c, std::int64_t documentId, std::int64_t userId);
// Removes explicit grants of the user; returns how many.
std::int64_t revokeGrant(Connection& c, std::int64_t documentId, std::int64_t userId);
}  // namespace access

namespace queues {
// search_queue: op is "upsert" or "delete"; the search index writer drains it.
void enqueueSearch(Connection& c, std::int64_t documentId, const std::string& op);
void enqueueOcr(Connection& c, std::int64_t documentId, std::int64_t fileId);
std::int64_t searchQueueLength(Connection& c);
std::int64_t ocrQueueLength(Connection& c);
}  // namespace queues

}  // namespace chancery::store
