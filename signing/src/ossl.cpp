#include "ossl.h"

#include <openssl/err.h>
#include <openssl/pem.h>

#include "chancery/signing/error.h"

namespace chancery::signing::ossl {

std::string errors() {
  std::string text;
  while (unsigned long e = ERR_get_error()) {
    char buf[256];
    ERR_error_string_n(e, buf, sizeof buf);
    if (!text.empty()) text += "; ";
    text += buf;
  }
  return text;
}

void fail(const std::string& what) {
  std::string detail = errors();
  throw SigningError(ErrorCode::Crypto, detail.empty() ? what : what + ": " + detail);
}

std::string sha256(std::string_view data) {
  std::string out(32, '\0');
  unsigned int len = 0;
  if (!EVP_Digest(data.data(), data.size(), reinterpret_cast<unsigned char*>(out.data()), &len,
                  EVP_sha256(), nullptr))
    fail("SHA-256 failed");
  return out;
}

std::string der(X509* cert) {
  int len = i2d_X509(cert, nullptr);
  if (len <= 0) fail("cannot encode certificate");
  std::string out(static_cast<std::size_t>(len), '\0');
  auto* p = reinterpret_cast<unsigned char*>(out.data());
  i2d_X509(cert, &p);
  return out;
}

X509Ptr certFromDer(std::string_view d) {
  auto* p = reinterpret_cast<const unsigned char*>(d.data());
  X509* c = d2i_X509(nullptr, &p, static_cast<long>(d.size()));
  if (!c) fail("cannot parse DER certificate");
  return X509Ptr(c);
}

std::vector<X509Ptr> certsFromPem(std::string_view pem) {
  std::vector<X509Ptr> out;
  if (pem.find("-----BEGIN") == std::string_view::npos) {
    if (!pem.empty()) out.push_back(certFromDer(pem));
    return out;
  }
  Bio bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
  while (X509* c = PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr)) out.emplace_back(c);
  ERR_clear_error();  // the loop ends on a "no start line" error
  return out;
}

std::string toPem(X509* cert) {
  Bio bio(BIO_new(BIO_s_mem()));
  PEM_write_bio_X509(bio.get(), cert);
  char* data = nullptr;
  long len = BIO_get_mem_data(bio.get(), &data);
  return std::string(data, static_cast<std::size_t>(len));
}

std::string subjectText(X509* cert) {
  Bio bio(BIO_new(BIO_s_mem()));
  X509_NAME_print_ex(bio.get(), X509_get_subject_name(cert), 0, XN_FLAG_RFC2253 & ~ASN1_STRFLGS_ESC_MSB);
  char* data = nullptr;
  long len = BIO_get_mem_data(bio.get(), &data);
  return std::string(data, static_cast<std::size_t>(len));
}

std::string commonName(X509* cert) {
  X509_NAME* name = X509_get_subject_name(cert);
  int idx = X509_NAME_get_index_by_NID(name, NID_commonName, -1);
  if (idx < 0) return subjectText(cert);
  ASN1_STRING* s = X509_NAME_ENTRY_get_data(X509_NAME_get_entry(name, idx));
  unsigned char* utf8 = nullptr;
  int len = ASN1_STRING_to_UTF8(&utf8, s);
  if (len < 0) return subjectText(cert);
  std::string out(reinterpret_cast<char*>(utf8), static_cast<std::size_t>(len));
  OPENSSL_free(utf8);
  return out;
}

std::string hex(std::string_view bytes) {
  static const char* digits = "0123456789abcdef";
  std::string out;
  out.reserve(bytes.size() * 2);
  for (unsigned char c : bytes) {
    out += digits[c >> 4];
    out += digits[c & 15];
  }
  return out;
}

std::string signerAttribute(CMS_SignerInfo* si, const char* oid, bool signedAttr, int type) {
  ASN1_OBJECT* obj = OBJ_txt2obj(oid, 1);
  void* v = signedAttr ? CMS_signed_get0_data_by_OBJ(si, obj, -3, type)
                       : CMS_unsigned_get0_data_by_OBJ(si, obj, -3, type);
  ASN1_OBJECT_free(obj);
  auto* str = static_cast<ASN1_STRING*>(v);
  if (!str) return {};
  return std::string(reinterpret_cast<const char*>(ASN1_STRING_get0_data(str)),
                     static_cast<std::size_t>(ASN1_STRING_length(str)));
}

}  // namespace chancery::signing::ossl
