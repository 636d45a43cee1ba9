#pragma once
// Verifying the signatures of a PDF: integrity, the CMS, trust, revocation, timestamps, and
// what changed in the document after each signature.
#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "chancery/signing/transport.h"

namespace chancery::signing {

// What later revisions changed relative to the revision a signature covers, in increasing
// order of severity. Only `Other` makes the document "modified".
enum class ChangeKind {
  None,             // the signature covers the whole file
  SignaturesOrDss,  // later signatures, signature fields, DSS/VRI, document timestamps
  FormFilling,      // values and appearances of existing form fields
  Annotations,      // annotations added, changed or removed
  Other,            // page content, resources or other objects replaced, objects deleted,
                    // unparsable bytes after a revision
};
const char* changeKindName(ChangeKind kind) noexcept;

enum class RevocationStatus { Good, Revoked, Unknown, NotChecked };
const char* revocationStatusName(RevocationStatus s) noexcept;

struct CertificateStatus {
  std::string subject;
  RevocationStatus status = RevocationStatus::NotChecked;
  std::string source;  // "DSS OCSP", "DSS CRL", "online OCSP", "online CRL", "CMS", ""
  std::string detail;
};

struct SignatureReport {
  std::string fieldName;
  std::string subFilter;
  std::string signer;          // common name of the signer certificate
  std::string signerSubject;   // full subject
  std::string claimedTime;     // /M, ISO 8601; empty if absent
  std::string timestampTime;   // genTime of the signature timestamp, ISO 8601 UTC; empty if none
  std::string level;           // "B-B", "B-T", "B-LT" (or "none" for non-PAdES signatures)
  std::size_t revision = 0;    // 1-based revision the signature covers; 0 if none matches
  std::size_t revisions = 0;   // revisions in the file
  bool coversWholeFile = false;

  bool digestMatches = false;       // /ByteRange hash equals the message-digest attribute
  bool signatureValid = false;      // the CMS signature verifies with the signer's key
  bool oneSignerInfo = false;
  bool signingCertificateBound = false;  // signing-certificate-v2 matches the signer
  bool chainTrusted = false;        // chains to a configured trust anchor
  bool validAtSigningTime = false;  // every certificate valid at the (timestamp) time
  bool keyUsageOk = false;          // nonRepudiation or digitalSignature
  bool timestampPresent = false;
  bool timestampValid = false;
  RevocationStatus revocation = RevocationStatus::NotChecked;  // of the signer certificate
  std::vector<CertificateStatus> chain;  // signer first
  std::vector<CertificateStatus> timestampChain;  // the TSA first, when there is a timestamp

  ChangeKind changesAfter = ChangeKind::None;
  std::vector<std::string> changeDetails;
  std::vector<std::string> problems;  // why the signature is not valid, in words
  std::vector<std::string> warnings;  // things worth knowing that do not fail it

  bool modified() const { return changesAfter == ChangeKind::Other; }
  // Intact, trusted, not revoked, and followed only by allowed changes.
  bool valid() const { return problems.empty(); }
};

struct VerificationReport {
  std::vector<SignatureReport> signatures;
  std::size_t revisions = 0;
  std::string error;  // set when the file could not be read at all
  // Every signature valid (and at least one present).
  bool allValid() const;
  // 0 all valid, 1 otherwise, 2 unreadable input — the `chancery verify` exit code.
  int exitCode() const;
};

struct VerifyOptions {
  std::vector<std::string> trustAnchorFiles;  // PEM files (may hold several certificates)
  std::vector<std::string> trustAnchorDirs;   // directories of PEM files
  std::string trustAnchorPem;                 // PEM text, for callers holding anchors in memory
  // Fetch OCSP/CRL through `transport` when the DSS has nothing for a certificate.
  bool onlineRevocation = false;
  Transport* transport = nullptr;
  // Treat "revocation unknown" as a failure (otherwise it is a warning).
  bool requireRevocation = false;
};

// Never throws for bad input: an unreadable file (or unreadable trust anchors) gives a report
// with `error` set.
VerificationReport verifyPdf(std::string_view pdf, const VerifyOptions& options);

// The same with the trust anchors parsed once, for callers that verify many documents.
class Verifier {
 public:
  // Throws SigningError(InvalidArgument) when a trust anchor file or directory is unusable.
  explicit Verifier(const VerifyOptions& options);
  ~Verifier();
  Verifier(Verifier&&) noexcept;
  Verifier& operator=(Verifier&&) noexcept;
  VerificationReport verify(std::string_view pdf) const;  // as verifyPdf; never throws

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Checks a file that came back from an outside signer (e.g. a VGCA sign-service agent):
// accepted only if `sent` is a byte-identical prefix of `returned`, exactly one signature was
// added, it is valid (per `options`), and nothing but signature/DSS objects changed.
struct ExternalCheck {
  bool accepted = false;
  std::string reason;       // why not, in words; empty when accepted
  SignatureReport added;    // the new signature's report, when there is exactly one
};
ExternalCheck acceptExternallySigned(std::string_view sent, std::string_view returned,
                                     const VerifyOptions& options);

// Renderers. JSON is UTF-8, stable key order, no trailing newline.
std::string toJson(const VerificationReport& report);
std::string toText(const VerificationReport& report);

}  // namespace chancery::signing
