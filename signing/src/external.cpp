// Two-phase (browser/USB token) signing and the check of files signed elsewhere.
#include <openssl/err.h>

#include <charconv>
#include <map>
#include <sstream>

#include "chancery/signing/error.h"
#include "chancery/signing/signer.h"
#include "chancery/signing/verifier.h"
#include "changes.h"
#include "cms_builder.h"
#include "keys.h"
#include "ltv.h"
#include "sign_update.h"
#include "timestamp.h"

namespace chancery::signing {
namespace {
constexpr const char* kMagic = "chancery-prepared-signature 1";

std::string base64(std::string_view in) {
  std::string out(4 * ((in.size() + 2) / 3) + 1, '\0');
  int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                          reinterpret_cast<const unsigned char*>(in.data()), static_cast<int>(in.size()));
  out.resize(static_cast<std::size_t>(n));
  return out;
}

std::string unbase64(const std::string& in) {
  std::string out(in.size() / 4 * 3 + 3, '\0');
  int n = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                          reinterpret_cast<const unsigned char*>(in.data()), static_cast<int>(in.size()));
  if (n < 0) throw SigningError(ErrorCode::InvalidArgument, "prepared signature: bad base64");
  std::size_t pad = 0;
  for (std::size_t i = in.size(); i > 0 && in[i - 1] == '='; --i) ++pad;
  out.resize(static_cast<std::size_t>(n) - pad);
  return out;
}

std::uint64_t number(const std::string& text) {
  std::uint64_t v = 0;
  auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || p != text.data() + text.size())
    throw SigningError(ErrorCode::InvalidArgument, "prepared signature: bad number");
  return v;
}

// A CMS ContentInfo that spans the whole input, or null (then it is a raw signature).
ossl::Cms asCms(std::string_view bytes) {
  auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
  ossl::Cms cms(d2i_CMS_ContentInfo(nullptr, &p, static_cast<long>(bytes.size())));
  ERR_clear_error();
  if (cms && p == reinterpret_cast<const unsigned char*>(bytes.data()) + bytes.size()) return cms;
  return nullptr;
}

void checkExternalCms(CMS_ContentInfo* cms, const PreparedSignature& prep) {
  STACK_OF(CMS_SignerInfo)* infos = CMS_get0_SignerInfos(cms);
  if (sk_CMS_SignerInfo_num(infos) != 1)
    throw SigningError(ErrorCode::ExternalMismatch, "the returned CMS must hold exactly one SignerInfo");
  CMS_SignerInfo* si = sk_CMS_SignerInfo_value(infos, 0);
  std::string got = ossl::signerAttribute(si, "1.2.840.113549.1.9.4", true, V_ASN1_OCTET_STRING);
  if (got != prep.documentDigest)
    throw SigningError(ErrorCode::ExternalMismatch, "the returned CMS signs another document");
  auto certs = ossl::certsFromPem(prep.certificateChainPem);
  STACK_OF(X509)* inCms = CMS_get1_certs(cms);
  X509* signer = nullptr;
  for (int i = 0; inCms && i < sk_X509_num(inCms) && !signer; ++i)
    if (CMS_SignerInfo_cert_cmp(si, sk_X509_value(inCms, i)) == 0) signer = sk_X509_value(inCms, i);
  for (auto& c : certs)
    if (!signer && CMS_SignerInfo_cert_cmp(si, c.get()) == 0) signer = c.get();
  if (signer) CMS_SignerInfo_set1_signer_cert(si, signer);
  bool ok = signer && CMS_SignerInfo_verify(si) == 1;
  sk_X509_pop_free(inCms, X509_free);
  ERR_clear_error();
  if (!ok) throw SigningError(ErrorCode::ExternalMismatch, "the returned CMS signature does not verify");
}

void checkRawSignature(X509* signer, const std::string& toBeSigned, std::string_view sig) {
  EVP_PKEY_CTX* ctx = EVP_PKEY_CTX_new(X509_get0_pubkey(signer), nullptr);
  bool ok = ctx && EVP_PKEY_verify_init(ctx) > 0 && EVP_PKEY_CTX_set_signature_md(ctx, EVP_sha256()) > 0 &&
            EVP_PKEY_verify(ctx, reinterpret_cast<const unsigned char*>(sig.data()), sig.size(),
                            reinterpret_cast<const unsigned char*>(toBeSigned.data()), toBeSigned.size()) == 1;
  EVP_PKEY_CTX_free(ctx);
  ERR_clear_error();
  if (!ok) throw SigningError(ErrorCode::ExternalMismatch, "the signature does not verify with the prepared certificate");
}
}  // namespace

std::string PreparedSignature::serialize() const {
  std::ostringstream s;
  s << kMagic << "\n";
  s << "id " << id << "\ncreatedAt " << createdAt << "\nlevel " << levelName(level) << "\n";
  s << "subFilter " << (subFilter == SubFilter::EtsiCadesDetached ? "etsi" : "adbe") << "\n";
  s << "contentsOffset " << contentsOffset << "\ncontentsCapacity " << contentsCapacity << "\n";
  s << "tsaUrl " << base64(tsaUrl) << "\ndocumentDigest " << base64(documentDigest) << "\n";
  s << "signedAttributes " << base64(signedAttributes) << "\ntoBeSigned " << base64(toBeSigned) << "\n";
  s << "certificateChainPem " << base64(certificateChainPem) << "\npreparedPdf " << base64(preparedPdf) << "\n";
  return s.str();
}

PreparedSignature PreparedSignature::parse(std::string_view text) {
  std::istringstream s{std::string(text)};
  std::string line;
  if (!std::getline(s, line) || line != kMagic)
    throw SigningError(ErrorCode::InvalidArgument, "not a serialized prepared signature");
  std::map<std::string, std::string> kv;
  while (std::getline(s, line)) {
    auto sp = line.find(' ');
    kv[line.substr(0, sp)] = sp == std::string::npos ? "" : line.substr(sp + 1);
  }
  auto need = [&kv](const char* key) -> const std::string& {
    auto it = kv.find(key);
    if (it == kv.end()) throw SigningError(ErrorCode::InvalidArgument, std::string("prepared signature lacks ") + key);
    return it->second;
  };
  PreparedSignature p;
  p.id = need("id");
  p.createdAt = static_cast<std::int64_t>(number(need("createdAt")));
  p.level = parseLevel(need("level"));
  p.subFilter = need("subFilter") == "adbe" ? SubFilter::AdbePkcs7Detached : SubFilter::EtsiCadesDetached;
  p.contentsOffset = number(need("contentsOffset"));
  p.contentsCapacity = number(need("contentsCapacity"));
  p.tsaUrl = unbase64(need("tsaUrl"));
  p.documentDigest = unbase64(need("documentDigest"));
  p.signedAttributes = unbase64(need("signedAttributes"));
  p.toBeSigned = unbase64(need("toBeSigned"));
  p.certificateChainPem = unbase64(need("certificateChainPem"));
  p.preparedPdf = unbase64(need("preparedPdf"));
  return p;
}

std::string completeSignature(const PreparedSignature& prepared, std::string_view signatureOrCms,
                              Transport* transport) {
  if (prepared.level != Level::BB && !transport)
    throw SigningError(ErrorCode::InvalidArgument, "B-T and B-LT need a transport");
  update::Layout layout{prepared.preparedPdf, prepared.contentsOffset, prepared.contentsCapacity};
  if (layout.contentsStart < 1 || layout.contentsStart + layout.contentsCapacity >= layout.output.size() ||
      update::digest(layout) != prepared.documentDigest ||
      ossl::sha256(prepared.signedAttributes) != prepared.toBeSigned)
    throw SigningError(ErrorCode::InvalidArgument, "the prepared signature state is inconsistent");
  std::vector<ossl::X509Ptr> certs = keys::orderChain(ossl::certsFromPem(prepared.certificateChainPem));
  if (certs.empty()) throw SigningError(ErrorCode::InvalidArgument, "the prepared state has no certificate");
  std::string cmsDer;
  if (ossl::Cms cms = asCms(signatureOrCms)) {
    checkExternalCms(cms.get(), prepared);
    cmsDer = std::string(signatureOrCms);
  } else {
    checkRawSignature(certs[0].get(), prepared.toBeSigned, signatureOrCms);
    std::vector<X509*> chain;
    for (auto& c : certs) chain.push_back(c.get());
    cmsDer = cms::signedData(chain[0], chain, prepared.signedAttributes, std::string(signatureOrCms), {});
  }
  if (prepared.level != Level::BB)
    cmsDer = cms::withTimestamp(cmsDer, tsp::requestToken(*transport, prepared.tsaUrl, cms::signatureValue(cmsDer)));
  update::embed(layout, cmsDer);
  if (prepared.level == Level::BLT) return ltv::appendDss(layout.output, *transport);
  return std::move(layout.output);
}

ExternalCheck acceptExternallySigned(std::string_view sent, std::string_view returned,
                                     const VerifyOptions& options) {
  ExternalCheck out;
  if (returned.size() <= sent.size() || returned.compare(0, sent.size(), sent) != 0)
    return out.reason = "the returned file does not start with the document that was sent", out;
  VerificationReport report = verifyPdf(returned, options);
  if (!report.error.empty()) return out.reason = "the returned file is unreadable: " + report.error, out;
  std::vector<const SignatureReport*> added;
  pdf::Reader reader(returned);
  for (const SignatureReport& s : report.signatures)
    if (s.revision == 0 || reader.revisions()[s.revision - 1].end > sent.size()) added.push_back(&s);
  if (added.size() != 1)
    return out.reason = std::to_string(added.size()) + " signatures were added instead of one", out;
  out.added = *added[0];
  std::size_t sentRevision = std::string::npos;
  for (std::size_t k = 0; k < reader.revisions().size(); ++k)
    if (reader.revisions()[k].end == sent.size()) sentRevision = k;
  if (sentRevision == std::string::npos)
    return out.reason = "the sent document does not end at a revision boundary of the returned file", out;
  pdf::ChangeSummary changes = pdf::classifyChanges(reader, sentRevision);
  if (changes.kind > ChangeKind::SignaturesOrDss)
    return out.reason = std::string("besides the signature the signer changed: ") + changeKindName(changes.kind), out;
  if (!out.added.valid()) return out.reason = "the added signature is not valid: " + out.added.problems.front(), out;
  out.accepted = true;
  return out;
}

}  // namespace chancery::signing
