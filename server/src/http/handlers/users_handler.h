#pragma once
// /api/v1/users and /api/v1/units.

#include "http/context.h"
#include "service/services.h"

namespace chancery::http {

class UsersHandler {
public:
  explicit UsersHandler(service::Services& s) : s_(s) {}
  void list(Context& ctx);
  void get(Context& ctx);
  void create(Context& ctx);
  void update(Context& ctx);
  void resetPassword(Context& ctx);
  void listUnits(Context& ctx);
  void createUnit(Context& ctx);

private:
  service::Services& s_;
};

}  // namespace chancery::http
