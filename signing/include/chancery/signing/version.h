#pragma once
#include <string>
namespace chancery::signing {
// The PoDoFo and OpenSSL versions this library was built against, for `chancery --version`.
std::string libraryVersions();
}  // namespace chancery::signing
