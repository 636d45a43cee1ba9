#include "http/handlers/flow_handler.h"

#include "http/document_views.h"
#include "http/json_input.h"
#include "http/views.h"
#include "service/errors.h"

#include <Poco/Base64Decoder.h>
#include <Poco/Base64Encoder.h>
#include <sstream>

namespace chancery::http {
namespace {

constexpr std::int64_t kMaxId = INT64_MAX;

void sendDetail(Context& ctx, const service::DocumentDetail& d) {
  util::JsonWriter w;
  views::documentDetail(w, d);
  ctx.sendJson(200, w);
}

std::string base64(const std::string& bytes) {
  std::ostringstream s;
  Poco::Base64Encoder enc(s);
  enc.rdbuf()->setLineLength(0);
  enc << bytes;
  enc.close();
  return s.str();
}

std::string unbase64(const std::string& field, const std::string& text) {
  for (char c : text)
    if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' ||
          c == '/' || c == '='))
      throw service::invalidField(field, field + " must be base64");
  std::istringstream in(text);
  Poco::Base64Decoder dec(in);
  std::string out((std::istreambuf_iterator<char>(dec)), std::istreambuf_iterator<char>());
  if (out.empty()) throw service::invalidField(field, field + " is empty");
  return out;
}

}  // namespace

void FlowHandler::present(Context& ctx) {
  JsonInput in(ctx);
  auto leader = in.integer("leaderId", 1, kMaxId);
  auto note = in.optText("note", 4000).value_or("");
  in.finish();
  sendDetail(ctx, s_.flows.present(ctx.requirePrincipal(), ctx.idParam("id"), leader, note));
}

void FlowHandler::assign(Context& ctx) {
  JsonInput in(ctx);
  service::AssignRequest r;
  r.directive = in.optText("directive", 4000).value_or("");
  r.leadUserId = in.integer("leadUserId", 1, kMaxId);
  r.supportUserIds = in.optIntList("supportUserIds", 50).value_or(std::vector<std::int64_t>{});
  r.deadline = in.optStr("deadline", 10);
  in.finish();
  sendDetail(ctx, s_.flows.assign(ctx.requirePrincipal(), ctx.idParam("id"), r));
}

void FlowHandler::progress(Context& ctx) {
  JsonInput in(ctx);
  auto note = in.optText("note", 4000).value_or("");
  in.finish();
  sendDetail(ctx, s_.flows.progress(ctx.requirePrincipal(), ctx.idParam("id"), note));
}

void FlowHandler::complete(Context& ctx) {
  JsonInput in(ctx);
  auto result = in.optText("result", 4000).value_or("");
  auto reply = in.optInteger("replyDocumentId", 1, kMaxId);
  in.finish();
  sendDetail(ctx, s_.flows.complete(ctx.requirePrincipal(), ctx.idParam("id"), result, reply));
}

void FlowHandler::comment(Context& ctx) {
  JsonInput in(ctx);
  auto text = in.optText("text", 4000).value_or("");
  in.finish();
  sendDetail(ctx, s_.flows.comment(ctx.requirePrincipal(), ctx.idParam("id"), text));
}

void FlowHandler::revoke(Context& ctx) {
  JsonInput in(ctx);
  auto reason = in.optText("reason", 4000).value_or("");
  in.finish();
  sendDetail(ctx, s_.flows.revoke(ctx.requirePrincipal(), ctx.idParam("id"), reason));
}

void FlowHandler::submit(Context& ctx) {
  JsonInput in(ctx);
  auto approver = in.optInteger("approverId", 1, kMaxId);
  auto note = in.optText("note", 4000).value_or("");
  in.finish();
  sendDetail(ctx, s_.flows.submit(ctx.requirePrincipal(), ctx.idParam("id"), approver, note));
}

void FlowHandler::sendBack(Context& ctx) {
  JsonInput in(ctx);
  auto comment = in.optText("comment", 4000).value_or("");
  in.finish();
  sendDetail(ctx, s_.flows.sendBack(ctx.requirePrincipal(), ctx.idParam("id"), comment));
}

void FlowHandler::approve(Context& ctx) {
  JsonInput in(ctx);
  auto note = in.optText("note", 4000).value_or("");
  in.finish();
  sendDetail(ctx, s_.flows.approve(ctx.requirePrincipal(), ctx.idParam("id"), note));
}

void FlowHandler::signingPreview(Context& ctx) {
  util::JsonWriter w;
  views::signingPreview(w, s_.flows.signingPreview(ctx.requirePrincipal(), ctx.idParam("id")));
  ctx.sendJson(200, w);
}

void FlowHandler::sign(Context& ctx) {
  JsonInput in(ctx);
  in.finish();
  sendDetail(ctx, s_.flows.sign(ctx.requirePrincipal(), ctx.idParam("id")));
}

void FlowHandler::startTokenSigning(Context& ctx) {
  JsonInput in(ctx);
  auto chain = in.optText("certificateChainPem", 64000).value_or("");
  in.finish();
  auto started = s_.flows.startTokenSigning(ctx.requirePrincipal(), ctx.idParam("id"), chain);
  util::JsonWriter w;
  w.beginObject()
      .field("sessionId", started.sessionId)
      .field("toBeSigned", base64(started.toBeSigned));
  views::time(w, "expiresAt", started.expiresAt);
  w.endObject();
  ctx.sendJson(201, w);
}

void FlowHandler::finishTokenSigning(Context& ctx) {
  JsonInput in(ctx);
  auto signature = unbase64("signature", in.str("signature", 64000));
  in.finish();
  sendDetail(ctx, s_.flows.finishTokenSigning(ctx.requirePrincipal(), ctx.idParam("id"),
                                              ctx.param("sessionId"), signature));
}

void FlowHandler::issue(Context& ctx) {
  JsonInput in(ctx);
  service::IssueRequest r;
  r.form = in.optStr("form", 16).value_or("electronic");
  r.recipientUnitIds = in.optIntList("recipientUnitIds", 200).value_or(std::vector<std::int64_t>{});
  r.recipientUserIds = in.optIntList("recipientUserIds", 500).value_or(std::vector<std::int64_t>{});
  in.finish();
  sendDetail(ctx, s_.flows.issue(ctx.requirePrincipal(), ctx.idParam("id"), r));
}

void FlowHandler::signatures(Context& ctx) {
  util::JsonWriter w;
  views::signatureCheck(w, s_.flows.verify(ctx.requirePrincipal(), ctx.idParam("id")));
  ctx.sendJson(200, w);
}

}  // namespace chancery::http
