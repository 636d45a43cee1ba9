#include "chancery/signing/version.h"

#include <openssl/opensslv.h>
#include <podofo/base/PdfDefines.h>

namespace chancery::signing {
std::string libraryVersions() {
  return "PoDoFo " PODOFO_VERSION_STR ", " OPENSSL_VERSION_TEXT;
}
}  // namespace chancery::signing
