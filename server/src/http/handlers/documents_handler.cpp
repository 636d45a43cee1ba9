#include "http/handlers/documents_handler.h"

#include "http/document_views.h"
#include "http/json_input.h"
#include "http/views.h"
#include "service/errors.h"

#include <Poco/URI.h>

namespace chancery::http {
namespace {

constexpr std::int64_t kMaxId = INT64_MAX;

service::DocumentFields readFields(JsonInput& in) {
  service::DocumentFields f;
  f.docType = in.optStr("type", 64);
  f.number = in.optStr("number", 64);
  f.notation = in.optStr("notation", 128);
  f.subject = in.optText("subject", 4000);
  f.issuer = in.optStr("issuer", 255);
  f.issuedDate = in.optStr("issuedDate", 10);
  f.signerName = in.optStr("signerName", 255);
  f.signerPosition = in.optStr("signerPosition", 255);
  f.recipients = in.optText("recipients", 4000);
  f.urgency = in.optStr("urgency", 16);
  f.secrecy = in.optStr("secrecy", 16);
  f.dueDate = in.optStr("dueDate", 10);
  f.sender = in.optStr("sender", 255);
  f.receivedDate = in.optStr("receivedDate", 10);
  f.place = in.optStr("place", 255);
  f.pageCount = in.optInteger("pageCount", 1, 100000);
  f.copies = in.optInteger("copies", 1, 100000);
  return f;
}

void sendDetail(Context& ctx, int status, const service::DocumentDetail& d) {
  util::JsonWriter w;
  views::documentDetail(w, d);
  if (status == 201) ctx.setHeader("Location", "/api/v1/documents/" + std::to_string(d.doc.id));
  ctx.sendJson(status, w);
}

std::string disposition(const std::string& name, bool attachment) {
  std::string ascii;
  for (unsigned char c : name)
    ascii += (c >= 0x20 && c < 0x7f && c != '"' && c != '\\') ? static_cast<char>(c) : '_';
  std::string encoded;
  Poco::URI::encode(name, "!#$&+,/:;=?@[]\"' ", encoded);
  return std::string(attachment ? "attachment" : "inline") + "; filename=\"" + ascii +
         "\"; filename*=UTF-8''" + encoded;
}

}  // namespace

void sendGenerated(Context& ctx, const std::string& bytes, const std::string& mediaType,
                   const std::string& name, bool attachment) {
  ctx.setHeader("Content-Disposition", disposition(name, attachment));
  ctx.setHeader("Cache-Control", "no-store");
  ctx.sendBytes(200, mediaType, bytes);
}

void sendDownload(Context& ctx, const service::Download& d, bool attachment) {
  if (d.generated) {
    sendGenerated(ctx, d.bytes, d.mediaType, d.name, attachment);
    return;
  }
  ctx.setHeader("ETag", "\"" + d.etag + "\"");
  ctx.setHeader("Cache-Control", "private, no-cache");
  ctx.sendFile(d.path, d.mediaType, d.name, attachment);
}

void DocumentsHandler::types(Context& ctx) {
  util::JsonWriter w;
  views::documentTypes(w);
  ctx.setHeader("Cache-Control", "max-age=3600");
  ctx.sendJson(200, w);
}

void DocumentsHandler::list(Context& ctx) {
  store::DocumentFilter f;
  f.direction = ctx.query("direction");
  f.status = ctx.query("status");
  f.docType = ctx.query("type");
  f.urgency = ctx.query("urgency");
  f.secrecy = ctx.query("secrecy");
  f.unitId = ctx.queryInt("unitId", 1, kMaxId);
  f.registerId = ctx.queryInt("registerId", 1, kMaxId);
  f.from = ctx.query("from");
  f.to = ctx.query("to");
  f.text = ctx.query("q");
  if (f.text && f.text->size() > 200)
    throw service::invalidField("q", "q is longer than 200 bytes");
  if (auto o = ctx.query("overdue")) f.overdueOnly = *o == "true" || *o == "1";
  if (auto s = ctx.query("sort")) {
    if (*s != "newest" && *s != "oldest" && *s != "due" && *s != "received")
      throw service::invalidField("sort", "sort is newest, oldest, due or received");
    f.sort = *s;
  }
  f.limit = ctx.queryInt("limit", 1, 500).value_or(50);
  f.offset = ctx.queryInt("offset", 0, kMaxId).value_or(0);
  auto l = s_.documents.list(ctx.requirePrincipal(), f);
  util::JsonWriter w;
  views::documentList(w, l, f.limit, f.offset);
  ctx.sendJson(200, w);
}

void DocumentsHandler::createDraft(Context& ctx) {
  JsonInput in(ctx);
  service::NewOutgoing n;
  n.fileId = in.integer("fileId", 1, kMaxId);
  n.approverId = in.optInteger("approverId", 1, kMaxId);
  n.fields = readFields(in);
  in.finish();
  sendDetail(ctx, 201, s_.documents.createDraft(ctx.requirePrincipal(), n));
}

void DocumentsHandler::registerIncoming(Context& ctx) {
  JsonInput in(ctx);
  service::NewIncoming n;
  n.fileId = in.integer("fileId", 1, kMaxId);
  n.attachmentFileIds =
      in.optIntList("attachmentFileIds", 50).value_or(std::vector<std::int64_t>{});
  n.allowDuplicate = in.optBoolean("allowDuplicate").value_or(false);
  n.receivedNumber = in.optInteger("receivedNumber", 1, 1000000);
  n.fields = readFields(in);
  in.finish();
  sendDetail(ctx, 201, s_.documents.registerIncoming(ctx.requirePrincipal(), n));
}

void DocumentsHandler::get(Context& ctx) {
  sendDetail(ctx, 200, s_.documents.get(ctx.requirePrincipal(), ctx.idParam("id")));
}

void DocumentsHandler::update(Context& ctx) {
  JsonInput in(ctx);
  auto f = readFields(in);
  in.finish();
  sendDetail(ctx, 200, s_.documents.update(ctx.requirePrincipal(), ctx.idParam("id"), f));
}

void DocumentsHandler::history(Context& ctx) {
  util::JsonWriter w;
  views::history(w, s_.documents.history(ctx.requirePrincipal(), ctx.idParam("id")));
  ctx.sendJson(200, w);
}

void DocumentsHandler::file(Context& ctx) {
  sendDownload(ctx, s_.documents.file(ctx.requirePrincipal(), ctx.idParam("id"), std::nullopt),
               ctx.query("download").has_value());
}

void DocumentsHandler::versionFile(Context& ctx) {
  sendDownload(
      ctx, s_.documents.file(ctx.requirePrincipal(), ctx.idParam("id"), ctx.idParam("versionNo")),
      ctx.query("download").has_value());
}

void DocumentsHandler::attachmentFile(Context& ctx) {
  sendDownload(ctx,
               s_.documents.attachment(ctx.requirePrincipal(), ctx.idParam("id"),
                                       ctx.idParam("attachmentId")),
               ctx.query("download").has_value());
}

void DocumentsHandler::addVersion(Context& ctx) {
  JsonInput in(ctx);
  auto fileId = in.integer("fileId", 1, kMaxId);
  auto note = in.optText("note", 2000).value_or("");
  in.finish();
  sendDetail(ctx, 201,
             s_.documents.addVersion(ctx.requirePrincipal(), ctx.idParam("id"), fileId, note));
}

void DocumentsHandler::addAttachment(Context& ctx) {
  JsonInput in(ctx);
  auto fileId = in.integer("fileId", 1, kMaxId);
  auto title = in.optStr("title", 255).value_or("");
  in.finish();
  sendDetail(ctx, 201,
             s_.documents.addAttachment(ctx.requirePrincipal(), ctx.idParam("id"), fileId, title));
}

void DocumentsHandler::grant(Context& ctx) {
  JsonInput in(ctx);
  auto userId = in.integer("userId", 1, kMaxId);
  in.finish();
  sendDetail(ctx, 200, s_.documents.grant(ctx.requirePrincipal(), ctx.idParam("id"), userId));
}

void DocumentsHandler::ungrant(Context& ctx) {
  sendDetail(
      ctx, 200,
      s_.documents.revokeGrant(ctx.requirePrincipal(), ctx.idParam("id"), ctx.idParam("userId")));
}

void DocumentsHandler::inbox(Context& ctx) {
  auto limit = ctx.queryInt("limit", 1, 500).value_or(50);
  auto offset = ctx.queryInt("offset", 0, kMaxId).value_or(0);
  auto box = s_.documents.inbox(ctx.requirePrincipal(), limit, offset);
  util::JsonWriter w;
  w.beginObject().key("items").beginArray();
  for (const auto& item : box.items) {
    w.beginObject()
        .field("deliveryId", item.delivery.id)
        .field("read", item.delivery.readAt.has_value());
    views::time(w, "deliveredAt", item.delivery.deliveredAt);
    w.key("document");
    views::documentSummary(w, item.doc);
    w.endObject();
  }
  w.endArray().field("total", box.total).field("unreadOnPage", box.unread).endObject();
  ctx.sendJson(200, w);
}

}  // namespace chancery::http
