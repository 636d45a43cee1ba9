#pragma once
// RFC 3161 signature timestamps through the caller's Transport.
#include <string>
#include <string_view>

#include "chancery/signing/transport.h"

namespace chancery::signing::tsp {

// Asks the TSA at `url` to timestamp `signatureValue` (SHA-256 imprint, nonce, certReq) and
// returns the token (DER ContentInfo). Throws SigningError(Timestamp/Transport).
std::string requestToken(Transport& transport, const std::string& url,
                         std::string_view signatureValue);

}  // namespace chancery::signing::tsp
