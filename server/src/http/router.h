#pragma once
// The one route table: method + path pattern → handler, with who may call it. The dispatcher
// answers 404 for unknown paths, 405 (with Allow) for known paths with another method, 401
// for anonymous callers of protected routes, 403 for a role the route does not admit, and
// checks the CSRF token on every state-changing request that rides on a session cookie.

#include <functional>
#include <string>
#include <vector>

#include "http/context.h"
#include "service/principal.h"

namespace chancery::http {

enum class Access {
  Public,  // anyone, no login
  User,    // any logged-in user, or one holding one of `roles` when given
};

struct Route {
  std::string method;   // GET, POST, PUT, PATCH, DELETE
  std::string pattern;  // e.g. /api/v1/users/{id}
  Access access = Access::User;
  std::vector<service::Role> roles;  // empty: any logged-in user
  std::function<void(Context&)> handler;
  std::string summary;  // one line, for the route listing and docs checks
  std::vector<std::string> segments;
};

class Router {
public:
  void add(Route route);
  void add(std::string method, std::string pattern, Access access, std::vector<service::Role> roles,
           std::function<void(Context&)> handler, std::string summary = {});
  // Throws service::Error for routing, authentication, role and CSRF failures; whatever the
  // handler throws passes through.
  void dispatch(Context& ctx) const;
  // True when some route's pattern matches the path (any method).
  bool matchesPath(const std::string& path) const;
  const std::vector<Route>& routes() const { return routes_; }

private:
  std::vector<Route> routes_;
};

bool isStateChanging(const std::string& method);

}  // namespace chancery::http
