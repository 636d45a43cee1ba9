#pragma once
// The signature's incremental update with a zero-filled /Contents, and the steps that complete
// it: hashing the /ByteRange and patching the CMS in place.
#include <memory>
#include <string>
#include <string_view>

#include "chancery/signing/options.h"
#include "ossl.h"

namespace chancery::signing::update {

struct Layout {
  std::string output;             // original + update
  std::size_t contentsStart = 0;  // first hex digit
  std::size_t contentsCapacity = 0;  // hex digits
};

// Throws what signPdf documents for layout problems (NotPdf, Encrypted, Malformed, ...).
Layout build(std::string_view pdf, const SignOptions& options, X509* signer,
             std::size_t reservedBytes);
// SHA-256 over the two byte ranges.
std::string digest(const Layout& layout);

// The original file is the start of the first byte range, so its hash can run on another core
// while the update is laid out. Worth a thread only from 1 MiB on: on a busy machine the thread may wait for a core.
class PrefixHash {
 public:
  explicit PrefixHash(std::string_view original);
  ~PrefixHash();
  // The digest of `layout`, whose output must start with the original.
  std::string finish(const Layout& layout);

 private:
  struct State;
  std::unique_ptr<State> state_;
};
// Writes `cms` as hex into the placeholder. Throws SigningError(SpaceExceeded).
void embed(Layout& layout, std::string_view cms);
// Reserved /Contents bytes for a chain and level when the caller did not choose.
std::size_t estimateReserve(const SignOptions& options, std::size_t chainDerBytes);

}  // namespace chancery::signing::update
