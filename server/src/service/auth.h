#pragma once
// Logging in and out, cookie sessions with CSRF tokens, API tokens, and throttling of failed
// logins per account and per client address.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "service/passwords.h"
#include "service/principal.h"
#include "service/session_cache.h"
#include "store/db.h"
#include "util/cidr.h"

namespace chancery::service {

struct AuthConfig {
  std::int64_t sessionIdleMs = 12LL * 3600 * 1000;  // a council day with breaks
  std::int64_t sessionMaxMs = 7LL * 24 * 3600 * 1000;
  int accountFreeFailures = 5;    // failures before an account is locked out
  // Failures before a client address is locked out. Generous: a council hall's tablets often
  // share one address behind its Wi-Fi router.
  int addressFreeFailures = 100;
  // Networks whose addresses are never locked out as a whole (e.g. the hall's Wi-Fi); the
  // per-account limit still applies.
  std::vector<util::Cidr> trustedNetworks;
  std::int64_t failureWindowMs = 15LL * 60 * 1000;  // failures older than this are forgotten
  std::int64_t maxLockMs = 15LL * 60 * 1000;
};

struct LoginResult {
  std::string sessionToken;  // the cookie value; only its hash is stored
  Principal principal;
};

struct ApiTokenInfo {
  std::int64_t id = 0;
  std::string name;
  std::int64_t createdAt = 0;
  std::optional<std::int64_t> lastUsedAt;
  bool revoked = false;
};

class AuthService {
public:
  AuthService(store::Db& db, AuthConfig config, PasswordPolicy passwords, SessionCache& cache);

  // Throws Error: BadRequest (malformed), Unauthenticated ("invalid_credentials", the same for
  // an unknown user and a wrong password), TooManyRequests (with retryAfterSeconds).
  LoginResult login(const std::string& username, const std::string& password,
                    const std::string& clientAddr, const std::string& userAgent);
  void logout(const Principal& p);
  // nullopt when the token is unknown, expired, or its user is disabled.
  std::optional<Principal> authenticateSession(const std::string& token, const std::string& clientAddr);
  std::optional<Principal> authenticateBearer(const std::string& token, const std::string& clientAddr);

  // Returns the raw token once; only its hash is kept.
  std::pair<ApiTokenInfo, std::string> createApiToken(const Principal& p, const std::string& name);
  std::vector<ApiTokenInfo> listApiTokens(const Principal& p);
  // Throws Error(NotFound) when the caller has no such active token.
  void revokeApiToken(const Principal& p, std::int64_t id);

  // Builds the principal for a user id (used by the CLI and tests). nullopt if inactive/unknown.
  std::optional<Principal> principalFor(std::int64_t userId, const std::string& clientAddr = "");

private:
  void checkThrottle(store::Connection& c, const std::string& key, std::int64_t now);
  void recordFailure(store::Connection& c, const std::string& key, int freeFailures, std::int64_t now);

  store::Db& db_;
  AuthConfig config_;
  SessionCache& cache_;
  // A hash to check against when the user does not exist, so that answer takes as long.
  std::string dummyHash_;
};

}  // namespace chancery::service
