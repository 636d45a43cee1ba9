#pragma once
// The seam between the document flow and PDF signing. The flow decides when a version is
// signed, by whom, and which version results; a DocumentSigner only turns PDF bytes into signed
// PDF bytes and reports on the signatures a PDF carries. It never touches the database.
// The implementation is LibrarySigner (service/library_signer.h) over chancery::signing.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace chancery::service {

// Where a visible signature goes, in PDF points with the origin at the bottom left.
struct SignatureBox {
  int page = 0;  // 1-based; the flow puts the leader's block on the last page
  double x = 0, y = 0, width = 0, height = 0;
};

// The leader's personal signature (Decree 30 appendix I: chức vụ, signature image, full name).
struct LeaderSignature {
  std::int64_t userId = 0;
  std::string username;  // names the server-held key and the signature image
  std::string fullName;
  std::string position;  // chức vụ, e.g. "CHÁNH VĂN PHÒNG"
  std::string reason;    // e.g. "Ký ban hành Quyết định"
  std::string location;  // địa danh
  SignatureBox box;
};

// What the clerk's issue step applies in one incremental update: the number and date filled
// into the document's form fields (when it has them), and the organisation's signature — the
// seal over the left third of the leader's signature, or, without a seal image or without the
// fields, the text block "Số: 12/QĐ-VP" at the top right (Decree 30 appendix I).
struct OrganisationSeal {
  std::string organisationName;
  std::string numberAndNotation;  // "12/QĐ-VP"
  std::string dateText;           // "Bắc An, ngày 05 tháng 3 năm 2026"
  std::string location;
  SignatureBox leaderBox;  // where the leader's signature is
};

// Phase one of signing with a key the server does not hold (a USB token in the browser).
struct PreparedSigning {
  std::string state;       // opaque text; handed back to completeExternal()
  std::string toBeSigned;  // the bytes the token must sign (binary)
};

struct VerifiedSignature {
  std::string fieldName;
  std::string signer;        // certificate common name
  std::string signingTime;   // ISO 8601 (the timestamp's time when there is one)
  std::string level;         // B-B, B-T, B-LT
  bool valid = false;        // intact, trusted, not revoked, followed only by allowed changes
  bool intact = false;       // the signed bytes are unchanged and the CMS verifies
  bool trusted = false;      // chains to a configured trust anchor, valid at signing time
  std::string changesAfter;  // none | signatures-or-dss | form-filling | annotations | other
  std::string problem;       // empty when valid
};

class DocumentSigner {
public:
  virtual ~DocumentSigner() = default;
  // False (with the reason) when this instance cannot sign at all.
  virtual bool available(std::string* reason = nullptr) const = 0;
  // Whether the server holds a signing key for this user (PKCS#12 or PKCS#11 by configuration).
  virtual bool hasServerKey(const std::string& username) const = 0;
  virtual bool hasOrganisationKey() const = 0;
  // Each returns the signed PDF: the input unchanged plus an incremental update. Each throws
  // Error(Conflict, "no_server_key" / "no_organisation_key") when the key is missing,
  // Error(Unprocessable) when the PDF cannot be signed, Error(Unavailable) when a TSA or a
  // revocation service cannot be reached.
  virtual std::string signAsLeader(std::string_view pdf, const LeaderSignature& s) = 0;
  virtual std::string issueWithSeal(std::string_view pdf, const OrganisationSeal& s) = 0;
  virtual PreparedSigning prepareExternal(std::string_view pdf, const LeaderSignature& s,
                                          std::string_view certificateChainPem) = 0;
  // Throws Error(BadRequest, "signature_mismatch") when the signature is not over toBeSigned.
  virtual std::string completeExternal(const std::string& state, std::string_view signature) = 0;
  virtual std::vector<VerifiedSignature> verify(std::string_view pdf) = 0;
};

}  // namespace chancery::service
