#include "http/handlers/users_handler.h"

#include "http/json_input.h"
#include "http/views.h"

namespace chancery::http {

void UsersHandler::list(Context& ctx) {
  auto role = ctx.query("role");
  util::JsonWriter w;
  w.beginObject().key("items").beginArray();
  for (const auto& u : s_.users.list(ctx.requirePrincipal()))
    if (!role || std::find(u.roles.begin(), u.roles.end(), *role) != u.roles.end()) views::user(w, u);
  w.endArray().endObject();
  ctx.sendJson(200, w);
}

void UsersHandler::get(Context& ctx) {
  util::JsonWriter w;
  views::user(w, s_.users.get(ctx.requirePrincipal(), ctx.idParam("id")));
  ctx.sendJson(200, w);
}

void UsersHandler::create(Context& ctx) {
  JsonInput in(ctx);
  service::NewUser u;
  u.username = in.str("username", 64);
  u.fullName = in.str("fullName", 255);
  u.password = in.str("password", 1024);
  u.roles = in.optStrList("roles", 10, 32).value_or(std::vector<std::string>{});
  u.position = in.optStr("position", 255).value_or("");
  u.email = in.optStr("email", 255);
  u.unitId = in.optInteger("unitId", 1, INT64_MAX);
  in.finish();
  util::JsonWriter w;
  views::user(w, s_.users.create(&ctx.requirePrincipal(), u));
  ctx.sendJson(201, w);
}

void UsersHandler::update(Context& ctx) {
  JsonInput in(ctx);
  service::UserChanges ch;
  ch.fullName = in.optStr("fullName", 255);
  ch.position = in.optStr("position", 255);
  ch.email = in.optStr("email", 255);
  ch.unitId = in.optInteger("unitId", 1, INT64_MAX);
  ch.active = in.optBoolean("active");
  ch.roles = in.optStrList("roles", 10, 32);
  in.finish();
  util::JsonWriter w;
  views::user(w, s_.users.update(ctx.requirePrincipal(), ctx.idParam("id"), ch));
  ctx.sendJson(200, w);
}

void UsersHandler::resetPassword(Context& ctx) {
  JsonInput in(ctx);
  std::string next = in.str("newPassword", 1024);
  in.finish();
  s_.users.changePassword(ctx.requirePrincipal(), ctx.idParam("id"), "", next);
  ctx.sendNoContent();
}

void UsersHandler::listUnits(Context& ctx) {
  util::JsonWriter w;
  w.beginObject().key("items").beginArray();
  for (const auto& u : s_.users.units()) views::unit(w, u);
  w.endArray().endObject();
  ctx.sendJson(200, w);
}

void UsersHandler::createUnit(Context& ctx) {
  JsonInput in(ctx);
  std::string code = in.str("code", 64);
  std::string name = in.str("name", 255);
  auto parent = in.optInteger("parentId", 1, INT64_MAX);
  in.finish();
  util::JsonWriter w;
  views::unit(w, s_.users.createUnit(&ctx.requirePrincipal(), code, name, parent));
  ctx.sendJson(201, w);
}

}  // namespace chancery::http
