#include "http/handlers/files_handler.h"

#include "http/views.h"
#include "service/errors.h"

namespace chancery::http {

void FilesHandler::upload(Context& ctx) {
  const auto& p = ctx.requirePrincipal();
  std::string type = ctx.mediaType();
  if (type.empty())
    throw service::Error(service::ErrorKind::UnsupportedMediaType, "unsupported_media_type",
                         "set Content-Type to the file's media type, e.g. application/pdf");
  std::int64_t max = ctx.limits().maxUploadBytes;
  if (ctx.contentLength() > max)
    throw service::Error(service::ErrorKind::PayloadTooLarge, "file_too_large",
                         "the file exceeds " + std::to_string(max) + " bytes");
  std::string name = ctx.query("name").value_or("file");
  auto f = s_.files.upload(p, name, type, ctx.bodyStream(), max);
  util::JsonWriter w;
  views::file(w, f);
  ctx.setHeader("Location", "/api/v1/files/" + std::to_string(f.id));
  ctx.sendJson(201, w);
}

void FilesHandler::get(Context& ctx) {
  util::JsonWriter w;
  views::file(w, s_.files.get(ctx.requirePrincipal(), ctx.idParam("id")));
  ctx.sendJson(200, w);
}

void FilesHandler::content(Context& ctx) {
  auto f = s_.files.get(ctx.requirePrincipal(), ctx.idParam("id"));
  ctx.setHeader("ETag", "\"" + f.sha256 + "\"");
  ctx.setHeader("Cache-Control", "private, max-age=31536000, immutable");
  ctx.sendFile(s_.files.pathOf(f), f.mediaType, f.name, ctx.query("download").has_value());
}

}  // namespace chancery::http
