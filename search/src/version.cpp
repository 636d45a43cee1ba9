#include "chancery/search/version.h"

#include <xapian.h>

namespace chancery::search {
std::string libraryVersions() {
  return std::string("Xapian ") + Xapian::version_string();
}
} // namespace chancery::search
