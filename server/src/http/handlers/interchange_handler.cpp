#include "http/handlers/interchange_handler.h"

#include "http/document_views.h"
#include "http/handlers/documents_handler.h"
#include "http/json_input.h"
#include "service/edxml.h"
#include "service/errors.h"

namespace chancery::http {

std::string InterchangeHandler::readXml(Context& ctx) {
  std::string type = ctx.mediaType();
  if (type != "application/xml" && type != "text/xml")
    throw service::Error(service::ErrorKind::UnsupportedMediaType, "unsupported_media_type",
                         "send the edXML envelope as application/xml");
  auto max = static_cast<std::size_t>(s_.config.documents.maxEdxmlBytes);
  if (ctx.contentLength() > static_cast<std::int64_t>(max))
    throw service::Error(service::ErrorKind::PayloadTooLarge, "envelope_too_large",
                         "the envelope exceeds " + std::to_string(max) + " bytes");
  return ctx.readBody(max);
}

void InterchangeHandler::exportDocument(Context& ctx) {
  JsonInput in(ctx);
  std::vector<service::edxml::Organ> to;
  auto arr = in.optArray("to", 100);
  in.finish();
  if (arr)
    for (std::size_t i = 0; i < arr->size(); ++i) {
      auto obj = arr->getObject(static_cast<unsigned>(i));
      if (!obj)
        throw service::invalidField("to", "each recipient is an object {organId, organName}");
      JsonInput o(obj);
      service::edxml::Organ organ;
      organ.organId = o.str("organId", 191);
      organ.organName = o.optStr("organName", 255).value_or("");
      o.finish();
      to.push_back(organ);
    }
  auto out = s_.interchange.exportDocument(ctx.requirePrincipal(), ctx.idParam("id"), to);
  sendGenerated(ctx, out.xml, "application/xml; charset=utf-8", out.fileName, true);
}

void InterchangeHandler::exportStatus(Context& ctx) {
  JsonInput in(ctx);
  auto code = in.str("statusCode", 8);
  auto description = in.optText("description", 4000).value_or("");
  in.finish();
  auto out =
      s_.interchange.exportStatus(ctx.requirePrincipal(), ctx.idParam("id"), code, description);
  sendGenerated(ctx, out.xml, "application/xml; charset=utf-8", out.fileName, true);
}

void InterchangeHandler::importDocument(Context& ctx) {
  const auto& p = ctx.requirePrincipal();
  bool allowDuplicate = ctx.query("allowDuplicate").value_or("") == "true";
  auto detail = s_.interchange.importEnvelope(p, readXml(ctx), allowDuplicate);
  util::JsonWriter w;
  views::documentDetail(w, detail);
  ctx.setHeader("Location", "/api/v1/documents/" + std::to_string(detail.doc.id));
  ctx.sendJson(201, w);
}

void InterchangeHandler::importStatus(Context& ctx) {
  const auto& p = ctx.requirePrincipal();
  auto applied = s_.interchange.importStatus(p, readXml(ctx));
  util::JsonWriter w;
  w.beginObject()
      .field("documentId", applied.documentId)
      .field("statusCode", applied.statusCode)
      .field("revoked", applied.revoked)
      .endObject();
  ctx.sendJson(200, w);
}

void InterchangeHandler::statusCodes(Context& ctx) {
  util::JsonWriter w;
  w.beginObject().key("items").beginArray();
  for (const auto& s : service::edxml::statusCodes())
    w.beginObject().field("code", s.code).field("meaning", s.meaning).endObject();
  w.endArray().endObject();
  ctx.sendJson(200, w);
}

}  // namespace chancery::http
