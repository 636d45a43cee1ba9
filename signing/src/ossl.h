#pragma once
// RAII holders and small helpers for OpenSSL objects used across the library.
#include <openssl/bio.h>
#include <openssl/cms.h>
#include <openssl/evp.h>
#include <openssl/ocsp.h>
#include <openssl/ts.h>
#include <openssl/x509.h>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace chancery::signing::ossl {

template <typename T, void (*F)(T*)>
struct Deleter {
  void operator()(T* p) const { F(p); }
};
using Bio = std::unique_ptr<BIO, Deleter<BIO, BIO_free_all>>;
using X509Ptr = std::unique_ptr<X509, Deleter<X509, X509_free>>;
using PKey = std::unique_ptr<EVP_PKEY, Deleter<EVP_PKEY, EVP_PKEY_free>>;
using Cms = std::unique_ptr<CMS_ContentInfo, Deleter<CMS_ContentInfo, CMS_ContentInfo_free>>;
using Store = std::unique_ptr<X509_STORE, Deleter<X509_STORE, X509_STORE_free>>;
using StoreCtx = std::unique_ptr<X509_STORE_CTX, Deleter<X509_STORE_CTX, X509_STORE_CTX_free>>;
using Crl = std::unique_ptr<X509_CRL, Deleter<X509_CRL, X509_CRL_free>>;
using OcspResp = std::unique_ptr<OCSP_RESPONSE, Deleter<OCSP_RESPONSE, OCSP_RESPONSE_free>>;
using OcspBasic = std::unique_ptr<OCSP_BASICRESP, Deleter<OCSP_BASICRESP, OCSP_BASICRESP_free>>;
using TsResp = std::unique_ptr<TS_RESP, Deleter<TS_RESP, TS_RESP_free>>;
using Pkcs7 = std::unique_ptr<PKCS7, Deleter<PKCS7, PKCS7_free>>;

// Throws SigningError(Crypto) with OpenSSL's error queue appended to `what`.
[[noreturn]] void fail(const std::string& what);
std::string errors();  // drains OpenSSL's error queue into text

std::string sha256(std::string_view data);
std::string der(X509* cert);
X509Ptr certFromDer(std::string_view der);
// Reads every certificate of a PEM or DER blob, in order.
std::vector<X509Ptr> certsFromPem(std::string_view pem);
std::string toPem(X509* cert);
std::string subjectText(X509* cert);  // one-line RFC 2253 subject
std::string commonName(X509* cert);
std::string hex(std::string_view bytes);

// The value of a SignerInfo attribute as bytes: an OCTET STRING's content, or a SEQUENCE's
// whole encoding (`type` V_ASN1_OCTET_STRING or V_ASN1_SEQUENCE). Empty when absent.
std::string signerAttribute(CMS_SignerInfo* si, const char* oid, bool signedAttr, int type);

}  // namespace chancery::signing::ossl
