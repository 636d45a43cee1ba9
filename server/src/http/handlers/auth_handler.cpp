#include "http/handlers/auth_handler.h"

#include "http/json_input.h"
#include "service/errors.h"
#include "http/views.h"
#include "store/user_store.h"
#include "util/text.h"

namespace chancery::http {

std::optional<service::Principal> AuthHandler::authenticate(Context& ctx) {
  std::string authz = ctx.header("Authorization");
  if (util::startsWith(authz, "Bearer ")) return s_.auth.authenticateBearer(authz.substr(7), ctx.clientAddr());
  std::string cookie = ctx.cookie(kSessionCookie);
  if (!cookie.empty()) return s_.auth.authenticateSession(cookie, ctx.clientAddr());
  return std::nullopt;
}

void AuthHandler::login(Context& ctx) {
  JsonInput in(ctx);
  std::string username = in.str("username", 200);
  std::string password = in.str("password", 1024);
  in.finish();
  auto result = s_.auth.login(username, password, ctx.clientAddr(), ctx.header("User-Agent"));
  ctx.setCookie(kSessionCookie, result.sessionToken, s_.config.auth.sessionMaxMs / 1000);
  auto lease = s_.db.acquire();
  auto user = store::users::findById(*lease, result.principal.userId);
  std::optional<store::UnitRecord> unit;
  if (user->unitId) unit = store::units::findById(*lease, *user->unitId);
  util::JsonWriter w;
  w.beginObject().key("user");
  views::principal(w, result.principal, *user, unit);
  w.field("csrfToken", result.principal.csrfToken).endObject();
  ctx.sendJson(200, w);
}

void AuthHandler::logout(Context& ctx) {
  s_.auth.logout(ctx.requirePrincipal());
  ctx.setCookie(kSessionCookie, "", 0);
  ctx.sendNoContent();
}

void AuthHandler::me(Context& ctx) {
  const auto& p = ctx.requirePrincipal();
  auto lease = s_.db.acquire();
  auto user = store::users::findById(*lease, p.userId);
  std::optional<store::UnitRecord> unit;
  if (user->unitId) unit = store::units::findById(*lease, *user->unitId);
  util::JsonWriter w;
  w.beginObject().key("user");
  views::principal(w, p, *user, unit);
  if (!p.csrfToken.empty()) w.field("csrfToken", p.csrfToken);
  w.endObject();
  ctx.sendJson(200, w);
}

void AuthHandler::changePassword(Context& ctx) {
  const auto& p = ctx.requirePrincipal();
  JsonInput in(ctx);
  std::string current = in.str("currentPassword", 1024);
  std::string next = in.str("newPassword", 1024);
  in.finish();
  s_.users.changePassword(p, p.userId, current, next);
  ctx.sendNoContent();
}

void AuthHandler::listTokens(Context& ctx) {
  util::JsonWriter w;
  w.beginObject().key("items").beginArray();
  for (const auto& t : s_.auth.listApiTokens(ctx.requirePrincipal())) views::apiToken(w, t);
  w.endArray().endObject();
  ctx.sendJson(200, w);
}

void AuthHandler::createToken(Context& ctx) {
  JsonInput in(ctx);
  std::string name = in.str("name", 200);
  in.finish();
  if (util::trim(name).empty()) throw service::invalidField("name", "name is required");
  auto [info, raw] = s_.auth.createApiToken(ctx.requirePrincipal(), name);
  util::JsonWriter w;
  w.beginObject().key("token");
  views::apiToken(w, info, raw);
  w.endObject();
  ctx.sendJson(201, w);
}

void AuthHandler::revokeToken(Context& ctx) {
  s_.auth.revokeApiToken(ctx.requirePrincipal(), ctx.idParam("id"));
  ctx.sendNoContent();
}

}  // namespace chancery::http
