#pragma once
// The transitions of document_flow.h, one function each: the incoming flow (present to a
// leader, direct and assign, report progress, complete) and the outgoing flow (submit, return,
// approve, sign, issue), plus comments and revocation for both. Every transition runs in one
// transaction with its audit entry and search-queue row; a refused one changes nothing.

#include "service/document_signer.h"
#include "service/documents.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace chancery::service {

struct AssignRequest {
  std::string directive;                     // ý kiến chỉ đạo
  std::int64_t leadUserId = 0;               // chủ trì
  std::vector<std::int64_t> supportUserIds;  // phối hợp
  std::optional<std::string> deadline;       // hạn xử lý, YYYY-MM-DD
};

struct IssueRequest {
  std::string form = "electronic";  // electronic | paper
  std::vector<std::int64_t> recipientUnitIds;
  std::vector<std::int64_t> recipientUserIds;
};

// What the signing screen shows before the leader signs: where the appearance goes and what it
// says, and whether this instance can sign at all.
struct SigningPreview {
  bool available = false;
  std::string unavailableReason;
  bool serverKey = false;  // the server holds a key for the caller
  std::int64_t versionNo = 0;
  std::int64_t pages = 0;
  SignatureBox box;
  std::string position, name;                   // the leader's appearance lines
  std::string organisationName, numberPreview;  // what the issue step will add
};

struct StartedSigning {
  std::string sessionId;
  std::string toBeSigned;  // binary; base64 in the API
  std::int64_t expiresAt = 0;
};

struct SignatureCheck {
  bool available = false;
  std::string reason;
  std::int64_t versionNo = 0;
  std::vector<VerifiedSignature> results;
};

class FlowService {
public:
  FlowService(store::Db& db, DocumentService& documents, DocumentSigner& signer,
              std::string organisationName)
      : db_(db), documents_(documents), signer_(signer),
        organisationName_(std::move(organisationName)) {}

  // Incoming. Each throws Error: NotFound (not visible), Conflict ("invalid_transition"),
  // Forbidden (role), BadRequest (fields, e.g. a handler outside the unit).
  DocumentDetail present(const Principal& actor, std::int64_t id, std::int64_t leaderId,
                         const std::string& note);
  DocumentDetail assign(const Principal& actor, std::int64_t id, const AssignRequest& r);
  DocumentDetail progress(const Principal& actor, std::int64_t id, const std::string& note);
  DocumentDetail complete(const Principal& actor, std::int64_t id, const std::string& result,
                          std::optional<std::int64_t> replyDocumentId);

  // Outgoing.
  DocumentDetail submit(const Principal& actor, std::int64_t id,
                        std::optional<std::int64_t> approverId, const std::string& note);
  DocumentDetail sendBack(const Principal& actor, std::int64_t id, const std::string& comment);
  DocumentDetail approve(const Principal& actor, std::int64_t id, const std::string& note);
  SigningPreview signingPreview(const Principal& actor, std::int64_t id);
  // With a key the server holds. Throws Error(Conflict, "no_server_key") when there is none,
  // and what DocumentSigner throws; nothing changes unless the signed version is stored.
  DocumentDetail sign(const Principal& actor, std::int64_t id);
  StartedSigning startTokenSigning(const Principal& actor, std::int64_t id,
                                   const std::string& certificateChainPem);
  DocumentDetail finishTokenSigning(const Principal& actor, std::int64_t id,
                                    const std::string& sessionId, const std::string& signature);
  // Gives the number and date under the outgoing register's lock; electronic issue also fills
  // them into the PDF and seals it (needs signing), paper issue records them only.
  DocumentDetail issue(const Principal& actor, std::int64_t id, const IssueRequest& r);
  SignatureCheck verify(const Principal& actor, std::int64_t id);

  // Both directions.
  DocumentDetail comment(const Principal& actor, std::int64_t id, const std::string& text);
  DocumentDetail revoke(const Principal& actor, std::int64_t id, const std::string& reason);

private:
  DocumentDetail storeSigned(const Principal& actor, std::int64_t id, std::int64_t fromVersionId,
                             const std::string& signedPdf, const std::string& method);

  store::Db& db_;
  DocumentService& documents_;
  DocumentSigner& signer_;
  std::string organisationName_;
};

}  // namespace chancery::service
