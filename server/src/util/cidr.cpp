#include "util/cidr.h"

#include <arpa/inet.h>

#include "util/text.h"

namespace chancery::util {
namespace {

bool toBytes(const std::string& addr, bool* v6, std::array<unsigned char, 16>* out) {
  out->fill(0);
  if (inet_pton(AF_INET, addr.c_str(), out->data()) == 1) {
    *v6 = false;
    return true;
  }
  if (inet_pton(AF_INET6, addr.c_str(), out->data()) == 1) {
    // An IPv4-mapped IPv6 address (::ffff:a.b.c.d) is the IPv4 address.
    static constexpr unsigned char kMapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
    if (std::equal(kMapped, kMapped + 12, out->begin())) {
      std::copy(out->begin() + 12, out->end(), out->begin());
      std::fill(out->begin() + 4, out->end(), 0);
      *v6 = false;
    } else {
      *v6 = true;
    }
    return true;
  }
  return false;
}

}  // namespace

std::optional<Cidr> Cidr::parse(std::string_view text) {
  std::string s(trim(text));
  Cidr c;
  auto slash = s.find('/');
  std::string addr = s.substr(0, slash);
  if (!toBytes(addr, &c.v6_, &c.bytes_)) return std::nullopt;
  int maxPrefix = c.v6_ ? 128 : 32;
  c.prefix_ = maxPrefix;
  if (slash != std::string::npos) {
    auto p = parseInt(s.substr(slash + 1));
    if (!p || *p < 0 || *p > maxPrefix) return std::nullopt;
    c.prefix_ = static_cast<int>(*p);
  }
  return c;
}

bool Cidr::contains(std::string_view address) const {
  bool v6 = false;
  std::array<unsigned char, 16> b{};
  if (!toBytes(std::string(address), &v6, &b) || v6 != v6_) return false;
  int full = prefix_ / 8, rest = prefix_ % 8;
  for (int i = 0; i < full; ++i)
    if (b[static_cast<std::size_t>(i)] != bytes_[static_cast<std::size_t>(i)]) return false;
  if (rest == 0) return true;
  auto mask = static_cast<unsigned char>(0xff << (8 - rest));
  return (b[static_cast<std::size_t>(full)] & mask) == (bytes_[static_cast<std::size_t>(full)] & mask);
}

bool anyContains(const std::vector<Cidr>& networks, std::string_view address) {
  for (const auto& n : networks)
    if (n.contains(address)) return true;
  return false;
}

}  // namespace chancery::util
