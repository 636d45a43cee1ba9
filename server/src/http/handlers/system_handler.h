#pragma once
// /healthz, /metrics, /api/v1/openapi.yaml, and the audit log for administrators.

#include "http/context.h"
#include "http/metrics.h"
#include "service/services.h"

namespace chancery::http {

class SystemHandler {
public:
  SystemHandler(service::Services& s, Metrics& m) : s_(s), metrics_(m) {}
  void health(Context& ctx);
  void metrics(Context& ctx);
  void openapi(Context& ctx);
  void auditList(Context& ctx);
  void auditVerify(Context& ctx);

private:
  service::Services& s_;
  Metrics& metrics_;
};

}  // namespace chancery::http
