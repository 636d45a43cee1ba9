#pragma once
// The transitions of a document, one POST each under /api/v1/documents/{id}/…: present,
// assign, progress, complete, comment, revoke (incoming) and submit, return, approve, sign,
// issue (outgoing), with the signing preview and the signature verification.

#include "http/context.h"
#include "service/services.h"

namespace chancery::http {

class FlowHandler {
public:
  explicit FlowHandler(service::Services& s) : s_(s) {}
  void present(Context& ctx);
  void assign(Context& ctx);
  void progress(Context& ctx);
  void complete(Context& ctx);
  void comment(Context& ctx);
  void revoke(Context& ctx);
  void submit(Context& ctx);
  void sendBack(Context& ctx);
  void approve(Context& ctx);
  void signingPreview(Context& ctx);
  void sign(Context& ctx);
  void startTokenSigning(Context& ctx);
  void finishTokenSigning(Context& ctx);
  void issue(Context& ctx);
  void signatures(Context& ctx);

private:
  service::Services& s_;
};

}  // namespace chancery::http
