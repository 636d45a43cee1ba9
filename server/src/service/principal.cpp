#include "service/principal.h"

namespace chancery::service {

namespace {
constexpr std::string_view kNames[] = {"admin",    "clerk", "specialist", "leader",
                                       "delegate", "chair", "secretary"};
}

std::string_view roleName(Role r) { return kNames[static_cast<int>(r)]; }

std::optional<Role> parseRole(std::string_view name) {
  for (Role r : kAllRoles)
    if (roleName(r) == name) return r;
  return std::nullopt;
}

}  // namespace chancery::service
