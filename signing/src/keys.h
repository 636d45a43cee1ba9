#pragma once
// A signing key with its certificate chain, whatever holds it (PKCS#12 file, PKCS#11 token).
#include <memory>
#include <string>
#include <vector>

#include "chancery/signing/options.h"
#include "ossl.h"

namespace chancery::signing::keys {

class KeyHandle {
 public:
  virtual ~KeyHandle() = default;
  // Signs a SHA-256 digest (PKCS#1 v1.5 for RSA, DER ECDSA for EC). Throws SigningError(Crypto).
  std::string signDigest(const std::string& digest) const;
  X509* signer() const { return chain_.front().get(); }
  std::vector<X509*> chain() const;

 protected:
  ossl::PKey key_;
  std::vector<ossl::X509Ptr> chain_;  // signer first
};

// Throws SigningError(Key) for a wrong password, a missing key or a key/certificate mismatch.
std::unique_ptr<KeyHandle> load(const KeySource& source);

// Puts the signer first and the rest in issuing order; drops duplicates.
std::vector<ossl::X509Ptr> orderChain(std::vector<ossl::X509Ptr> certs);

}  // namespace chancery::signing::keys
