#pragma once
// /api/v1/auth/*, /api/v1/me and /api/v1/tokens.

#include "http/context.h"
#include "service/services.h"

namespace chancery::http {

inline constexpr const char* kSessionCookie = "chancery_session";

class AuthHandler {
public:
  explicit AuthHandler(service::Services& s) : s_(s) {}
  void login(Context& ctx);
  void logout(Context& ctx);
  void me(Context& ctx);
  void changePassword(Context& ctx);
  void listTokens(Context& ctx);
  void createToken(Context& ctx);
  void revokeToken(Context& ctx);

  // Resolves the caller: a bearer token, else the session cookie.
  std::optional<service::Principal> authenticate(Context& ctx);

private:
  service::Services& s_;
};

}  // namespace chancery::http
