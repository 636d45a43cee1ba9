#include "service/users.h"

#include <algorithm>

#include "service/audit.h"
#include "service/errors.h"
#include "store/auth_store.h"
#include "util/json_writer.h"
#include "util/text.h"

namespace chancery::service {
namespace {

void validateName(const std::string& field, const std::string& v, std::size_t max, bool required) {
  if (required && util::trim(v).empty()) throw invalidField(field, field + " is required");
  if (v.size() > max) throw invalidField(field, field + " is too long");
  if (!util::isValidUtf8(v) || util::hasControlChars(v))
    throw invalidField(field, field + " contains invalid characters");
}

std::string rolesJson(const std::vector<std::string>& roles) {
  util::JsonWriter w;
  w.beginArray();
  for (const auto& r : roles) w.value(r);
  w.endArray();
  return w.take();
}

void requireAdmin(const Principal* actor) {
  if (actor && !actor->has(Role::Admin)) throw forbidden();
}

}  // namespace

void UserService::validateUsername(const std::string& username) {
  if (username.size() < 2 || username.size() > 64)
    throw invalidField("username", "username must be 2 to 64 characters");
  for (char c : username)
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-'))
      throw invalidField("username", "username may hold only a-z, 0-9, '.', '_' and '-'");
}

void UserService::validateRoles(const std::vector<std::string>& roles) {
  for (const auto& r : roles)
    if (!parseRole(r)) throw invalidField("roles", "unknown role: " + util::truncateUtf8(r, 40));
}

void UserService::validatePassword(const std::string& password) {
  if (password.size() < 8) throw invalidField("password", "password must be at least 8 characters");
  if (password.size() > 1024) throw invalidField("password", "password is too long");
}

store::UserRecord UserService::create(const Principal* actor, const NewUser& in,
                                      bool allowWeakPassword) {
  requireAdmin(actor);
  std::string username = util::toLowerAscii(util::trim(in.username));
  validateUsername(username);
  validateName("fullName", in.fullName, 255, true);
  validateName("position", in.position, 255, false);
  if (in.email) validateName("email", *in.email, 255, false);
  validateRoles(in.roles);
  if (!allowWeakPassword) validatePassword(in.password);
  else if (in.password.empty()) throw invalidField("password", "password is required");

  store::UserRecord u;
  u.username = username;
  u.fullName = std::string(util::trim(in.fullName));
  u.position = in.position;
  u.email = in.email;
  u.unitId = in.unitId;
  u.roles = in.roles;
  u.passwordHash = hashPassword(in.password, policy_);
  return db_.transact([&](store::Connection& c) {
    if (u.unitId && !store::units::findById(c, *u.unitId)) throw invalidField("unitId", "no such unit");
    if (store::users::findByUsername(c, username))
      throw conflict("username_taken", "username is taken", "username");
    store::UserRecord created = u;
    created.id = store::users::insert(c, u);
    util::JsonWriter d;
    d.beginObject().field("username", username).key("roles").raw(rolesJson(u.roles)).endObject();
    AuditLog::append(c, actor, {"user.create", "user", std::to_string(created.id), d.take()});
    return *store::users::findById(c, created.id);
  });
}

store::UserRecord UserService::update(const Principal& actor, std::int64_t id,
                                      const UserChanges& ch) {
  requireAdmin(&actor);
  if (ch.fullName) validateName("fullName", *ch.fullName, 255, true);
  if (ch.position) validateName("position", *ch.position, 255, false);
  if (ch.email) validateName("email", *ch.email, 255, false);
  if (ch.roles) validateRoles(*ch.roles);
  auto updated = db_.transact([&](store::Connection& c) {
    auto u = store::users::findById(c, id);
    if (!u) throw notFound("user");
    if (ch.unitId && !store::units::findById(c, *ch.unitId)) throw invalidField("unitId", "no such unit");
    if (id == actor.userId && ((ch.active && !*ch.active) ||
                               (ch.roles && std::find(ch.roles->begin(), ch.roles->end(), "admin") ==
                                                ch.roles->end())))
      throw conflict("self_lockout", "you cannot disable yourself or drop your own admin role");
    if (ch.fullName) u->fullName = *ch.fullName;
    if (ch.position) u->position = *ch.position;
    if (ch.email) u->email = *ch.email;
    if (ch.unitId) u->unitId = *ch.unitId;
    if (ch.active) u->active = *ch.active;
    store::users::update(c, *u);
    util::JsonWriter d;
    d.beginObject();
    if (ch.roles) {
      store::users::setRoles(c, id, *ch.roles);
      d.key("roles").raw(rolesJson(*ch.roles));
      AuditLog::append(c, &actor, {"user.roles", "user", std::to_string(id), d.endObject().take()});
    } else {
      d.endObject();
    }
    util::JsonWriter d2;
    d2.beginObject().field("active", u->active).endObject();
    AuditLog::append(c, &actor, {"user.update", "user", std::to_string(id), d2.take()});
    if (ch.active && !*ch.active) store::sessions::removeForUser(c, id);
    return *store::users::findById(c, id);
  });
  sessions_.eraseUser(id);  // roles or access changed: no stale cached principal on this server
  return updated;
}

void UserService::changePassword(const Principal& actor, std::int64_t id, const std::string& current,
                                 const std::string& next) {
  bool self = actor.userId == id;
  if (!self && !actor.has(Role::Admin)) throw notFound("user");
  validatePassword(next);
  std::string hash = hashPassword(next, policy_);
  db_.transact([&](store::Connection& c) {
    auto u = store::users::findById(c, id);
    if (!u) throw notFound("user");
    if (self && !verifyPassword(current, u->passwordHash))
      throw invalidField("currentPassword", "the current password is wrong");
    store::users::setPassword(c, id, hash);
    // Whoever knew the old password is logged out everywhere; the user changing their own
    // password keeps the session they did it from.
    if (self) store::sessions::removeOthersForUser(c, id, actor.sessionId);
    else store::sessions::removeForUser(c, id);
    AuditLog::append(c, &actor, {"user.password", "user", std::to_string(id), "{}"});
  });
  sessions_.eraseUser(id);
}

std::vector<store::UserRecord> UserService::list(const Principal&) {
  auto lease = db_.acquire();
  return store::users::list(*lease);
}

store::UserRecord UserService::get(const Principal&, std::int64_t id) {
  auto lease = db_.acquire();
  auto u = store::users::findById(*lease, id);
  if (!u) throw notFound("user");
  return *u;
}

store::UnitRecord UserService::createUnit(const Principal* actor, const std::string& code,
                                          const std::string& name,
                                          std::optional<std::int64_t> parentId) {
  requireAdmin(actor);
  if (code.empty() || code.size() > 64) throw invalidField("code", "code must be 1 to 64 characters");
  for (char c : code)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.'))
      throw invalidField("code", "code may hold only letters, digits, '-', '_' and '.'");
  validateName("name", name, 255, true);
  return db_.transact([&](store::Connection& c) {
    if (parentId && !store::units::findById(c, *parentId)) throw invalidField("parentId", "no such unit");
    if (store::units::findByCode(c, code)) throw conflict("code_taken", "unit code is taken", "code");
    store::UnitRecord u{0, code, name, parentId};
    u.id = store::units::insert(c, u);
    util::JsonWriter d;
    d.beginObject().field("code", code).field("name", name).endObject();
    AuditLog::append(c, actor, {"unit.create", "unit", std::to_string(u.id), d.take()});
    return u;
  });
}

std::vector<store::UnitRecord> UserService::units() {
  auto lease = db_.acquire();
  return store::units::list(*lease);
}

}  // namespace chancery::service
