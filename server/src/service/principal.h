#pragma once
// Who is calling: the authenticated user with roles and unit, or nobody. Passed explicitly to
// every service function that checks access.

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace chancery::service {

enum class Role { Admin, Clerk, Specialist, Leader, Delegate, Chair, Secretary };

inline constexpr Role kAllRoles[] = {Role::Admin,    Role::Clerk, Role::Specialist, Role::Leader,
                                     Role::Delegate, Role::Chair, Role::Secretary};

std::string_view roleName(Role r);
std::optional<Role> parseRole(std::string_view name);

struct Principal {
  std::int64_t userId = 0;
  std::string username;
  std::string fullName;
  std::optional<std::int64_t> unitId;
  std::vector<Role> roles;
  std::string clientAddr;
  // Set for cookie sessions (CSRF applies); empty for bearer tokens.
  std::string sessionId;
  std::string csrfToken;

  bool has(Role r) const { return std::find(roles.begin(), roles.end(), r) != roles.end(); }
  bool hasAny(std::initializer_list<Role> rs) const {
    return std::any_of(rs.begin(), rs.end(), [&](Role r) { return has(r); });
  }
};

}  // namespace chancery::service
