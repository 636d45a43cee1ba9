#include "http/router.h"

#include <map>

#include "service/errors.h"
#include "util/crypto.h"
#include "util/text.h"

namespace chancery::http {

using service::Error;
using service::ErrorKind;

namespace {

std::vector<std::string> segmentsOf(const std::string& path) {
  std::vector<std::string> out;
  for (auto& s : util::split(path, '/'))
    if (!s.empty()) out.push_back(std::move(s));
  return out;
}

bool match(const Route& r, const std::vector<std::string>& segs,
           std::map<std::string, std::string>* params) {
  if (r.segments.size() != segs.size()) return false;
  for (std::size_t i = 0; i < segs.size(); ++i) {
    const std::string& p = r.segments[i];
    if (p.size() > 2 && p.front() == '{' && p.back() == '}') {
      if (params) (*params)[p.substr(1, p.size() - 2)] = segs[i];
    } else if (p != segs[i]) {
      return false;
    }
  }
  return true;
}

}  // namespace

bool isStateChanging(const std::string& method) {
  return method != "GET" && method != "HEAD" && method != "OPTIONS";
}

void Router::add(Route route) {
  route.segments = segmentsOf(route.pattern);
  routes_.push_back(std::move(route));
}

void Router::add(std::string method, std::string pattern, Access access,
                 std::vector<service::Role> roles, std::function<void(Context&)> handler,
                 std::string summary) {
  add(Route{std::move(method), std::move(pattern), access, std::move(roles), std::move(handler),
            std::move(summary), {}});
}

bool Router::matchesPath(const std::string& path) const {
  auto segs = segmentsOf(path);
  for (const Route& r : routes_)
    if (match(r, segs, nullptr)) return true;
  return false;
}

void Router::dispatch(Context& ctx) const {
  auto segs = segmentsOf(ctx.path());
  const std::string& method = ctx.method() == "HEAD" ? std::string("GET") : ctx.method();
  std::string allowed;
  for (const Route& r : routes_) {
    std::map<std::string, std::string> params;
    if (!match(r, segs, &params)) continue;
    if (r.method != method) {
      if (allowed.find(r.method) == std::string::npos) allowed += (allowed.empty() ? "" : ", ") + r.method;
      continue;
    }
    ctx.params = std::move(params);
    ctx.route = &r;
    if (r.access == Access::User) {
      const service::Principal& p = ctx.requirePrincipal();
      // A cookie travels with cross-site requests; the CSRF token in a header does not.
      if (isStateChanging(ctx.method()) && !p.sessionId.empty() &&
          !util::constantTimeEquals(ctx.header("X-CSRF-Token"), p.csrfToken))
        throw Error(ErrorKind::Forbidden, "csrf_failed",
                    "missing or wrong X-CSRF-Token header");
      if (!r.roles.empty()) {
        bool ok = false;
        for (auto role : r.roles) ok = ok || p.has(role);
        if (!ok) throw service::forbidden();
      }
    }
    r.handler(ctx);
    return;
  }
  if (!allowed.empty()) {
    if (allowed.find("GET") != std::string::npos) allowed += ", HEAD";
    ctx.setHeader("Allow", allowed);
    throw Error(ErrorKind::MethodNotAllowed, "method_not_allowed",
                ctx.method() + " is not allowed here; allowed: " + allowed);
  }
  throw Error(ErrorKind::NotFound, "no_route", "no such endpoint: " + ctx.path());
}

}  // namespace chancery::http
