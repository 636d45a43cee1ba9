#pragma once
// IPv4/IPv6 networks in CIDR notation ("10.1.0.0/16", "fd00::/8", or a bare address).

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace chancery::util {

class Cidr {
public:
  // nullopt when text is not an address or network.
  static std::optional<Cidr> parse(std::string_view text);
  bool contains(std::string_view address) const;

private:
  bool v6_ = false;
  std::array<unsigned char, 16> bytes_{};
  int prefix_ = 0;
};

bool anyContains(const std::vector<Cidr>& networks, std::string_view address);

}  // namespace chancery::util
