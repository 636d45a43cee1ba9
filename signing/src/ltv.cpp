#include "ltv.h"

#include "chancery/signing/error.h"

namespace chancery::signing::ltv {
std::string appendDss(const std::string&, Transport&) {
  throw SigningError(ErrorCode::Unsupported, "B-LT comes next");
}
}  // namespace chancery::signing::ltv
