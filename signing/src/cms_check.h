#pragma once
// The cryptographic checks of one signature: digest, CMS signature, signer binding, timestamp,
// certificate chain, key usage and revocation.
#include <ctime>
#include <optional>
#include <string>
#include <string_view>

#include "chancery/signing/verifier.h"
#include "ossl.h"
#include "sig_scan.h"

namespace chancery::signing::cms {

struct CheckContext {
  std::string_view file;
  X509_STORE* store = nullptr;
  const pdf::DssData* dss = nullptr;
  const VerifyOptions* options = nullptr;
  std::optional<std::time_t> claimedTime;
};

// Fills the crypto part of `report` (problems and warnings included). Never throws.
void check(const pdf::FoundSignature& sig, const CheckContext& ctx, SignatureReport& report);

}  // namespace chancery::signing::cms
