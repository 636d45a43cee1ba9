// The pkcs11 engine is OpenSSL's deprecated ENGINE API; libengine-pkcs11-openssl offers no
// provider in Debian 12, so this file opts into the 1.1 API on purpose.
#define OPENSSL_SUPPRESS_DEPRECATED
#include "keys.h"

#include <openssl/engine.h>
#include <openssl/err.h>
#include <openssl/pkcs12.h>

#include <algorithm>

#include "chancery/signing/error.h"

namespace chancery::signing::keys {
namespace {
constexpr const char* kDefaultModule = "/usr/lib/softhsm/libsofthsm2.so";

class Pkcs12Key : public KeyHandle {
 public:
  explicit Pkcs12Key(const KeySource& src) {
    auto* p = reinterpret_cast<const unsigned char*>(src.pkcs12.data());
    PKCS12* p12 = d2i_PKCS12(nullptr, &p, static_cast<long>(src.pkcs12.size()));
    if (!p12) throw SigningError(ErrorCode::Key, "not a PKCS#12 file: " + ossl::errors());
    EVP_PKEY* pkey = nullptr;
    X509* cert = nullptr;
    STACK_OF(X509)* ca = nullptr;
    int ok = PKCS12_parse(p12, src.password.c_str(), &pkey, &cert, &ca);
    PKCS12_free(p12);
    if (!ok || !pkey || !cert)
      throw SigningError(ErrorCode::Key, "cannot open PKCS#12 (wrong password?): " + ossl::errors());
    key_.reset(pkey);
    std::vector<ossl::X509Ptr> certs;
    certs.emplace_back(cert);
    if (X509_check_private_key(cert, pkey) != 1)
      throw SigningError(ErrorCode::Key, "the PKCS#12 key does not match its certificate");
    for (int i = 0; ca && i < sk_X509_num(ca); ++i) certs.emplace_back(sk_X509_value(ca, i));
    sk_X509_free(ca);
    for (auto& c : ossl::certsFromPem(src.certificateChainPem)) certs.push_back(std::move(c));
    chain_ = orderChain(std::move(certs));
  }
};

class Pkcs11Key : public KeyHandle {
 public:
  explicit Pkcs11Key(const KeySource& src) {
    ENGINE_load_builtin_engines();
    ENGINE* e = ENGINE_by_id("pkcs11");
    if (!e) throw SigningError(ErrorCode::Key, "OpenSSL pkcs11 engine not found: " + ossl::errors());
    std::string module = src.pkcs11Module.empty() ? kDefaultModule : src.pkcs11Module;
    bool ok = ENGINE_ctrl_cmd_string(e, "MODULE_PATH", module.c_str(), 0) &&
              (src.pin.empty() || ENGINE_ctrl_cmd_string(e, "PIN", src.pin.c_str(), 0)) &&
              ENGINE_init(e);
    // NB: libp11 keeps the token logged in for the life of the process, so only the first
    // login of a process checks the PIN (see docs/signing.md, "PKCS#11").
    if (!ok) {
      ENGINE_free(e);
      throw SigningError(ErrorCode::Key, "cannot initialise PKCS#11 module " + module + ": " +
                                             ossl::errors());
    }
    EVP_PKEY* pkey = ENGINE_load_private_key(e, src.pkcs11Uri.c_str(), nullptr, nullptr);
    std::vector<ossl::X509Ptr> certs = ossl::certsFromPem(src.certificateChainPem);
    if (certs.empty()) {
      struct { const char* id; X509* cert; } params{src.pkcs11Uri.c_str(), nullptr};
      ENGINE_ctrl_cmd(e, "LOAD_CERT_CTRL", 0, &params, nullptr, 1);
      if (params.cert) certs.emplace_back(params.cert);
    }
    ENGINE_finish(e);  // the key keeps its own functional reference
    ENGINE_free(e);
    if (!pkey) throw SigningError(ErrorCode::Key, "no private key at " + src.pkcs11Uri + ": " + ossl::errors());
    key_.reset(pkey);
    if (certs.empty()) throw SigningError(ErrorCode::Key, "no certificate for the PKCS#11 key");
    chain_ = orderChain(std::move(certs));
  }
};
}  // namespace

std::string KeyHandle::signDigest(const std::string& digest) const {
  EVP_PKEY_CTX* ctx = EVP_PKEY_CTX_new(key_.get(), nullptr);
  std::size_t len = 0;
  bool ok = ctx && EVP_PKEY_sign_init(ctx) > 0 && EVP_PKEY_CTX_set_signature_md(ctx, EVP_sha256()) > 0;
  if (ok && EVP_PKEY_get_base_id(key_.get()) == EVP_PKEY_RSA)
    ok = EVP_PKEY_CTX_set_rsa_padding(ctx, RSA_PKCS1_PADDING) > 0;
  auto* in = reinterpret_cast<const unsigned char*>(digest.data());
  ok = ok && EVP_PKEY_sign(ctx, nullptr, &len, in, digest.size()) > 0;
  std::string sig(len, '\0');
  ok = ok && EVP_PKEY_sign(ctx, reinterpret_cast<unsigned char*>(sig.data()), &len, in, digest.size()) > 0;
  EVP_PKEY_CTX_free(ctx);
  if (!ok) ossl::fail("signing with the private key failed");
  sig.resize(len);
  return sig;
}

std::vector<X509*> KeyHandle::chain() const {
  std::vector<X509*> out;
  for (auto& c : chain_) out.push_back(c.get());
  return out;
}

std::vector<ossl::X509Ptr> orderChain(std::vector<ossl::X509Ptr> certs) {
  std::vector<ossl::X509Ptr> out;
  if (certs.empty()) return out;
  out.push_back(std::move(certs.front()));
  certs.erase(certs.begin());
  // Follow issuer links from the signer; certificates off the path go last.
  while (true) {
    X509* last = out.back().get();
    auto it = std::find_if(certs.begin(), certs.end(), [last](const ossl::X509Ptr& c) {
      return X509_check_issued(c.get(), last) == X509_V_OK && X509_cmp(c.get(), last) != 0;
    });
    if (it == certs.end()) break;
    out.push_back(std::move(*it));
    certs.erase(it);
  }
  for (auto& c : certs) {
    bool dup = std::any_of(out.begin(), out.end(), [&c](const ossl::X509Ptr& o) { return X509_cmp(o.get(), c.get()) == 0; });
    if (!dup) out.push_back(std::move(c));
  }
  return out;
}

std::unique_ptr<KeyHandle> load(const KeySource& source) {
  if (!source.pkcs12.empty() && !source.pkcs11Uri.empty())
    throw SigningError(ErrorCode::InvalidArgument, "give either a PKCS#12 file or a PKCS#11 URI");
  if (!source.pkcs12.empty()) return std::make_unique<Pkcs12Key>(source);
  if (!source.pkcs11Uri.empty()) return std::make_unique<Pkcs11Key>(source);
  throw SigningError(ErrorCode::InvalidArgument, "no key: give a PKCS#12 file or a PKCS#11 URI");
}

}  // namespace chancery::signing::keys
