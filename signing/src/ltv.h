#pragma once
// B-LT: a /DSS with the certificates and revocation data of the signer's chain and of the
// timestamp's, appended as its own incremental update after the signature.
#include <string>

#include "chancery/signing/transport.h"

namespace chancery::signing::ltv {

// Reads the newest signature of `pdf`, fetches OCSP (or CRL) for every certificate of both
// chains through `transport`, and returns `pdf` with a DSS update appended.
// Throws SigningError(Revocation, Transport, Malformed).
std::string appendDss(const std::string& pdf, Transport& transport);

}  // namespace chancery::signing::ltv
