#include "http/handlers/dashboards_handler.h"

#include "http/document_views.h"

namespace chancery::http {

void DashboardsHandler::tasks(Context& ctx) {
  util::JsonWriter w;
  views::tasks(w, s_.dashboards.myTasks(ctx.requirePrincipal()));
  ctx.sendJson(200, w);
}

void DashboardsHandler::overdue(Context& ctx) {
  auto items = s_.dashboards.overdue(ctx.requirePrincipal(), ctx.queryInt("unitId", 1, INT64_MAX));
  util::JsonWriter w;
  w.beginObject().key("items").beginArray();
  for (const auto& d : items)
    views::documentSummary(w, d);
  w.endArray().field("total", static_cast<std::int64_t>(items.size())).endObject();
  ctx.sendJson(200, w);
}

void DashboardsHandler::onTime(Context& ctx) {
  ctx.requirePrincipal();
  util::JsonWriter w;
  views::onTime(w, s_.dashboards.onTime(ctx.query("from"), ctx.query("to"),
                                        ctx.queryInt("unitId", 1, INT64_MAX), true));
  ctx.sendJson(200, w);
}

void DashboardsHandler::publicOnTime(Context& ctx) {
  // Counts only, secret documents left out; cacheable so that a busy public page is cheap.
  util::JsonWriter w;
  views::onTime(w, s_.dashboards.onTime(ctx.query("from"), ctx.query("to"),
                                        ctx.queryInt("unitId", 1, INT64_MAX), false));
  ctx.setHeader("Cache-Control", "public, max-age=300");
  ctx.sendJson(200, w);
}

}  // namespace chancery::http
