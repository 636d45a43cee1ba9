#pragma once
// Rows of the document flows: assignments of handlers, notes (directives, comments, progress,
// results), deliveries to internal recipients, signatures, two-phase signing sessions,
// reminder bookkeeping and edXML interchange messages.

#include "store/db.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace chancery::store {

struct AssignmentRecord {
  std::int64_t id = 0;
  std::int64_t documentId = 0;
  std::int64_t userId = 0;
  std::string role;  // lead | support
  std::optional<std::string> deadline;
  std::string status;  // open | done | cancelled
  std::optional<std::int64_t> assignedBy;
  std::int64_t assignedAt = 0;
  std::optional<std::int64_t> completedAt;
};

struct NoteRecord {
  std::int64_t id = 0;
  std::int64_t documentId = 0;
  std::string kind;  // directive | comment | progress | result | return | approval | revocation
  std::optional<std::int64_t> versionId;
  std::optional<std::int64_t> authorId;
  std::string text;
  std::int64_t createdAt = 0;
};

struct DeliveryRecord {
  std::int64_t id = 0;
  std::int64_t documentId = 0;
  std::optional<std::int64_t> unitId;
  std::optional<std::int64_t> userId;
  std::int64_t deliveredAt = 0;
  std::optional<std::int64_t> readAt;
  std::optional<std::int64_t> readBy;
};

struct SignatureRecord {
  std::int64_t id = 0;
  std::int64_t documentId = 0;
  std::int64_t versionId = 0;
  std::string role;  // leader | organisation
  std::optional<std::int64_t> signerId;
  std::string signerName;
  std::string method;  // server | token
  std::int64_t signedAt = 0;
};

struct SigningSession {
  std::string id;
  std::int64_t documentId = 0;
  std::int64_t versionId = 0;
  std::int64_t userId = 0;
  std::string state;
  std::int64_t createdAt = 0;
  std::int64_t expiresAt = 0;
};

struct InterchangeMessage {
  std::int64_t id = 0;
  std::optional<std::int64_t> documentId;
  std::string direction;  // in | out
  std::string kind;       // document | status
  std::string statusCode;
  std::string peerOrganId;
  std::string edxmlDocumentId;
  std::string description;
  std::optional<std::int64_t> createdBy;
  std::int64_t createdAt = 0;
};

// An open assignment with what a reminder or a task list needs about its document.
struct OpenTask {
  AssignmentRecord assignment;
  std::string status, subject, number, notation, secrecy, urgency;
  std::optional<std::int64_t> receivedNumber;
  std::optional<std::int64_t> unitId;
};

// One completed or open incoming document, for the on-time figures.
struct HandlingFact {
  std::optional<std::int64_t> unitId;
  std::string secrecy;
  std::optional<std::string> dueDate;
  std::optional<std::string> receivedDate;
  std::optional<std::int64_t> completedAt;
  std::string status;
};

namespace assignments {
std::int64_t insert(Connection& c, const AssignmentRecord& a);
std::vector<AssignmentRecord> forDocument(Connection& c, std::int64_t documentId);
// Marks every open assignment of the document as status (done | cancelled).
void closeAll(Connection& c, std::int64_t documentId, const std::string& status);
// Open assignments of documents in an open incoming state; of one user when userId is set.
std::vector<OpenTask> open(Connection& c, std::optional<std::int64_t> userId);
}  // namespace assignments

namespace notes {
std::int64_t insert(Connection& c, const NoteRecord& n);
std::vector<NoteRecord> forDocument(Connection& c, std::int64_t documentId);
}  // namespace notes

namespace deliveries {
std::int64_t insert(Connection& c, const DeliveryRecord& d);
std::vector<DeliveryRecord> forDocument(Connection& c, std::int64_t documentId);
// Deliveries addressed to the user or the unit, newest first.
std::vector<DeliveryRecord> inbox(Connection& c, std::int64_t userId,
                                  std::optional<std::int64_t> unitId, std::int64_t limit,
                                  std::int64_t offset, std::int64_t* total);
void markRead(Connection& c, std::int64_t documentId, std::int64_t userId,
              std::optional<std::int64_t> unitId);
}  // namespace deliveries

namespace signatures {
std::int64_t insert(Connection& c, const SignatureRecord& s);
std::vector<SignatureRecord> forDocument(Connection& c, std::int64_t documentId);
}  // namespace signatures

namespace signing_sessions {
void insert(Connection& c, const SigningSession& s);
std::optional<SigningSession> find(Connection& c, const std::string& id);
void remove(Connection& c, const std::string& id);
}  // namespace signing_sessions

namespace reminders {
// Records that a reminder is being sent; false when one was already recorded.
bool claim(Connection& c, std::int64_t assignmentId, const std::string& kind,
           const std::string& on);
void release(Connection& c, std::int64_t assignmentId, const std::string& kind,
             const std::string& on);
}  // namespace reminders

namespace interchange {
std::int64_t insert(Connection& c, const InterchangeMessage& m);
std::vector<InterchangeMessage> forDocument(Connection& c, std::int64_t documentId);
// The document an edXML DocumentId refers to: one we imported under it (received = true), or
// one we sent under it.
std::optional<std::int64_t> documentFor(Connection& c, const std::string& edxmlDocumentId,
                                        bool received);
}  // namespace interchange

namespace facts {
// Incoming documents received or completed in [fromMillis, toMillis), or still open.
std::vector<HandlingFact> handling(Connection& c, std::int64_t fromMillis, std::int64_t toMillis,
                                   const std::string& fromDate, const std::string& toDate);
}  // namespace facts

}  // namespace chancery::store
