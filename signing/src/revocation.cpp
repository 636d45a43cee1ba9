#include "revocation.h"

#include <openssl/err.h>
#include <openssl/x509v3.h>

namespace chancery::signing::revocation {
namespace {
using OcspReq = std::unique_ptr<OCSP_REQUEST, ossl::Deleter<OCSP_REQUEST, OCSP_REQUEST_free>>;
using CertId = std::unique_ptr<OCSP_CERTID, ossl::Deleter<OCSP_CERTID, OCSP_CERTID_free>>;

std::optional<std::time_t> toTime(const ASN1_TIME* t) {
  if (!t) return std::nullopt;
  std::tm tm{};
  if (ASN1_TIME_to_tm(t, &tm) != 1) return std::nullopt;
  return timegm(&tm);
}

template <typename T, T* (*D2i)(T**, const unsigned char**, long)>
T* parse(const std::string& der) {
  auto* p = reinterpret_cast<const unsigned char*>(der.data());
  return D2i(nullptr, &p, static_cast<long>(der.size()));
}

// Decides from one OCSP response; nullopt if it says nothing about `cert`.
std::optional<Result> fromOcsp(const std::string& der, X509* cert, X509* issuer, X509_STORE* store,
                               STACK_OF(X509)* untrusted) {
  ossl::OcspResp resp(parse<OCSP_RESPONSE, d2i_OCSP_RESPONSE>(der));
  if (!resp || OCSP_response_status(resp.get()) != OCSP_RESPONSE_STATUS_SUCCESSFUL) return std::nullopt;
  ossl::OcspBasic basic(OCSP_response_get1_basic(resp.get()));
  if (!basic) return std::nullopt;
  int status = 0, reason = 0;
  ASN1_GENERALIZEDTIME *revtime = nullptr, *thisupd = nullptr, *nextupd = nullptr;
  bool found = false;
  for (const EVP_MD* md : {EVP_sha1(), EVP_sha256()}) {
    CertId id(OCSP_cert_to_id(md, cert, issuer));
    if (OCSP_resp_find_status(basic.get(), id.get(), &status, &reason, &revtime, &thisupd, &nextupd)) {
      found = true;
      break;
    }
  }
  if (!found) return std::nullopt;
  Result r;
  if (store && OCSP_basic_verify(basic.get(), untrusted, store, 0) != 1) {
    ERR_clear_error();
    r.detail = "OCSP response signature does not verify";
    return r;  // Unknown: the evidence exists but cannot be trusted
  }
  r.evidence = der;
  r.evidenceIsOcsp = true;
  r.issuedAt = toTime(thisupd);
  for (int i = 0; i < sk_X509_num(OCSP_resp_get0_certs(basic.get())); ++i)
    r.extraCerts.push_back(ossl::der(sk_X509_value(OCSP_resp_get0_certs(basic.get()), i)));
  if (status == V_OCSP_CERTSTATUS_GOOD) {
    r.status = RevocationStatus::Good;
  } else if (status == V_OCSP_CERTSTATUS_REVOKED) {
    r.status = RevocationStatus::Revoked;
    r.revokedAt = toTime(revtime);
    r.detail = std::string("revoked: ") + OCSP_crl_reason_str(reason);
  } else {
    r.detail = "OCSP responder does not know the certificate";
  }
  return r;
}

std::optional<Result> fromCrl(const std::string& der, X509* cert, X509* issuer) {
  ossl::Crl crl(parse<X509_CRL, d2i_X509_CRL>(der));
  if (!crl || X509_NAME_cmp(X509_CRL_get_issuer(crl.get()), X509_get_subject_name(issuer)) != 0)
    return std::nullopt;
  Result r;
  if (X509_CRL_verify(crl.get(), X509_get0_pubkey(issuer)) != 1) {
    ERR_clear_error();
    r.detail = "CRL signature does not verify";
    return r;
  }
  r.evidence = der;
  r.issuedAt = toTime(X509_CRL_get0_lastUpdate(crl.get()));
  X509_REVOKED* revoked = nullptr;
  if (X509_CRL_get0_by_cert(crl.get(), &revoked, cert) == 1) {
    r.status = RevocationStatus::Revoked;
    r.revokedAt = toTime(X509_REVOKED_get0_revocationDate(revoked));
    r.detail = "listed in the CRL";
  } else {
    r.status = RevocationStatus::Good;
  }
  return r;
}
}  // namespace

Result checkEvidence(X509* cert, X509* issuer, const std::vector<std::string>& ocsps,
                     const std::vector<std::string>& crls, X509_STORE* store,
                     STACK_OF(X509)* untrusted, const std::string& sourcePrefix) {
  Result undecided;
  for (const std::string& der : ocsps) {
    if (auto r = fromOcsp(der, cert, issuer, store, untrusted)) {
      r->source = sourcePrefix + "OCSP";
      if (r->status != RevocationStatus::Unknown) return *r;
      undecided = *r;
    }
  }
  for (const std::string& der : crls) {
    if (auto r = fromCrl(der, cert, issuer)) {
      r->source = sourcePrefix + "CRL";
      if (r->status != RevocationStatus::Unknown) return *r;
      undecided = *r;
    }
  }
  return undecided;
}

std::vector<std::string> ocspUrls(X509* cert) {
  std::vector<std::string> out;
  STACK_OF(OPENSSL_STRING)* urls = X509_get1_ocsp(cert);
  for (int i = 0; urls && i < sk_OPENSSL_STRING_num(urls); ++i)
    out.emplace_back(sk_OPENSSL_STRING_value(urls, i));
  X509_email_free(urls);
  return out;
}

std::vector<std::string> crlUrls(X509* cert) {
  std::vector<std::string> out;
  auto* points = static_cast<STACK_OF(DIST_POINT)*>(
      X509_get_ext_d2i(cert, NID_crl_distribution_points, nullptr, nullptr));
  for (int i = 0; points && i < sk_DIST_POINT_num(points); ++i) {
    DIST_POINT* dp = sk_DIST_POINT_value(points, i);
    if (!dp->distpoint || dp->distpoint->type != 0) continue;
    GENERAL_NAMES* names = dp->distpoint->name.fullname;
    for (int k = 0; k < sk_GENERAL_NAME_num(names); ++k) {
      GENERAL_NAME* gn = sk_GENERAL_NAME_value(names, k);
      if (gn->type != GEN_URI) continue;
      const ASN1_IA5STRING* uri = gn->d.uniformResourceIdentifier;
      out.emplace_back(reinterpret_cast<const char*>(ASN1_STRING_get0_data(uri)),
                       static_cast<std::size_t>(ASN1_STRING_length(uri)));
    }
  }
  sk_DIST_POINT_pop_free(points, DIST_POINT_free);
  return out;
}

Result fetch(X509* cert, X509* issuer, Transport& transport, X509_STORE* store,
             STACK_OF(X509)* untrusted) {
  Result r;
  for (const std::string& url : ocspUrls(cert)) {
    OcspReq req(OCSP_REQUEST_new());
    OCSP_request_add0_id(req.get(), OCSP_cert_to_id(EVP_sha1(), cert, issuer));
    unsigned char* der = nullptr;
    int len = i2d_OCSP_REQUEST(req.get(), &der);
    std::string body(reinterpret_cast<char*>(der), static_cast<std::size_t>(len));
    OPENSSL_free(der);
    try {
      std::string answer = transport.post(url, "application/ocsp-request", body);
      if (auto decided = checkEvidence(cert, issuer, {answer}, {}, store, untrusted, "online ");
          decided.status != RevocationStatus::Unknown)
        return decided;
      r.detail = "OCSP " + url + ": no usable answer";
    } catch (const std::exception& e) {
      r.detail = "OCSP " + url + ": " + e.what();
    }
  }
  for (const std::string& url : crlUrls(cert)) {
    try {
      std::string crl = transport.get(url);
      if (auto decided = checkEvidence(cert, issuer, {}, {crl}, store, untrusted, "online ");
          decided.status != RevocationStatus::Unknown)
        return decided;
      r.detail = "CRL " + url + ": not usable";
    } catch (const std::exception& e) {
      r.detail = "CRL " + url + ": " + e.what();
    }
  }
  if (r.detail.empty()) r.detail = "no OCSP responder or CRL distribution point";
  return r;
}

}  // namespace chancery::signing::revocation
