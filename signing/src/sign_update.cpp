#include "sign_update.h"

#include <chrono>
#include <cstdio>
#include <cstring>
#include <future>

#include "appearance.h"
#include "chancery/signing/error.h"
#include "forms.h"
#include "sig_field.h"

namespace chancery::signing::update {
namespace {
constexpr std::int64_t kRangePlaceholder = 9'999'999'999;  // 10 digits, patched in place
constexpr std::string_view kRangeText = "[0 9999999999 9999999999 9999999999]";

pdf::Object signatureDictionary(const SignOptions& o, std::size_t reserved,
                                std::chrono::system_clock::time_point when) {
  using pdf::Object;
  Object sig = Object::dict();
  sig.set("Type", Object::name("Sig"));
  sig.set("Filter", Object::name("Adobe.PPKLite"));
  sig.set("SubFilter", Object::name(o.subFilter == SubFilter::EtsiCadesDetached
                                        ? "ETSI.CAdES.detached"
                                        : "adbe.pkcs7.detached"));
  sig.set("ByteRange", Object::array({Object::integer(0), Object::integer(kRangePlaceholder),
                                      Object::integer(kRangePlaceholder),
                                      Object::integer(kRangePlaceholder)}));
  sig.set("Contents", Object::string(std::string(reserved, '\0'), true));
  sig.set("M", Object::string(appearance::pdfDate(when, o.utcOffsetMinutes)));
  if (!o.reason.empty()) sig.set("Reason", pdf::textString(o.reason));
  if (!o.location.empty()) sig.set("Location", pdf::textString(o.location));
  if (!o.contactInfo.empty()) sig.set("ContactInfo", pdf::textString(o.contactInfo));
  return sig;
}

void patchByteRange(Layout& l, std::size_t sigObjectOffset) {
  std::size_t at = l.output.find(kRangeText, sigObjectOffset);
  if (at == std::string::npos) throw SigningError(ErrorCode::Crypto, "ByteRange placeholder lost");
  std::size_t afterContents = l.contentsStart + l.contentsCapacity + 1;
  char text[64];
  int n = std::snprintf(text, sizeof text, "[0 %zu %zu %zu]", l.contentsStart - 1, afterContents,
                        l.output.size() - afterContents);
  std::string patched(text, static_cast<std::size_t>(n));
  patched.insert(patched.size() - 1, kRangeText.size() - patched.size(), ' ');
  l.output.replace(at, kRangeText.size(), patched);
}
}  // namespace

std::size_t estimateReserve(const SignOptions& options, std::size_t chainDerBytes) {
  if (options.reservedBytes) return options.reservedBytes;
  std::size_t bytes = chainDerBytes + 2048;  // attributes, signature value, framing
  if (options.level != Level::BB) bytes += 8192;  // the token carries the TSA's chain
  return bytes;
}

Layout build(std::string_view pdf, const SignOptions& options, X509* signer,
             std::size_t reservedBytes) {
  pdf::Reader reader(pdf);
  // Bytes after the last %%EOF are a cut-off update or foreign data: signing them would seal
  // garbage into the document.
  if (!reader.endsCleanly())
    throw SigningError(ErrorCode::Malformed, "data after the last %%EOF (truncated update?)",
                       static_cast<std::int64_t>(reader.revisions().back().end));
  pdf::IncrementalWriter writer(reader);
  auto when = options.signingTime.value_or(std::chrono::system_clock::now());
  font::FontSet fonts(writer);
  if (!options.fillFields.empty())
    forms::fill(reader, writer, fonts, options.fillFields, options.appearance.fontPath);
  appearance::Placement place = appearance::build(reader, writer, fonts, options, signer, when);
  fonts.writeAll();
  pdf::Ref sigRef = writer.add(signatureDictionary(options, reservedBytes, when));
  pdf::FieldSpec spec;
  spec.name = options.fieldName;
  spec.pageIndex = static_cast<std::size_t>(std::max(options.appearance.page, 1) - 1);
  spec.rect = place.rect;
  spec.appearance = place.stream;
  pdf::addSignatureField(reader, writer, sigRef, spec);
  pdf::IncrementalWriter::Output out = writer.finish(pdf.size());

  Layout l;
  l.output.reserve(pdf.size() + out.update.size());
  l.output.append(pdf);
  l.output.append(out.update);
  std::size_t sigAt = out.offsets.at(sigRef.num);
  std::size_t contents = l.output.find("/Contents <", sigAt);
  if (contents == std::string::npos) throw SigningError(ErrorCode::Crypto, "Contents placeholder lost");
  l.contentsStart = contents + std::strlen("/Contents <");
  l.contentsCapacity = reservedBytes * 2;
  patchByteRange(l, sigAt);
  return l;
}

std::string digest(const Layout& l) {
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  std::string out(32, '\0');
  unsigned int len = 0;
  std::size_t after = l.contentsStart + l.contentsCapacity + 1;
  bool ok = ctx && EVP_DigestInit_ex(ctx, EVP_sha256(), nullptr) &&
            EVP_DigestUpdate(ctx, l.output.data(), l.contentsStart - 1) &&
            EVP_DigestUpdate(ctx, l.output.data() + after, l.output.size() - after) &&
            EVP_DigestFinal_ex(ctx, reinterpret_cast<unsigned char*>(out.data()), &len);
  EVP_MD_CTX_free(ctx);
  if (!ok) ossl::fail("hashing the byte range failed");
  return out;
}

struct PrefixHash::State {
  std::size_t length = 0;
  EVP_MD_CTX* ctx = nullptr;
  std::future<bool> done;
};

PrefixHash::PrefixHash(std::string_view original) : state_(std::make_unique<State>()) {
  state_->length = original.size();
  state_->ctx = EVP_MD_CTX_new();
  if (!state_->ctx || !EVP_DigestInit_ex(state_->ctx, EVP_sha256(), nullptr)) ossl::fail("SHA-256 init failed");
  constexpr std::size_t kThreadWorthIt = std::size_t{1} << 20;
  auto work = [ctx = state_->ctx, original] { return EVP_DigestUpdate(ctx, original.data(), original.size()) == 1; };
  state_->done = std::async(original.size() >= kThreadWorthIt ? std::launch::async : std::launch::deferred, work);
}

PrefixHash::~PrefixHash() {
  if (state_->done.valid()) state_->done.wait();  // never free the context under the thread
  EVP_MD_CTX_free(state_->ctx);
}

std::string PrefixHash::finish(const Layout& l) {
  if (!state_->done.get()) ossl::fail("hashing the document failed");
  std::size_t after = l.contentsStart + l.contentsCapacity + 1;
  std::string out(32, '\0');
  unsigned int len = 0;
  if (state_->length > l.contentsStart - 1) throw SigningError(ErrorCode::Crypto, "prefix beyond the byte range");
  bool ok = EVP_DigestUpdate(state_->ctx, l.output.data() + state_->length, l.contentsStart - 1 - state_->length) &&
            EVP_DigestUpdate(state_->ctx, l.output.data() + after, l.output.size() - after) &&
            EVP_DigestFinal_ex(state_->ctx, reinterpret_cast<unsigned char*>(out.data()), &len);
  if (!ok) ossl::fail("hashing the byte range failed");
  return out;
}

void embed(Layout& l, std::string_view cms) {
  if (cms.size() * 2 > l.contentsCapacity)
    throw SigningError(ErrorCode::SpaceExceeded,
                       "signature needs " + std::to_string(cms.size()) + " bytes but " +
                           std::to_string(l.contentsCapacity / 2) + " were reserved");
  static const char* digits = "0123456789ABCDEF";
  char* p = l.output.data() + l.contentsStart;
  for (unsigned char c : cms) {
    *p++ = digits[c >> 4];
    *p++ = digits[c & 15];
  }
}

}  // namespace chancery::signing::update
