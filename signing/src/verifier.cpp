#include "chancery/signing/verifier.h"

#include "appearance.h"
#include "changes.h"
#include "chancery/signing/error.h"
#include "cms_check.h"
#include "sig_scan.h"
#include "trust.h"

namespace chancery::signing {
using pdf::Object;
namespace {

// The 0-based revision whose end is where the signed bytes end, or npos.
std::size_t coveredRevision(const pdf::Reader& reader, std::int64_t signedEnd) {
  const auto& revs = reader.revisions();
  std::string_view data = reader.data();
  for (std::size_t k = 0; k < revs.size(); ++k) {
    // A revision ends after "%%EOF" and an optional EOL; signers may stop before the EOL.
    std::size_t end = revs[k].end;
    std::size_t bare = end;
    while (bare > 0 && (data[bare - 1] == '\n' || data[bare - 1] == '\r')) --bare;
    if (static_cast<std::int64_t>(end) == signedEnd || static_cast<std::int64_t>(bare) == signedEnd) return k;
  }
  return std::string::npos;
}

std::string levelOf(const SignatureReport& r, bool dssCoversChain) {
  if (r.subFilter != "ETSI.CAdES.detached") return "none";
  if (!r.timestampPresent) return "B-B";
  return dssCoversChain ? "B-LT" : "B-T";
}

SignatureReport verifyOne(const pdf::Reader& reader, const pdf::FoundSignature& sig,
                          const pdf::DssData& dss, X509_STORE* store, const VerifyOptions& options) {
  SignatureReport r;
  r.fieldName = sig.fieldName;
  r.revisions = reader.revisions().size();
  if (const Object* sf = sig.dict.get("SubFilter"); sf && sf->is(pdf::Type::Name)) r.subFilter = sf->text();
  cms::CheckContext ctx;
  ctx.file = reader.data();
  ctx.store = store;
  ctx.dss = &dss;
  ctx.options = &options;
  if (const Object* m = sig.dict.get("M"); m && m->is(pdf::Type::String)) {
    ctx.claimedTime = appearance::parsePdfDate(m->text());
    if (ctx.claimedTime) r.claimedTime = appearance::isoUtc(*ctx.claimedTime);
  }
  if (!sig.byteRangeOk) r.problems.push_back("/ByteRange is malformed or does not frame /Contents");
  cms::check(sig, ctx, r);
  // B-LT: the DSS decides every certificate of both the signer's and the TSA's chains.
  bool dssCoversChain = dss.present && !r.chain.empty() && !r.timestampChain.empty();
  for (const auto* chain : {&r.chain, &r.timestampChain})
    for (const CertificateStatus& cs : *chain)
      dssCoversChain = dssCoversChain && (cs.source == "trust anchor" || cs.source.rfind("DSS", 0) == 0);
  r.level = levelOf(r, dssCoversChain);
  if (!sig.byteRangeOk) return r;
  std::int64_t signedEnd = sig.byteRange[2] + sig.byteRange[3];
  r.coversWholeFile = signedEnd == static_cast<std::int64_t>(reader.data().size());
  std::size_t rev = coveredRevision(reader, signedEnd);
  if (rev == std::string::npos) {
    r.problems.push_back("the signature does not end at a revision boundary");
    r.changesAfter = ChangeKind::Other;
    return r;
  }
  r.revision = rev + 1;
  pdf::ChangeSummary changes = pdf::classifyChanges(reader, rev);
  r.changesAfter = changes.kind;
  r.changeDetails = std::move(changes.details);
  if (r.modified()) r.problems.push_back("the document was modified after signing");
  return r;
}
}  // namespace

bool VerificationReport::allValid() const {
  if (!error.empty() || signatures.empty()) return false;
  for (const SignatureReport& s : signatures)
    if (!s.valid()) return false;
  return true;
}

int VerificationReport::exitCode() const {
  if (!error.empty()) return 2;
  return allValid() ? 0 : 1;
}

namespace {
VerificationReport verifyWith(std::string_view pdf, X509_STORE* store, const VerifyOptions& options) {
  VerificationReport report;
  try {
    pdf::Reader reader(pdf);
    report.revisions = reader.revisions().size();
    pdf::DssData dss = pdf::readDss(reader);
    for (const pdf::FoundSignature& sig : pdf::findSignatures(reader)) {
      // Document timestamps (ETSI.RFC3161) carry no signer; they are not reported here.
      if (const Object* sf = sig.dict.get("SubFilter"); sf && sf->isName("ETSI.RFC3161")) continue;
      report.signatures.push_back(verifyOne(reader, sig, dss, store, options));
    }
  } catch (const std::exception& e) {
    report.error = e.what();
  }
  return report;
}
}  // namespace

struct Verifier::Impl {
  VerifyOptions options;
  ossl::Store store;
};

Verifier::Verifier(const VerifyOptions& options)
    : impl_(std::make_unique<Impl>(Impl{options, trust::makeStore(options)})) {}
Verifier::~Verifier() = default;
Verifier::Verifier(Verifier&&) noexcept = default;
Verifier& Verifier::operator=(Verifier&&) noexcept = default;

VerificationReport Verifier::verify(std::string_view pdf) const {
  return verifyWith(pdf, impl_->store.get(), impl_->options);
}

VerificationReport verifyPdf(std::string_view pdf, const VerifyOptions& options) {
  try {
    return Verifier(options).verify(pdf);
  } catch (const std::exception& e) {  // unreadable trust anchors
    VerificationReport report;
    report.error = e.what();
    return report;
  }
}

}  // namespace chancery::signing
