#include "http/handlers/system_handler.h"

#include "http/views.h"
#include "service/audit.h"
#include "store/audit_store.h"

namespace chancery::embedded {
std::string_view docs(std::string_view path);
}

namespace chancery::http {

void SystemHandler::health(Context& ctx) {
  bool dbOk = s_.db.ping();
  util::JsonWriter w;
  w.beginObject().field("status", dbOk ? "ok" : "degraded").field("database", dbOk ? "ok" : "unreachable").endObject();
  ctx.sendJson(dbOk ? 200 : 503, w);
}

void SystemHandler::metrics(Context& ctx) {
  ctx.sendBytes(200, "text/plain; version=0.0.4; charset=utf-8", metrics_.render());
}

void SystemHandler::openapi(Context& ctx) {
  ctx.setHeader("Cache-Control", "no-cache");
  ctx.sendBytes(200, "application/yaml; charset=utf-8", embedded::docs("openapi.yaml"));
}

void SystemHandler::auditList(Context& ctx) {
  auto limit = ctx.queryInt("limit", 1, 1000).value_or(100);
  auto type = ctx.query("objectType");
  auto id = ctx.query("objectId");
  auto lease = s_.db.acquire();
  std::vector<store::AuditRecord> entries =
      type && id ? store::audit::forObject(*lease, *type, *id, limit) : store::audit::latest(*lease, limit);
  util::JsonWriter w;
  w.beginObject().key("items").beginArray();
  for (const auto& e : entries) views::auditEntry(w, e);
  w.endArray().endObject();
  ctx.sendJson(200, w);
}

void SystemHandler::auditVerify(Context& ctx) {
  auto r = service::AuditLog::verify(s_.db);
  util::JsonWriter w;
  w.beginObject()
      .field("ok", r.ok)
      .field("checked", r.checked)
      .field("headSeq", r.headSeq)
      .field("headHash", r.headHash)
      .field("firstBadSeq", r.firstBadSeq)
      .field("problem", r.problem)
      .endObject();
  ctx.sendJson(200, w);
}

}  // namespace chancery::http
