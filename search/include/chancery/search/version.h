#pragma once
#include <string>
namespace chancery::search {
// The Xapian version this library was built against, for `chancery --version`.
std::string libraryVersions();
}  // namespace chancery::search
