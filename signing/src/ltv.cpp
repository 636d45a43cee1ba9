#include "ltv.h"

#include <openssl/pkcs7.h>

#include "chancery/signing/error.h"
#include "revocation.h"
#include "sig_field.h"
#include "sig_scan.h"

namespace chancery::signing::ltv {
namespace {

// All certificates of the newest signature: the CMS's, and those inside its timestamp token.
std::vector<ossl::X509Ptr> signatureCerts(const std::string& cmsDer) {
  std::vector<ossl::X509Ptr> out;
  auto* p = reinterpret_cast<const unsigned char*>(cmsDer.data());
  ossl::Cms cms(d2i_CMS_ContentInfo(nullptr, &p, static_cast<long>(cmsDer.size())));
  if (!cms) throw SigningError(ErrorCode::Malformed, "the newest signature holds no CMS");
  STACK_OF(X509)* certs = CMS_get1_certs(cms.get());
  for (int i = 0; certs && i < sk_X509_num(certs); ++i) out.emplace_back(sk_X509_value(certs, i));
  sk_X509_free(certs);
  CMS_SignerInfo* si = sk_CMS_SignerInfo_value(CMS_get0_SignerInfos(cms.get()), 0);
  std::string token = ossl::signerAttribute(si, "1.2.840.113549.1.9.16.2.14", false, V_ASN1_SEQUENCE);
  if (!token.empty()) {
    auto* t = reinterpret_cast<const unsigned char*>(token.data());
    ossl::Pkcs7 p7(d2i_PKCS7(nullptr, &t, static_cast<long>(token.size())));
    if (p7 && PKCS7_type_is_signed(p7.get()) && p7->d.sign->cert)
      for (int i = 0; i < sk_X509_num(p7->d.sign->cert); ++i) {
        X509* c = sk_X509_value(p7->d.sign->cert, i);
        X509_up_ref(c);
        out.emplace_back(c);
      }
  }
  return out;
}

X509* issuerOf(X509* cert, const std::vector<ossl::X509Ptr>& pool) {
  for (auto& c : pool)
    if (X509_check_issued(c.get(), cert) == X509_V_OK && X509_cmp(c.get(), cert) != 0) return c.get();
  return nullptr;
}

pdf::Object streamArray(pdf::IncrementalWriter& w, const pdf::Object* existing,
                        const std::vector<std::string>& items) {
  pdf::Object arr = existing && existing->is(pdf::Type::Array) ? *existing : pdf::Object::array();
  for (const std::string& der : items) arr.push(pdf::Object::ref(w.add(pdf::Object::stream(pdf::Object::dict(), der))));
  return arr;
}
}  // namespace

std::string appendDss(const std::string& pdf, Transport& transport) {
  pdf::Reader reader(pdf);
  auto sigs = pdf::findSignatures(reader);
  const pdf::FoundSignature* newest = nullptr;
  for (const auto& s : sigs)
    if (s.byteRangeOk && (!newest || s.byteRange[2] > newest->byteRange[2])) newest = &s;
  if (!newest) throw SigningError(ErrorCode::Malformed, "no signature to extend to B-LT");
  std::vector<ossl::X509Ptr> certs = signatureCerts(newest->contents);
  std::vector<std::string> certDer, ocsps, crls;
  for (auto& c : certs) certDer.push_back(ossl::der(c.get()));
  for (auto& c : certs) {
    X509* issuer = issuerOf(c.get(), certs);
    if (!issuer) continue;  // a root: trusted by configuration, not by revocation data
    revocation::Result r = revocation::fetch(c.get(), issuer, transport, nullptr, nullptr);
    std::string who = ossl::subjectText(c.get());
    if (r.status == RevocationStatus::Revoked)
      throw SigningError(ErrorCode::Revocation, who + " is revoked: " + r.detail);
    if (r.status != RevocationStatus::Good)
      throw SigningError(ErrorCode::Revocation, "no revocation data for " + who + ": " + r.detail);
    (r.evidenceIsOcsp ? ocsps : crls).push_back(r.evidence);
    for (auto& extra : r.extraCerts) certDer.push_back(extra);
  }
  pdf::IncrementalWriter w(reader);
  pdf::Ref catalogRef = reader.catalogRef();
  pdf::Object catalog = reader.catalog();
  pdf::Object dss = pdf::Object::dict();
  std::optional<std::uint32_t> dssNum;
  if (const pdf::Object* existing = catalog.get("DSS")) {
    if (existing->is(pdf::Type::Ref)) dssNum = existing->asRef().num;
    pdf::Object old = reader.resolve(*existing);
    if (old.is(pdf::Type::Dict)) dss = old;
  }
  dss.set("Type", pdf::Object::name("DSS"));
  auto resolved = [&](const char* key) {
    const pdf::Object* v = dss.get(key);
    return v ? reader.resolve(*v) : pdf::Object::null();
  };
  pdf::Object oldCerts = resolved("Certs"), oldOcsps = resolved("OCSPs"), oldCrls = resolved("CRLs");
  dss.set("Certs", streamArray(w, &oldCerts, certDer));
  if (!ocsps.empty()) dss.set("OCSPs", streamArray(w, &oldOcsps, ocsps));
  if (!crls.empty()) dss.set("CRLs", streamArray(w, &oldCrls, crls));
  if (dssNum) {
    w.replace(*dssNum, std::move(dss));
  } else {
    catalog.set("DSS", pdf::Object::ref(w.add(std::move(dss))));
    w.replace(catalogRef.num, std::move(catalog));
  }
  return pdf + w.finish(pdf.size()).update;
}

}  // namespace chancery::signing::ltv
