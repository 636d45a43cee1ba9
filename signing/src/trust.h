#pragma once
// Trust anchors from PEM files, directories or text, as an X509_STORE.
#include "chancery/signing/verifier.h"
#include "ossl.h"

namespace chancery::signing::trust {

// Throws SigningError(InvalidArgument) for a file or directory that yields no certificate.
ossl::Store makeStore(const VerifyOptions& options);

}  // namespace chancery::signing::trust
