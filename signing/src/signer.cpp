#include "chancery/signing/signer.h"

#include <openssl/rand.h>

#include <chrono>

#include "chancery/signing/error.h"
#include "cms_builder.h"
#include "keys.h"
#include "ltv.h"
#include "sign_update.h"
#include "timestamp.h"

namespace chancery::signing {
namespace {

void checkOptions(const SignOptions& o, Transport* transport) {
  if (o.level != Level::BB && (o.tsaUrl.empty() || !transport))
    throw SigningError(ErrorCode::InvalidArgument, "B-T and B-LT need a TSA URL and a transport");
  if (o.subFilter == SubFilter::AdbePkcs7Detached && o.level != Level::BB && o.level != Level::BT)
    throw SigningError(ErrorCode::InvalidArgument, "adbe.pkcs7.detached supports B-B and B-T only");
}

std::size_t chainBytes(const std::vector<X509*>& chain) {
  std::size_t n = 0;
  for (X509* c : chain) n += ossl::der(c).size();
  return n;
}

// Timestamp (B-T) and DSS (B-LT) after the CMS is in place.
std::string finishLevels(update::Layout layout, std::string cms, Level level,
                         const std::string& tsaUrl, Transport* transport) {
  if (level != Level::BB) {
    std::string token = tsp::requestToken(*transport, tsaUrl, cms::signatureValue(cms));
    cms = cms::withTimestamp(cms, token);
  }
  update::embed(layout, cms);
  if (level == Level::BLT) return ltv::appendDss(layout.output, *transport);
  return std::move(layout.output);
}

std::string randomId() {
  unsigned char bytes[16];
  RAND_bytes(bytes, sizeof bytes);
  return ossl::hex(std::string_view(reinterpret_cast<char*>(bytes), sizeof bytes));
}
}  // namespace

const char* levelName(Level level) noexcept {
  switch (level) {
    case Level::BB: return "B-B";
    case Level::BT: return "B-T";
    case Level::BLT: return "B-LT";
  }
  return "?";
}

Level parseLevel(const std::string& text) {
  if (text == "B-B") return Level::BB;
  if (text == "B-T") return Level::BT;
  if (text == "B-LT") return Level::BLT;
  throw SigningError(ErrorCode::InvalidArgument, "unknown PAdES level " + text);
}

struct Signer::Impl {
  std::unique_ptr<keys::KeyHandle> key;
};

Signer::Signer(const KeySource& key) : impl_(std::make_unique<Impl>(Impl{keys::load(key)})) {}
Signer::~Signer() = default;
Signer::Signer(Signer&&) noexcept = default;
Signer& Signer::operator=(Signer&&) noexcept = default;

std::string Signer::certificatePem() const { return ossl::toPem(impl_->key->signer()); }

std::string Signer::sign(std::string_view pdf, const SignOptions& options, Transport* transport) const {
  try {
    return signUnchecked(pdf, options, transport);
  } catch (const SigningError&) {
    throw;
  } catch (const std::exception& e) {
    // Hostile input can still trip a bounds check (.at()) deep inside: report it as damage.
    throw SigningError(ErrorCode::Malformed, e.what());
  }
}

std::string Signer::signUnchecked(std::string_view pdf, const SignOptions& options,
                                  Transport* transport) const {
  checkOptions(options, transport);
  const keys::KeyHandle& key = *impl_->key;
  std::vector<X509*> chain = key.chain();
  update::PrefixHash hash(pdf);
  update::Layout layout =
      update::build(pdf, options, key.signer(), update::estimateReserve(options, chainBytes(chain)));
  std::string attrs = cms::signedAttributes(key.signer(), hash.finish(layout));
  std::string signature = key.signDigest(ossl::sha256(attrs));
  std::string cmsDer = cms::signedData(key.signer(), chain, attrs, signature, {});
  return finishLevels(std::move(layout), std::move(cmsDer), options.level, options.tsaUrl, transport);
}

std::string signPdf(std::string_view pdf, const KeySource& key, const SignOptions& options,
                    Transport* transport) {
  checkOptions(options, transport);  // before the key is unlocked
  return Signer(key).sign(pdf, options, transport);
}

PreparedSignature prepareSignature(std::string_view pdf, const SignOptions& options,
                                   std::string_view certificateChainPem) {
  if (options.level != Level::BB && options.tsaUrl.empty())
    throw SigningError(ErrorCode::InvalidArgument, "B-T and B-LT need a TSA URL");
  std::vector<ossl::X509Ptr> certs = keys::orderChain(ossl::certsFromPem(certificateChainPem));
  if (certs.empty()) throw SigningError(ErrorCode::Key, "no signer certificate given");
  std::vector<X509*> chain;
  std::string chainPem;
  for (auto& c : certs) {
    chain.push_back(c.get());
    chainPem += ossl::toPem(c.get());
  }
  update::Layout layout =
      update::build(pdf, options, chain[0], update::estimateReserve(options, chainBytes(chain)));
  PreparedSignature p;
  p.id = randomId();
  p.documentDigest = update::digest(layout);
  p.signedAttributes = cms::signedAttributes(chain[0], p.documentDigest);
  p.toBeSigned = ossl::sha256(p.signedAttributes);
  p.contentsOffset = layout.contentsStart;
  p.contentsCapacity = layout.contentsCapacity;
  p.preparedPdf = std::move(layout.output);
  p.certificateChainPem = std::move(chainPem);
  p.level = options.level;
  p.subFilter = options.subFilter;
  p.tsaUrl = options.tsaUrl;
  p.createdAt = std::chrono::duration_cast<std::chrono::seconds>(
                    std::chrono::system_clock::now().time_since_epoch()).count();
  return p;
}

}  // namespace chancery::signing
