#pragma once
// OCSP and CRL evidence: checking it (from a DSS or fetched online) and fetching it for B-LT.
#include <ctime>
#include <optional>
#include <string>
#include <vector>

#include "chancery/signing/transport.h"
#include "chancery/signing/verifier.h"
#include "ossl.h"

namespace chancery::signing::revocation {

struct Result {
  RevocationStatus status = RevocationStatus::Unknown;
  std::string source;
  std::string detail;
  std::optional<std::time_t> revokedAt;
  std::optional<std::time_t> issuedAt;  // OCSP thisUpdate or CRL lastUpdate
  std::string evidence;  // DER of the OCSP response or CRL that decided
  bool evidenceIsOcsp = false;
  std::vector<std::string> extraCerts;  // DER: e.g. the OCSP responder's certificate
};

// Looks for a decision about `cert` among DER OCSP responses and CRLs. With a `store`, the
// evidence must verify against it (a response no anchor vouches for is ignored).
Result checkEvidence(X509* cert, X509* issuer, const std::vector<std::string>& ocsps,
                     const std::vector<std::string>& crls, X509_STORE* store,
                     STACK_OF(X509)* untrusted, const std::string& sourcePrefix);

// Asks the certificate's OCSP responder (AIA), else downloads its CRL (CDP).
// Returns Unknown with a detail when neither is available or reachable; never throws.
Result fetch(X509* cert, X509* issuer, Transport& transport, X509_STORE* store,
             STACK_OF(X509)* untrusted);

std::vector<std::string> ocspUrls(X509* cert);
std::vector<std::string> crlUrls(X509* cert);

}  // namespace chancery::signing::revocation
