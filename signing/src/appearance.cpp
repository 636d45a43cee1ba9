#include "appearance.h"

#include "chancery/signing/error.h"

namespace chancery::signing::appearance {

Placement build(const pdf::Reader& reader, pdf::IncrementalWriter& writer,
                const SignOptions& options, X509* signer,
                std::chrono::system_clock::time_point signingTime) {
  (void)reader; (void)signer; (void)signingTime;
  Placement p;
  if (options.appearance.kind != AppearanceKind::Invisible)
    throw SigningError(ErrorCode::Unsupported, "visible appearances come next");
  // PDF/A and PAdES checkers expect even an invisible widget to carry an appearance.
  pdf::Object form = pdf::Object::dict();
  form.set("Type", pdf::Object::name("XObject"));
  form.set("Subtype", pdf::Object::name("Form"));
  form.set("BBox", pdf::Object::array({pdf::Object::integer(0), pdf::Object::integer(0),
                                       pdf::Object::integer(0), pdf::Object::integer(0)}));
  p.stream = writer.add(pdf::Object::stream(std::move(form), ""));
  return p;
}

}  // namespace chancery::signing::appearance
