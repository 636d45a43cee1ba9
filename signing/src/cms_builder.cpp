#include "cms_builder.h"

#include "chancery/signing/error.h"
#include "der.h"

namespace chancery::signing::cms {
namespace {
constexpr const char* kIdData = "1.2.840.113549.1.7.1";
constexpr const char* kIdSignedData = "1.2.840.113549.1.7.2";
constexpr const char* kContentType = "1.2.840.113549.1.9.3";
constexpr const char* kMessageDigest = "1.2.840.113549.1.9.4";
constexpr const char* kSigningCertV2 = "1.2.840.113549.1.9.16.2.47";
constexpr const char* kTimestampToken = "1.2.840.113549.1.9.16.2.14";
constexpr const char* kSha256 = "2.16.840.1.101.3.4.2.1";
constexpr const char* kRsaEncryption = "1.2.840.113549.1.1.1";
constexpr const char* kEcdsaSha256 = "1.2.840.10045.4.3.2";

template <typename T, int (*I2d)(const T*, unsigned char**)>
std::string encode(const T* value) {
  int len = I2d(value, nullptr);
  if (len <= 0) ossl::fail("DER encoding failed");
  std::string out(static_cast<std::size_t>(len), '\0');
  auto* p = reinterpret_cast<unsigned char*>(out.data());
  I2d(value, &p);
  return out;
}

std::string issuerName(X509* cert) { return encode<X509_NAME, i2d_X509_NAME>(X509_get_issuer_name(cert)); }
std::string serial(X509* cert) {
  return encode<ASN1_INTEGER, i2d_ASN1_INTEGER>(X509_get0_serialNumber(cert));
}

std::string attribute(const char* oid, const std::string& value) {
  return der::sequence({der::oid(oid), der::setOf({value})});
}

std::string signatureAlgorithm(X509* signer) {
  switch (EVP_PKEY_get_base_id(X509_get0_pubkey(signer))) {
    case EVP_PKEY_RSA: return der::algorithm(kRsaEncryption, true);
    case EVP_PKEY_EC: return der::algorithm(kEcdsaSha256, false);
    default: throw SigningError(ErrorCode::Key, "only RSA and ECDSA signer keys are supported");
  }
}

// Walks ContentInfo -> SignedData -> signerInfos and returns the offsets of the only SignerInfo.
struct SignerInfoLocation {
  std::size_t signerInfosPos = 0;  // the SET OF SignerInfo element
  std::size_t signerInfoPos = 0;
};

std::vector<std::size_t> children(std::string_view d, std::size_t pos) {
  der::Element e = der::readElement(d, pos);
  std::vector<std::size_t> out;
  for (std::size_t p = pos + e.headerLength; p < pos + e.size();) {
    out.push_back(p);
    p += der::readElement(d, p).size();
  }
  return out;
}

SignerInfoLocation locate(std::string_view cmsDer) {
  auto top = children(cmsDer, 0);                     // contentType, [0]
  if (top.size() != 2) throw SigningError(ErrorCode::Malformed, "not a CMS ContentInfo");
  auto explicit0 = children(cmsDer, top[1]);          // SignedData
  auto sd = children(cmsDer, explicit0.at(0));
  SignerInfoLocation loc;
  loc.signerInfosPos = sd.back();
  auto infos = children(cmsDer, loc.signerInfosPos);
  if (infos.size() != 1) throw SigningError(ErrorCode::Malformed, "CMS must hold exactly one SignerInfo");
  loc.signerInfoPos = infos[0];
  return loc;
}
}  // namespace

std::string signedAttributes(X509* signer, std::string_view documentDigest) {
  std::string certHash = ossl::sha256(ossl::der(signer));
  std::string generalNames = der::sequence({der::tlv(0xA4, issuerName(signer))});
  std::string issuerSerial = der::sequence({generalNames, serial(signer)});
  // hashAlgorithm is omitted: SHA-256 is its DEFAULT, and DER forbids encoding defaults.
  std::string essCertIdV2 = der::sequence({der::octetString(certHash), issuerSerial});
  std::string signingCertV2 = der::sequence({der::sequence({essCertIdV2})});
  return der::setOf({attribute(kContentType, der::oid(kIdData)),
                     attribute(kMessageDigest, der::octetString(documentDigest)),
                     attribute(kSigningCertV2, signingCertV2)});
}

std::string signedData(X509* signer, const std::vector<X509*>& chain,
                       std::string_view signedAttributesSet, std::string_view signature,
                       std::string_view timestampToken) {
  std::string sid = der::sequence({issuerName(signer), serial(signer)});
  // In the SignerInfo the SET is re-tagged [0] IMPLICIT; the content bytes stay identical.
  std::string attrs(signedAttributesSet);
  attrs[0] = static_cast<char>(0xA0);
  std::vector<std::string> si = {der::integer(1), sid, der::algorithm(kSha256, false), attrs,
                                 signatureAlgorithm(signer), der::octetString(signature)};
  if (!timestampToken.empty())
    si.push_back(der::setOf({attribute(kTimestampToken, std::string(timestampToken))}, 0xA1));
  std::string certs;
  for (X509* c : chain) certs += ossl::der(c);
  std::string sd = der::sequence({der::integer(1), der::setOf({der::algorithm(kSha256, false)}),
                                  der::sequence({der::oid(kIdData)}), der::tlv(0xA0, certs),
                                  der::setOf({der::sequence(si)})});
  return der::sequence({der::oid(kIdSignedData), der::contextExplicit(0, sd)});
}

std::string signatureValue(std::string_view cmsDer) {
  SignerInfoLocation loc = locate(cmsDer);
  for (std::size_t p : children(cmsDer, loc.signerInfoPos)) {
    der::Element e = der::readElement(cmsDer, p);
    if (e.tag == 0x04) return std::string(cmsDer.substr(p + e.headerLength, e.contentLength));
  }
  throw SigningError(ErrorCode::Malformed, "SignerInfo without signature value");
}

std::string withTimestamp(std::string_view cmsDer, std::string_view token) {
  SignerInfoLocation loc = locate(cmsDer);
  auto fields = children(cmsDer, loc.signerInfoPos);
  std::vector<std::string> si;
  for (std::size_t p : fields) {
    der::Element e = der::readElement(cmsDer, p);
    if (e.tag == 0xA1) continue;  // replaced below
    si.emplace_back(cmsDer.substr(p, e.size()));
  }
  si.push_back(der::setOf({attribute(kTimestampToken, std::string(token))}, 0xA1));
  std::string newInfos = der::setOf({der::sequence(si)});
  // Rebuild the enclosing SignedData, [0] and ContentInfo with the new signerInfos.
  auto top = children(cmsDer, 0);
  std::size_t sdPos = children(cmsDer, top[1]).at(0);
  std::vector<std::string> sdParts;
  for (std::size_t p : children(cmsDer, sdPos)) {
    if (p == loc.signerInfosPos) sdParts.push_back(newInfos);
    else sdParts.emplace_back(cmsDer.substr(p, der::readElement(cmsDer, p).size()));
  }
  std::string ct(cmsDer.substr(top[0], der::readElement(cmsDer, top[0]).size()));
  return der::sequence({ct, der::contextExplicit(0, der::sequence(sdParts))});
}

}  // namespace chancery::signing::cms
