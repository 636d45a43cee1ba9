#include "http/handlers/records_handler.h"

#include "http/document_views.h"
#include "http/handlers/documents_handler.h"
#include "http/json_input.h"
#include "service/errors.h"

namespace chancery::http {
namespace {

service::RecordFields readFields(JsonInput& in) {
  service::RecordFields f;
  f.code = in.optStr("code", 64);
  f.title = in.optText("title", 1000);
  f.description = in.optText("description", 4000);
  f.status = in.optStr("status", 16);
  f.retentionYears = in.optInteger("retentionYears", 0, 100);
  return f;
}

void sendRecord(Context& ctx, int status, const service::RecordDetail& r) {
  util::JsonWriter w;
  views::recordDetail(w, r);
  if (status == 201) ctx.setHeader("Location", "/api/v1/records/" + std::to_string(r.record.id));
  ctx.sendJson(status, w);
}

}  // namespace

void RecordsHandler::list(Context& ctx) {
  util::JsonWriter w;
  w.beginObject().key("items").beginArray();
  for (const auto& r : s_.records.list(ctx.requirePrincipal()))
    views::recordSummary(w, r);
  w.endArray().endObject();
  ctx.sendJson(200, w);
}

void RecordsHandler::create(Context& ctx) {
  JsonInput in(ctx);
  auto f = readFields(in);
  in.finish();
  sendRecord(ctx, 201, s_.records.create(ctx.requirePrincipal(), f));
}

void RecordsHandler::get(Context& ctx) {
  sendRecord(ctx, 200, s_.records.get(ctx.requirePrincipal(), ctx.idParam("id")));
}

void RecordsHandler::update(Context& ctx) {
  JsonInput in(ctx);
  auto f = readFields(in);
  in.finish();
  sendRecord(ctx, 200, s_.records.update(ctx.requirePrincipal(), ctx.idParam("id"), f));
}

void RecordsHandler::addDocument(Context& ctx) {
  JsonInput in(ctx);
  auto documentId = in.integer("documentId", 1, INT64_MAX);
  in.finish();
  sendRecord(ctx, 200,
             s_.records.addDocument(ctx.requirePrincipal(), ctx.idParam("id"), documentId));
}

void RecordsHandler::removeDocument(Context& ctx) {
  sendRecord(ctx, 200,
             s_.records.removeDocument(ctx.requirePrincipal(), ctx.idParam("id"),
                                       ctx.idParam("documentId")));
}

void RecordsHandler::exportRecord(Context& ctx) {
  std::string format = ctx.query("format").value_or("pdf");
  const auto& p = ctx.requirePrincipal();
  auto id = ctx.idParam("id");
  std::string name = "ho-so-" + std::to_string(id);
  if (format == "pdf")
    sendGenerated(ctx, s_.records.bundlePdf(p, id), "application/pdf", name + ".pdf", true);
  else if (format == "xml")
    sendGenerated(ctx, s_.records.exportXml(p, id), "application/xml; charset=utf-8", name + ".xml",
                  true);
  else
    throw service::invalidField("format", "format is pdf or xml");
}

}  // namespace chancery::http
