#include "http/routes.h"

#include "http/handlers/auth_handler.h"
#include "http/handlers/files_handler.h"
#include "http/handlers/system_handler.h"
#include "http/handlers/users_handler.h"

namespace chancery::http {

using service::Role;

struct Handlers {
  Handlers(service::Services& s, Metrics& m) : auth(s), users(s), files(s), system(s, m) {}
  AuthHandler auth;
  UsersHandler users;
  FilesHandler files;
  SystemHandler system;
};

namespace {
template <class H> std::function<void(Context&)> bind(H& h, void (H::*fn)(Context&)) {
  return [&h, fn](Context& ctx) { (h.*fn)(ctx); };
}
}  // namespace

Api::Api(service::Services& s, Metrics& m) : handlers_(std::make_unique<Handlers>(s, m)) {
  auto& h = *handlers_;
  Router& r = router_;
  const std::vector<Role> any;
  const std::vector<Role> admin{Role::Admin};
  const std::vector<Role> staff{Role::Admin, Role::Clerk,  Role::Specialist, Role::Leader,
                                Role::Chair, Role::Secretary};

  r.add("GET", "/healthz", Access::Public, any, bind(h.system, &SystemHandler::health), "liveness and database check");
  r.add("GET", "/metrics", Access::Public, any, bind(h.system, &SystemHandler::metrics), "Prometheus metrics");
  r.add("GET", "/api/v1/openapi.yaml", Access::Public, any, bind(h.system, &SystemHandler::openapi), "this API's description");

  r.add("POST", "/api/v1/auth/login", Access::Public, any, bind(h.auth, &AuthHandler::login), "log in, set the session cookie");
  r.add("POST", "/api/v1/auth/logout", Access::User, any, bind(h.auth, &AuthHandler::logout), "end the session");
  r.add("GET", "/api/v1/me", Access::User, any, bind(h.auth, &AuthHandler::me), "the caller");
  r.add("PUT", "/api/v1/me/password", Access::User, any, bind(h.auth, &AuthHandler::changePassword), "change own password");
  r.add("GET", "/api/v1/tokens", Access::User, any, bind(h.auth, &AuthHandler::listTokens), "own API tokens");
  r.add("POST", "/api/v1/tokens", Access::User, any, bind(h.auth, &AuthHandler::createToken), "create an API token");
  r.add("DELETE", "/api/v1/tokens/{id}", Access::User, any, bind(h.auth, &AuthHandler::revokeToken), "revoke an API token");

  r.add("GET", "/api/v1/users", Access::User, any, bind(h.users, &UsersHandler::list), "list users");
  r.add("POST", "/api/v1/users", Access::User, admin, bind(h.users, &UsersHandler::create), "create a user");
  r.add("GET", "/api/v1/users/{id}", Access::User, any, bind(h.users, &UsersHandler::get), "one user");
  r.add("PATCH", "/api/v1/users/{id}", Access::User, admin, bind(h.users, &UsersHandler::update), "change a user");
  r.add("PUT", "/api/v1/users/{id}/password", Access::User, admin, bind(h.users, &UsersHandler::resetPassword), "reset a password");
  r.add("GET", "/api/v1/units", Access::User, any, bind(h.users, &UsersHandler::listUnits), "list units");
  r.add("POST", "/api/v1/units", Access::User, admin, bind(h.users, &UsersHandler::createUnit), "create a unit");

  r.add("POST", "/api/v1/files", Access::User, staff, bind(h.files, &FilesHandler::upload), "upload a file");
  r.add("GET", "/api/v1/files/{id}", Access::User, any, bind(h.files, &FilesHandler::get), "a file's record");
  r.add("GET", "/api/v1/files/{id}/content", Access::User, any, bind(h.files, &FilesHandler::content), "a file's bytes");

  r.add("GET", "/api/v1/audit", Access::User, admin, bind(h.system, &SystemHandler::auditList), "audit entries");
  r.add("GET", "/api/v1/audit/verify", Access::User, admin, bind(h.system, &SystemHandler::auditVerify), "verify the audit chain");
}

Api::~Api() = default;

Authenticator Api::authenticator() {
  return [this](Context& ctx) { return handlers_->auth.authenticate(ctx); };
}

}  // namespace chancery::http
