#include "http/handlers/registers_handler.h"

#include "http/document_views.h"
#include "http/handlers/documents_handler.h"
#include "service/errors.h"

namespace chancery::http {

void RegistersHandler::list(Context& ctx) {
  util::JsonWriter w;
  w.beginObject().key("items").beginArray();
  for (const auto& r : s_.registers.list(ctx.requirePrincipal()))
    views::registerRecord(w, r);
  w.endArray().endObject();
  ctx.sendJson(200, w);
}

void RegistersHandler::entries(Context& ctx) {
  auto p = s_.registers.period(ctx.requirePrincipal(), ctx.idParam("id"), ctx.query("from"),
                               ctx.query("to"));
  util::JsonWriter w;
  views::registerPeriod(w, p);
  ctx.sendJson(200, w);
}

void RegistersHandler::exportPeriod(Context& ctx) {
  std::string format = ctx.query("format").value_or("pdf");
  if (format != "pdf" && format != "csv")
    throw service::invalidField("format", "format is pdf or csv");
  auto p = s_.registers.period(ctx.requirePrincipal(), ctx.idParam("id"), ctx.query("from"),
                               ctx.query("to"));
  s_.registers.auditExport(ctx.requirePrincipal(), p, format);
  std::string name =
      "so-" + p.reg.kind + (p.reg.series == "secret" ? "-mat" : "") + "-" + p.from + "-" + p.to;
  if (format == "csv")
    sendGenerated(ctx, s_.registers.exportCsv(p), "text/csv; charset=utf-8", name + ".csv", true);
  else
    sendGenerated(ctx, s_.registers.exportPdf(p), "application/pdf", name + ".pdf", true);
}

}  // namespace chancery::http
