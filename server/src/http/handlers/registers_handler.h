#pragma once
// /api/v1/registers: the caller's unit's registers, their entries for a period, and the
// printed register (PDF) or a spreadsheet (CSV) of them.

#include "http/context.h"
#include "service/services.h"

namespace chancery::http {

class RegistersHandler {
public:
  explicit RegistersHandler(service::Services& s) : s_(s) {}
  void list(Context& ctx);
  void entries(Context& ctx);
  void exportPeriod(Context& ctx);

private:
  service::Services& s_;
};

}  // namespace chancery::http
