#include "store/user_store.h"

#include <map>

namespace chancery::store {
namespace {

constexpr std::string_view kSelectUserByName =
    "SELECT id, username, full_name, position, email, unit_id, password_hash, active, "
    "created_at, updated_at FROM users WHERE username = ?";
constexpr std::string_view kSelectUserById =
    "SELECT id, username, full_name, position, email, unit_id, password_hash, active, "
    "created_at, updated_at FROM users WHERE id = ?";
constexpr std::string_view kSelectUsers =
    "SELECT id, username, full_name, position, email, unit_id, password_hash, active, "
    "created_at, updated_at FROM users ORDER BY id";
constexpr std::string_view kSelectUsersByRole =
    "SELECT u.id, u.username, u.full_name, u.position, u.email, u.unit_id, u.password_hash, "
    "u.active, u.created_at, u.updated_at FROM users u "
    "JOIN user_roles r ON r.user_id = u.id WHERE r.role = ? ORDER BY u.id";
constexpr std::string_view kCountUsers = "SELECT COUNT(*) AS n FROM users";
constexpr std::string_view kSelectRoles = "SELECT role FROM user_roles WHERE user_id = ? ORDER BY role";
constexpr std::string_view kSelectAllRoles = "SELECT user_id, role FROM user_roles ORDER BY role";
constexpr std::string_view kInsertUser =
    "INSERT INTO users (username, full_name, position, email, unit_id, password_hash, active, "
    "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
constexpr std::string_view kUpdateUser =
    "UPDATE users SET full_name = ?, position = ?, email = ?, unit_id = ?, active = ?, "
    "updated_at = ? WHERE id = ?";
constexpr std::string_view kDeleteRoles = "DELETE FROM user_roles WHERE user_id = ?";
constexpr std::string_view kInsertRole = "INSERT INTO user_roles (user_id, role) VALUES (?, ?)";
constexpr std::string_view kSetPassword =
    "UPDATE users SET password_hash = ?, updated_at = ? WHERE id = ?";

constexpr std::string_view kInsertUnit =
    "INSERT INTO org_units (code, name, parent_id, created_at) VALUES (?, ?, ?, ?)";
constexpr std::string_view kSelectUnitById =
    "SELECT id, code, name, parent_id FROM org_units WHERE id = ?";
constexpr std::string_view kSelectUnitByCode =
    "SELECT id, code, name, parent_id FROM org_units WHERE code = ?";
constexpr std::string_view kSelectUnits = "SELECT id, code, name, parent_id FROM org_units ORDER BY id";

UserRecord toUser(const Row& r) {
  UserRecord u;
  u.id = r.getInt("id");
  u.username = r.getString("username");
  u.fullName = r.getString("full_name");
  u.position = r.getString("position");
  u.email = r.optString("email");
  u.unitId = r.optInt("unit_id");
  u.passwordHash = r.getString("password_hash");
  u.active = r.getInt("active") != 0;
  u.createdAt = r.getInt("created_at");
  u.updatedAt = r.getInt("updated_at");
  return u;
}

std::optional<UserRecord> withRoles(Connection& c, std::optional<Row> row) {
  if (!row) return std::nullopt;
  UserRecord u = toUser(*row);
  for (const Row& r : c.query(kSelectRoles, {u.id})) u.roles.push_back(r.getString("role"));
  return u;
}

std::vector<UserRecord> attachRoles(Connection& c, const Rows& rows) {
  std::map<std::int64_t, std::vector<std::string>> roles;
  for (const Row& r : c.query(kSelectAllRoles)) roles[r.getInt("user_id")].push_back(r.getString("role"));
  std::vector<UserRecord> out;
  out.reserve(rows.size());
  for (const Row& r : rows) {
    out.push_back(toUser(r));
    out.back().roles = roles[out.back().id];
  }
  return out;
}

UnitRecord toUnit(const Row& r) {
  return {r.getInt("id"), r.getString("code"), r.getString("name"), r.optInt("parent_id")};
}

}  // namespace

namespace users {

std::optional<UserRecord> findByUsername(Connection& c, const std::string& username) {
  return withRoles(c, c.queryOne(kSelectUserByName, {username}));
}

std::optional<UserRecord> findById(Connection& c, std::int64_t id) {
  return withRoles(c, c.queryOne(kSelectUserById, {id}));
}

std::vector<UserRecord> list(Connection& c) { return attachRoles(c, c.query(kSelectUsers)); }

std::vector<UserRecord> listByRole(Connection& c, const std::string& role) {
  return attachRoles(c, c.query(kSelectUsersByRole, {role}));
}

std::int64_t count(Connection& c) { return c.queryOne(kCountUsers)->getInt("n"); }

std::int64_t insert(Connection& c, const UserRecord& u) {
  std::int64_t now = nowMillis();
  c.execute(kInsertUser, {u.username, u.fullName, u.position, nullable(u.email), nullable(u.unitId),
                          u.passwordHash, std::int64_t{u.active ? 1 : 0}, now, now});
  std::int64_t id = c.lastInsertId();
  for (const auto& role : u.roles) c.execute(kInsertRole, {id, role});
  return id;
}

void update(Connection& c, const UserRecord& u) {
  c.execute(kUpdateUser, {u.fullName, u.position, nullable(u.email), nullable(u.unitId),
                          std::int64_t{u.active ? 1 : 0}, nowMillis(), u.id});
}

void setRoles(Connection& c, std::int64_t userId, const std::vector<std::string>& roles) {
  c.execute(kDeleteRoles, {userId});
  for (const auto& role : roles) c.execute(kInsertRole, {userId, role});
}

void setPassword(Connection& c, std::int64_t userId, const std::string& hash) {
  c.execute(kSetPassword, {hash, nowMillis(), userId});
}

}  // namespace users

namespace units {

std::int64_t insert(Connection& c, const UnitRecord& u) {
  c.execute(kInsertUnit, {u.code, u.name, nullable(u.parentId), nowMillis()});
  return c.lastInsertId();
}

std::optional<UnitRecord> findById(Connection& c, std::int64_t id) {
  auto row = c.queryOne(kSelectUnitById, {id});
  if (!row) return std::nullopt;
  return toUnit(*row);
}

std::optional<UnitRecord> findByCode(Connection& c, const std::string& code) {
  auto row = c.queryOne(kSelectUnitByCode, {code});
  if (!row) return std::nullopt;
  return toUnit(*row);
}

std::vector<UnitRecord> list(Connection& c) {
  std::vector<UnitRecord> out;
  for (const Row& r : c.query(kSelectUnits)) out.push_back(toUnit(r));
  return out;
}

}  // namespace units
}  // namespace chancery::store
