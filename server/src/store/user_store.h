#pragma once
// Users, their roles, and organisational units.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/db.h"

namespace chancery::store {

struct UserRecord {
  std::int64_t id = 0;
  std::string username;
  std::string fullName;
  std::string position;
  std::optional<std::string> email;
  std::optional<std::int64_t> unitId;
  std::string passwordHash;
  bool active = true;
  std::int64_t createdAt = 0;
  std::int64_t updatedAt = 0;
  std::vector<std::string> roles;
};

struct UnitRecord {
  std::int64_t id = 0;
  std::string code;
  std::string name;
  std::optional<std::int64_t> parentId;
};

namespace users {
std::optional<UserRecord> findByUsername(Connection& c, const std::string& username);
std::optional<UserRecord> findById(Connection& c, std::int64_t id);
std::vector<UserRecord> list(Connection& c);
std::vector<UserRecord> listByRole(Connection& c, const std::string& role);
std::int64_t count(Connection& c);
// Inserts the user and its roles; returns the new id. Throws DbError(Constraint) when the
// username is taken.
std::int64_t insert(Connection& c, const UserRecord& u);
void update(Connection& c, const UserRecord& u);
void setRoles(Connection& c, std::int64_t userId, const std::vector<std::string>& roles);
void setPassword(Connection& c, std::int64_t userId, const std::string& hash);
}  // namespace users

namespace units {
std::int64_t insert(Connection& c, const UnitRecord& u);
std::optional<UnitRecord> findById(Connection& c, std::int64_t id);
std::optional<UnitRecord> findByCode(Connection& c, const std::string& code);
std::vector<UnitRecord> list(Connection& c);
}  // namespace units

}  // namespace chancery::store
