#include "cms_check.h"

#include <openssl/err.h>
#include <openssl/x509v3.h>

#include "appearance.h"
#include "revocation.h"

namespace chancery::signing::cms {
namespace {
void freeCerts(STACK_OF(X509)* s) { sk_X509_pop_free(s, X509_free); }
using CertStack = std::unique_ptr<STACK_OF(X509), ossl::Deleter<STACK_OF(X509), freeCerts>>;
using VerifyCtx = std::unique_ptr<TS_VERIFY_CTX, ossl::Deleter<TS_VERIFY_CTX, TS_VERIFY_CTX_free>>;
using TstInfo = std::unique_ptr<TS_TST_INFO, ossl::Deleter<TS_TST_INFO, TS_TST_INFO_free>>;

std::string hashRanges(std::string_view file, const std::array<std::int64_t, 4>& br, const EVP_MD* md) {
  EVP_MD_CTX* c = EVP_MD_CTX_new();
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_DigestInit_ex(c, md, nullptr);
  EVP_DigestUpdate(c, file.data() + br[0], static_cast<std::size_t>(br[1]));
  EVP_DigestUpdate(c, file.data() + br[2], static_cast<std::size_t>(br[3]));
  EVP_DigestFinal_ex(c, out, &len);
  EVP_MD_CTX_free(c);
  return std::string(reinterpret_cast<char*>(out), len);
}

bool hasSignedAttr(CMS_SignerInfo* si, const char* oid) {
  ASN1_OBJECT* obj = OBJ_txt2obj(oid, 1);
  int idx = CMS_signed_get_attr_by_OBJ(si, obj, -1);
  ASN1_OBJECT_free(obj);
  return idx >= 0;
}

// The certHash of signing-certificate-v2 (or v1, SHA-1) must match the signer certificate.
bool signingCertificateBound(CMS_SignerInfo* si, X509* signer) {
  std::string body = ossl::signerAttribute(si, "1.2.840.113549.1.9.16.2.47", true, V_ASN1_SEQUENCE);
  // Only the SHA-256 default form is recognised; the hash must appear as an OCTET STRING.
  std::string hash = ossl::sha256(ossl::der(signer));
  return !body.empty() && body.find(std::string("\x04\x20", 2) + hash) != std::string::npos;
}

struct Chain {
  bool trusted = false, validAtTime = false;
  std::string error;
  std::vector<X509*> certs;  // owned by `holder`
  CertStack holder;
};

// Time errors are recorded and tolerated by the callback, so one pass tells both whether the
// chain reaches an anchor and whether every certificate was valid at `at`.
int toleratesTime(int ok, X509_STORE_CTX* ctx) {
  int err = X509_STORE_CTX_get_error(ctx);
  if (!ok && (err == X509_V_ERR_CERT_HAS_EXPIRED || err == X509_V_ERR_CERT_NOT_YET_VALID)) {
    auto* timeErrors = static_cast<int*>(X509_STORE_CTX_get_app_data(ctx));
    if (timeErrors && *timeErrors == 0) *timeErrors = err;
    return 1;
  }
  return ok;
}

Chain verifyChain(X509* signer, X509_STORE* store, STACK_OF(X509)* untrusted, std::time_t at) {
  Chain c;
  ossl::StoreCtx ctx(X509_STORE_CTX_new());
  X509_STORE_CTX_init(ctx.get(), store, signer, untrusted);
  X509_STORE_CTX_set_time(ctx.get(), 0, at);
  int timeError = 0;
  X509_STORE_CTX_set_app_data(ctx.get(), &timeError);
  X509_STORE_CTX_set_verify_cb(ctx.get(), toleratesTime);
  c.trusted = X509_verify_cert(ctx.get()) == 1;
  c.validAtTime = c.trusted && timeError == 0;
  if (!c.trusted) c.error = X509_verify_cert_error_string(X509_STORE_CTX_get_error(ctx.get()));
  else if (timeError) c.error = X509_verify_cert_error_string(timeError);
  if (c.trusted) {
    c.holder.reset(X509_STORE_CTX_get1_chain(ctx.get()));
    for (int i = 0; i < sk_X509_num(c.holder.get()); ++i) c.certs.push_back(sk_X509_value(c.holder.get(), i));
  }
  ERR_clear_error();
  return c;
}

struct Timestamp {
  std::time_t genTime = 0;
  ossl::X509Ptr tsa;   // the certificate that signed the token
  CertStack certs;     // the token's own certificates
};

// A store with the same anchors whose checks run at `at`: the TSA's certificate must have been
// valid when it stamped, not necessarily today.
ossl::Store storeAt(X509_STORE* anchors, std::time_t at) {
  ossl::Store copy(X509_STORE_new());
  STACK_OF(X509)* all = X509_STORE_get1_all_certs(anchors);
  for (int i = 0; all && i < sk_X509_num(all); ++i) X509_STORE_add_cert(copy.get(), sk_X509_value(all, i));
  sk_X509_pop_free(all, X509_free);
  X509_VERIFY_PARAM_set_time(X509_STORE_get0_param(copy.get()), at);
  return copy;
}

// The timestamp when its token verifies over `signatureValue` (signature, imprint, TSA chain at
// genTime); nullopt with `error` set otherwise.
std::optional<Timestamp> checkTimestamp(const std::string& tokenDer, const std::string& signatureValue,
                                        X509_STORE* store, STACK_OF(X509)* untrusted, std::string& error) {
  auto* p = reinterpret_cast<const unsigned char*>(tokenDer.data());
  ossl::Pkcs7 token(d2i_PKCS7(nullptr, &p, static_cast<long>(tokenDer.size())));
  if (!token || !PKCS7_type_is_signed(token.get())) return error = "timestamp token is not PKCS#7", std::nullopt;
  TstInfo info(PKCS7_to_TS_TST_INFO(token.get()));
  if (!info) return error = "timestamp token has no TSTInfo", std::nullopt;
  std::tm tm{};
  if (ASN1_TIME_to_tm(TS_TST_INFO_get_time(info.get()), &tm) != 1) return error = "bad genTime", std::nullopt;
  Timestamp ts;
  ts.genTime = timegm(&tm);
  TS_MSG_IMPRINT* mi = TS_TST_INFO_get_msg_imprint(info.get());
  const EVP_MD* md = EVP_get_digestbyobj(TS_MSG_IMPRINT_get_algo(mi)->algorithm);
  if (!md) return error = "timestamp uses an unknown hash", std::nullopt;
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_Digest(signatureValue.data(), signatureValue.size(), digest, &len, md, nullptr);
  VerifyCtx ctx(TS_VERIFY_CTX_new());
  auto* imprint = static_cast<unsigned char*>(OPENSSL_memdup(digest, len));
  TS_VERIFY_CTX_set_imprint(ctx.get(), imprint, len);
  TS_VERIFY_CTX_set_store(ctx.get(), storeAt(store, ts.genTime).release());
  TS_VERIFY_CTX_set_certs(ctx.get(), X509_chain_up_ref(untrusted));
  TS_VERIFY_CTX_set_flags(ctx.get(), TS_VFY_SIGNATURE | TS_VFY_IMPRINT | TS_VFY_VERSION);
  if (TS_RESP_verify_token(ctx.get(), token.get()) != 1) {
    error = "timestamp does not verify: " + ossl::errors();
    return std::nullopt;
  }
  STACK_OF(X509)* own = token->d.sign->cert;
  ts.certs.reset(own ? X509_chain_up_ref(own) : sk_X509_new_null());
  for (int i = 0; i < sk_X509_num(untrusted); ++i) {
    X509_up_ref(sk_X509_value(untrusted, i));
    sk_X509_push(ts.certs.get(), sk_X509_value(untrusted, i));
  }
  STACK_OF(X509)* signers = PKCS7_get0_signers(token.get(), ts.certs.get(), 0);
  if (signers && sk_X509_num(signers) == 1) {
    X509_up_ref(sk_X509_value(signers, 0));
    ts.tsa.reset(sk_X509_value(signers, 0));
  }
  sk_X509_free(signers);
  ERR_clear_error();
  return ts;
}

// Fills `out` with the status of each certificate of `chain`; problems and warnings go to `r`.
void checkRevocation(const Chain& chain, const CheckContext& ctx, STACK_OF(X509)* untrusted,
                     std::time_t at, bool timeProven, SignatureReport& r,
                     std::vector<CertificateStatus>& out) {
  for (std::size_t i = 0; i < chain.certs.size(); ++i) {
    X509* cert = chain.certs[i];
    CertificateStatus cs;
    cs.subject = ossl::subjectText(cert);
    bool anchor = i + 1 == chain.certs.size();
    if (anchor) {
      cs.source = "trust anchor";
      out.push_back(cs);
      continue;
    }
    X509* issuer = chain.certs[i + 1];
    revocation::Result res = revocation::checkEvidence(cert, issuer, ctx.dss->ocsps, ctx.dss->crls,
                                                       ctx.store, untrusted, "DSS ");
    if (res.status == RevocationStatus::Unknown && ctx.options->onlineRevocation && ctx.options->transport)
      res = revocation::fetch(cert, issuer, *ctx.options->transport, ctx.store, untrusted);
    // "Good" only counts if it was said after the signing time: older data cannot know about
    // a revocation between its issue and the signature (five minutes' clock skew allowed).
    if (res.status == RevocationStatus::Good && res.issuedAt && *res.issuedAt + 300 < at) {
      res.status = RevocationStatus::Unknown;
      res.detail = res.source + " issued " + appearance::isoUtc(*res.issuedAt) + ", before the signing time";
    }
    cs.status = res.status == RevocationStatus::Unknown && res.detail.empty() ? RevocationStatus::NotChecked : res.status;
    cs.source = res.source;
    cs.detail = res.detail;
    if (cs.status == RevocationStatus::Revoked) {
      bool before = !res.revokedAt || *res.revokedAt <= at;
      if (before || !timeProven)
        r.problems.push_back(cs.subject + " was revoked" + (res.revokedAt ? " at " + appearance::isoUtc(*res.revokedAt) : ""));
      else
        r.warnings.push_back(cs.subject + " was revoked after the timestamped signing time");
    } else if (cs.status != RevocationStatus::Good) {
      std::string what = "revocation of " + cs.subject + " not checked" + (cs.detail.empty() ? "" : ": " + cs.detail);
      (ctx.options->requireRevocation ? r.problems : r.warnings).push_back(what);
    }
    out.push_back(cs);
  }
}

// The signer certificate among those of the CMS and the DSS (all collected in `certs`).
X509* findSigner(CMS_SignerInfo* si, STACK_OF(X509)* certs) {
  for (int i = 0; i < sk_X509_num(certs); ++i)
    if (CMS_SignerInfo_cert_cmp(si, sk_X509_value(certs, i)) == 0) return sk_X509_value(certs, i);
  return nullptr;
}

void checkIntegrity(const pdf::FoundSignature& sig, const CheckContext& ctx, CMS_SignerInfo* si,
                    X509* signer, SignatureReport& r) {
  X509_ALGOR* digestAlg = nullptr;
  CMS_SignerInfo_get0_algs(si, nullptr, nullptr, &digestAlg, nullptr);
  const EVP_MD* md = digestAlg ? EVP_get_digestbyobj(digestAlg->algorithm) : nullptr;
  std::string messageDigest = ossl::signerAttribute(si, "1.2.840.113549.1.9.4", true, V_ASN1_OCTET_STRING);
  r.digestMatches = md && sig.byteRangeOk && !messageDigest.empty() &&
                    hashRanges(ctx.file, sig.byteRange, md) == messageDigest;
  if (!r.digestMatches) r.problems.push_back("the signed bytes were altered (digest mismatch)");
  CMS_SignerInfo_set1_signer_cert(si, signer);
  r.signatureValid = CMS_signed_get_attr_count(si) > 0 && CMS_SignerInfo_verify(si) == 1;
  ERR_clear_error();
  if (!r.signatureValid) r.problems.push_back("the CMS signature does not verify");
  r.signingCertificateBound = signingCertificateBound(si, signer);
  if (!r.signingCertificateBound && r.subFilter == "ETSI.CAdES.detached")
    r.problems.push_back("signing-certificate-v2 is missing or names another certificate");
  if (hasSignedAttr(si, "1.2.840.113549.1.9.5") && r.subFilter == "ETSI.CAdES.detached")
    r.warnings.push_back("signingTime attribute present (not allowed in PAdES baseline)");
  unsigned int ku = X509_get_key_usage(signer);
  r.keyUsageOk = ku == UINT32_MAX || (ku & (KU_NON_REPUDIATION | KU_DIGITAL_SIGNATURE)) != 0;
  if (!r.keyUsageOk) r.problems.push_back("the signer certificate does not allow signing");
}

// Returns the timestamp's time when the signature carries a valid one.
std::optional<std::time_t> checkSignatureTimestamp(CMS_SignerInfo* si, const CheckContext& ctx,
                                                   STACK_OF(X509)* untrusted, SignatureReport& r) {
  std::string token = ossl::signerAttribute(si, "1.2.840.113549.1.9.16.2.14", false, V_ASN1_SEQUENCE);
  r.timestampPresent = !token.empty();
  if (!r.timestampPresent) return std::nullopt;
  ASN1_OCTET_STRING* sv = CMS_SignerInfo_get0_signature(si);
  std::string value(reinterpret_cast<const char*>(ASN1_STRING_get0_data(sv)),
                    static_cast<std::size_t>(ASN1_STRING_length(sv)));
  std::string error;
  auto ts = checkTimestamp(token, value, ctx.store, untrusted, error);
  if (!ts) {
    r.problems.push_back(error);
    return std::nullopt;
  }
  r.timestampValid = true;
  r.timestampTime = appearance::isoUtc(ts->genTime);
  // The TSA's own chain and revocation, judged at the time it stamped.
  if (ts->tsa) {
    Chain chain = verifyChain(ts->tsa.get(), ctx.store, ts->certs.get(), ts->genTime);
    if (chain.trusted) checkRevocation(chain, ctx, ts->certs.get(), ts->genTime, true, r, r.timestampChain);
  }
  return ts->genTime;
}
}  // namespace

void check(const pdf::FoundSignature& sig, const CheckContext& ctx, SignatureReport& r) {
  auto* p = reinterpret_cast<const unsigned char*>(sig.contents.data());
  ossl::Cms cms(d2i_CMS_ContentInfo(nullptr, &p, static_cast<long>(sig.contents.size())));
  if (!cms) return r.problems.push_back("/Contents is not a CMS SignedData"), void();
  STACK_OF(CMS_SignerInfo)* infos = CMS_get0_SignerInfos(cms.get());
  r.oneSignerInfo = sk_CMS_SignerInfo_num(infos) == 1;
  if (!r.oneSignerInfo) r.problems.push_back("the CMS does not hold exactly one SignerInfo");
  if (sk_CMS_SignerInfo_num(infos) < 1) return;
  CMS_SignerInfo* si = sk_CMS_SignerInfo_value(infos, 0);
  CertStack untrusted(CMS_get1_certs(cms.get()));
  if (!untrusted) untrusted.reset(sk_X509_new_null());
  for (const std::string& der : ctx.dss->certs) sk_X509_push(untrusted.get(), ossl::certFromDer(der).release());
  X509* signer = findSigner(si, untrusted.get());
  if (!signer) return r.problems.push_back("the signer certificate is not in the CMS or DSS"), void();
  r.signer = ossl::commonName(signer);
  r.signerSubject = ossl::subjectText(signer);
  checkIntegrity(sig, ctx, si, signer, r);
  // Certificates are judged at the proven time when there is one, else at the claimed time.
  auto proven = checkSignatureTimestamp(si, ctx, untrusted.get(), r);
  std::time_t at = proven.value_or(ctx.claimedTime.value_or(std::time(nullptr)));
  Chain chain = verifyChain(signer, ctx.store, untrusted.get(), at);
  r.chainTrusted = chain.trusted;
  r.validAtSigningTime = chain.validAtTime;
  if (!chain.trusted) r.problems.push_back("the signer certificate does not chain to a trust anchor: " + chain.error);
  else if (!chain.validAtTime) r.problems.push_back("a certificate was not valid at signing time: " + chain.error);
  if (chain.trusted) {
    checkRevocation(chain, ctx, untrusted.get(), at, proven.has_value(), r, r.chain);
    r.revocation = r.chain.front().status;
  }
}

}  // namespace chancery::signing::cms
