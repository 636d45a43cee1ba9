#include "forms.h"

#include "chancery/signing/error.h"

namespace chancery::signing::forms {
void fill(const pdf::Reader&, pdf::IncrementalWriter&, const std::vector<FieldValue>&,
          const std::string&) {
  throw SigningError(ErrorCode::Unsupported, "form filling comes next");
}
}  // namespace chancery::signing::forms
