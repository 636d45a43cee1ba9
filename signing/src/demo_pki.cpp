#include "chancery/signing/demo_pki.h"

#include <openssl/pem.h>
#include <openssl/pkcs12.h>
#include <openssl/rand.h>
#include <openssl/x509v3.h>

#include "chancery/signing/error.h"
#include "ossl.h"

namespace chancery::signing {
namespace {

ossl::PKey newKey() {
  EVP_PKEY* k = EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", static_cast<size_t>(2048));
  if (!k) ossl::fail("RSA key generation failed");
  return ossl::PKey(k);
}

X509_NAME* name(const std::string& cn, const std::string& org) {
  X509_NAME* n = X509_NAME_new();
  X509_NAME_add_entry_by_txt(n, "C", MBSTRING_UTF8, reinterpret_cast<const unsigned char*>("VN"), -1, -1, 0);
  if (!org.empty())
    X509_NAME_add_entry_by_txt(n, "O", MBSTRING_UTF8, reinterpret_cast<const unsigned char*>(org.c_str()), -1, -1, 0);
  X509_NAME_add_entry_by_txt(n, "CN", MBSTRING_UTF8, reinterpret_cast<const unsigned char*>(cn.c_str()), -1, -1, 0);
  return n;
}

void addExt(X509* cert, X509* issuer, int nid, const char* value) {
  X509V3_CTX ctx;
  X509V3_set_ctx_nodb(&ctx);
  X509V3_set_ctx(&ctx, issuer, cert, nullptr, nullptr, 0);
  X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value);
  if (!ext || !X509_add_ext(cert, ext, -1)) ossl::fail("cannot add certificate extension");
  X509_EXTENSION_free(ext);
}

ossl::X509Ptr issue(EVP_PKEY* subjectKey, X509_NAME* subject, X509* issuer, EVP_PKEY* issuerKey,
                    bool ca, int days) {
  ossl::X509Ptr cert(X509_new());
  X509_set_version(cert.get(), 2);
  unsigned char serial[16];
  RAND_bytes(serial, sizeof serial);
  serial[0] &= 0x7F;
  BIGNUM* bn = BN_bin2bn(serial, sizeof serial, nullptr);
  BN_to_ASN1_INTEGER(bn, X509_get_serialNumber(cert.get()));
  BN_free(bn);
  X509_gmtime_adj(X509_getm_notBefore(cert.get()), -300);
  X509_time_adj_ex(X509_getm_notAfter(cert.get()), days, 0, nullptr);
  X509_set_subject_name(cert.get(), subject);
  X509_set_issuer_name(cert.get(), issuer ? X509_get_subject_name(issuer) : subject);
  X509_set_pubkey(cert.get(), subjectKey);
  X509* issuerCert = issuer ? issuer : cert.get();
  addExt(cert.get(), issuerCert, NID_basic_constraints, ca ? "critical,CA:true" : "critical,CA:false");
  addExt(cert.get(), issuerCert, NID_key_usage,
         ca ? "critical,keyCertSign,cRLSign" : "critical,nonRepudiation,digitalSignature");
  addExt(cert.get(), issuerCert, NID_subject_key_identifier, "hash");
  if (issuer) addExt(cert.get(), issuerCert, NID_authority_key_identifier, "keyid");
  if (!X509_sign(cert.get(), issuerKey, EVP_sha256())) ossl::fail("certificate signing failed");
  return cert;
}

std::string keyPem(EVP_PKEY* key) {
  ossl::Bio bio(BIO_new(BIO_s_mem()));
  PEM_write_bio_PrivateKey(bio.get(), key, nullptr, nullptr, 0, nullptr, nullptr);
  char* data = nullptr;
  long len = BIO_get_mem_data(bio.get(), &data);
  return std::string(data, static_cast<std::size_t>(len));
}
}  // namespace

DemoPki makeDemoPki(const std::string& rootName, const std::vector<DemoUser>& users,
                    const std::string& pkcs12Password, int validDays) {
  if (rootName.empty() || validDays <= 0)
    throw SigningError(ErrorCode::InvalidArgument, "demo PKI needs a root name and a positive validity");
  DemoPki pki;
  ossl::PKey rootKey = newKey();
  X509_NAME* rootSubject = name(rootName, "");
  ossl::X509Ptr root = issue(rootKey.get(), rootSubject, nullptr, rootKey.get(), true, validDays * 2);
  X509_NAME_free(rootSubject);
  pki.rootCertificatePem = ossl::toPem(root.get());
  pki.rootPrivateKeyPem = keyPem(rootKey.get());
  for (const DemoUser& u : users) {
    ossl::PKey key = newKey();
    X509_NAME* subject = name(u.commonName, u.organisation);
    ossl::X509Ptr cert = issue(key.get(), subject, root.get(), rootKey.get(), false, validDays);
    X509_NAME_free(subject);
    STACK_OF(X509)* ca = sk_X509_new_null();
    sk_X509_push(ca, root.get());
    PKCS12* p12 = PKCS12_create(pkcs12Password.c_str(), u.commonName.c_str(), key.get(), cert.get(), ca, 0, 0, 0, 0, 0);
    sk_X509_free(ca);
    if (!p12) ossl::fail("PKCS#12 creation failed");
    unsigned char* der = nullptr;
    int len = i2d_PKCS12(p12, &der);
    PKCS12_free(p12);
    DemoIdentity id{u.commonName, ossl::toPem(cert.get()), keyPem(key.get()),
                    std::string(reinterpret_cast<char*>(der), static_cast<std::size_t>(len))};
    OPENSSL_free(der);
    pki.users.push_back(std::move(id));
  }
  return pki;
}

}  // namespace chancery::signing
