#include "trust.h"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "chancery/signing/error.h"

namespace chancery::signing::trust {
namespace {
int addPem(X509_STORE* store, const std::string& pem) {
  int n = 0;
  for (auto& cert : ossl::certsFromPem(pem))
    if (X509_STORE_add_cert(store, cert.get()) == 1) ++n;
  return n;
}

std::string readFile(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  if (!f) throw SigningError(ErrorCode::InvalidArgument, "cannot read trust anchors from " + path);
  std::stringstream s;
  s << f.rdbuf();
  return s.str();
}
}  // namespace

ossl::Store makeStore(const VerifyOptions& options) {
  ossl::Store store(X509_STORE_new());
  for (const std::string& file : options.trustAnchorFiles)
    if (addPem(store.get(), readFile(file)) == 0)
      throw SigningError(ErrorCode::InvalidArgument, "no certificate in " + file);
  for (const std::string& dir : options.trustAnchorDirs) {
    std::error_code ec;
    int n = 0;
    for (auto& entry : std::filesystem::directory_iterator(dir, ec))
      if (entry.is_regular_file()) n += addPem(store.get(), readFile(entry.path().string()));
    if (ec || n == 0) throw SigningError(ErrorCode::InvalidArgument, "no certificate in " + dir);
  }
  if (!options.trustAnchorPem.empty()) addPem(store.get(), options.trustAnchorPem);
  return store;
}

}  // namespace chancery::signing::trust
