#pragma once
// The seam between the document flow and PDF signing. The flow decides when a version is
// signed, by whom, and which version results; a DocumentSigner only turns PDF bytes into signed
// PDF bytes and reports on the signatures a PDF carries. It never touches the database.
//
// The implementation over chancery::signing (PAdES, PoDoFo + OpenSSL) arrives when the signing
// library lands in main. Until then the instance runs with makeUnavailableSigner(), whose every
// operation throws Error(Unavailable, "signing_unavailable"): the flow refuses to sign or to
// issue electronically instead of pretending. Nothing here fakes a signature.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace chancery::service {

// Where a visible signature goes, in PDF points with the origin at the bottom left.
struct SignatureBox {
  int page = 0;  // 1-based; 0 means the last page (where Decree 30 puts the signature block)
  double x = 0, y = 0, width = 0, height = 0;
};

// The leader's personal signature (Decree 30 appendix I: chức vụ, signature image, full name).
struct LeaderSignature {
  std::int64_t userId = 0;
  std::string fullName;
  std::string position;  // chức vụ, e.g. "CHÁNH VĂN PHÒNG"
  std::string reason;    // e.g. "Ký ban hành"
  SignatureBox box;
  std::string signatureImagePng;  // empty: text-only appearance
};

// What the clerk's issue step applies in one incremental update: the number and date filled
// into the document's form fields, and the organisation's signature with its seal.
struct OrganisationSeal {
  std::string organisationName;
  std::string numberAndNotation;                            // "12/QĐ-VP"
  std::string dateText;                                     // "ngày 05 tháng 3 năm 2026"
  std::vector<std::pair<std::string, std::string>> fields;  // form field name → value
  std::string sealPng;        // empty: text-only organisation signature
  std::string sealOverField;  // the leader's signature field the seal overlaps
};

// Phase one of signing with a key the server does not hold (a USB token in the browser).
struct PreparedSigning {
  std::string state;       // opaque; handed back to completeExternal()
  std::string toBeSigned;  // the bytes the token must sign (binary)
};

struct VerifiedSignature {
  std::string fieldName;
  std::string signer;        // certificate common name
  std::string signingTime;   // ISO 8601
  bool intact = false;       // the signed bytes are unchanged and the CMS verifies
  bool trusted = false;      // the certificate chains to a configured trust anchor
  std::string changesAfter;  // none | signatures | form_filling | annotations | other
  std::string problem;       // empty when intact and trusted
};

class DocumentSigner {
public:
  virtual ~DocumentSigner() = default;
  // False (with the reason) when this instance cannot sign at all.
  virtual bool available(std::string* reason = nullptr) const = 0;
  // Whether the server holds a signing key for this user (PKCS#12 or PKCS#11 by configuration).
  virtual bool hasServerKey(std::int64_t userId) const = 0;
  virtual bool hasOrganisationKey() const = 0;
  // Each returns the signed PDF: the input unchanged plus an incremental update. Each throws
  // Error(Unavailable) when signing is not available, Error(Unprocessable) when the PDF cannot
  // be signed, Error(Conflict) when the key is missing.
  virtual std::string signAsLeader(std::string_view pdf, const LeaderSignature& s) = 0;
  virtual std::string issueWithSeal(std::string_view pdf, const OrganisationSeal& s) = 0;
  virtual PreparedSigning prepareExternal(std::string_view pdf, const LeaderSignature& s,
                                          std::string_view certificateChainPem) = 0;
  // Throws Error(BadRequest, "signature_mismatch") when the signature is not over toBeSigned.
  virtual std::string completeExternal(const std::string& state, std::string_view signature) = 0;
  virtual std::vector<VerifiedSignature> verify(std::string_view pdf) = 0;
};

// The signer used until chancery::signing is in main: available() is false with `reason`, and
// every operation throws Error(Unavailable, "signing_unavailable", reason).
std::unique_ptr<DocumentSigner> makeUnavailableSigner(std::string reason);

}  // namespace chancery::service
