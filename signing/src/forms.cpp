#include "forms.h"

#include "chancery/signing/error.h"
#include "sig_field.h"

namespace chancery::signing::forms {
void fill(const pdf::Reader&, pdf::IncrementalWriter&, font::FontSet&, const std::vector<FieldValue>&,
          const std::string&) {
  throw SigningError(ErrorCode::Unsupported, "form filling: in progress");
}
}  // namespace chancery::signing::forms
