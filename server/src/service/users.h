#pragma once
// Users, roles and organisational units: creating and changing them, with validation and an
// audit entry for every change.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "service/principal.h"
#include "service/session_cache.h"
#include "service/passwords.h"
#include "store/db.h"
#include "store/user_store.h"

namespace chancery::service {

struct NewUser {
  std::string username;
  std::string fullName;
  std::string password;
  std::vector<std::string> roles;
  std::string position;
  std::optional<std::string> email;
  std::optional<std::int64_t> unitId;
};

struct UserChanges {
  std::optional<std::string> fullName;
  std::optional<std::string> position;
  std::optional<std::string> email;
  std::optional<std::int64_t> unitId;
  std::optional<bool> active;
  std::optional<std::vector<std::string>> roles;
};

class UserService {
public:
  UserService(store::Db& db, PasswordPolicy policy, SessionCache& sessions)
      : db_(db), policy_(policy), sessions_(sessions) {}

  // actor null means the command line (trusted). Throws Error: Forbidden (not admin),
  // BadRequest (invalid field), Conflict ("username_taken").
  store::UserRecord create(const Principal* actor, const NewUser& u, bool allowWeakPassword = false);
  store::UserRecord update(const Principal& actor, std::int64_t id, const UserChanges& changes);
  // Own password with the current one, or an admin resetting someone else's.
  void changePassword(const Principal& actor, std::int64_t id, const std::string& current,
                      const std::string& next);
  std::vector<store::UserRecord> list(const Principal& actor);
  store::UserRecord get(const Principal& actor, std::int64_t id);

  store::UnitRecord createUnit(const Principal* actor, const std::string& code,
                               const std::string& name, std::optional<std::int64_t> parentId);
  std::vector<store::UnitRecord> units();

  static void validateUsername(const std::string& username);
  static void validateRoles(const std::vector<std::string>& roles);
  static void validatePassword(const std::string& password);

private:
  store::Db& db_;
  PasswordPolicy policy_;
  SessionCache& sessions_;
};

}  // namespace chancery::service
