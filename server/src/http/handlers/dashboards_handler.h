#pragma once
// /api/v1/tasks, /api/v1/dashboards/* and the public, login-free /api/v1/public/on-time.

#include "http/context.h"
#include "service/services.h"

namespace chancery::http {

class DashboardsHandler {
public:
  explicit DashboardsHandler(service::Services& s) : s_(s) {}
  void tasks(Context& ctx);
  void overdue(Context& ctx);
  void onTime(Context& ctx);
  void publicOnTime(Context& ctx);

private:
  service::Services& s_;
};

}  // namespace chancery::http
