#include "service/auth.h"

#include <algorithm>

#include "service/audit.h"
#include "service/errors.h"
#include "service/passwords.h"
#include "store/auth_store.h"
#include "store/user_store.h"
#include "util/crypto.h"
#include "util/json_writer.h"
#include "util/text.h"

namespace chancery::service {
namespace {

constexpr std::int64_t kTouchEveryMs = 60 * 1000;

std::optional<Principal> toPrincipal(const store::UserRecord& u, const std::string& clientAddr) {
  if (!u.active) return std::nullopt;
  Principal p;
  p.userId = u.id;
  p.username = u.username;
  p.fullName = u.fullName;
  p.unitId = u.unitId;
  p.clientAddr = clientAddr;
  for (const auto& r : u.roles)
    if (auto role = parseRole(r)) p.roles.push_back(*role);
  return p;
}

std::string userKey(const std::string& username) { return "user:" + username; }
std::string addrKey(const std::string& addr) { return "addr:" + addr; }

}  // namespace

AuthService::AuthService(store::Db& db, AuthConfig config, PasswordPolicy passwords,
                         SessionCache& cache)
    : db_(db), config_(std::move(config)), cache_(cache), dummyHash_(hashPassword("chancery-timing-equaliser", passwords)) {}

void AuthService::checkThrottle(store::Connection& c, const std::string& key, std::int64_t now) {
  auto rec = store::throttle::find(c, key);
  if (rec && rec->lockedUntil > now) {
    Error e(ErrorKind::TooManyRequests, "too_many_attempts",
            "too many failed logins; try again later");
    e.retryAfterSeconds = static_cast<int>((rec->lockedUntil - now + 999) / 1000);
    throw e;
  }
}

void AuthService::recordFailure(store::Connection& c, const std::string& key, int freeFailures,
                                std::int64_t now) {
  auto rec = store::throttle::findForUpdate(c, key);
  store::ThrottleRecord r{key, 0, now, 0};
  if (rec && now - rec->lastFailure <= config_.failureWindowMs) r.failures = rec->failures;
  r.failures += 1;
  r.lastFailure = now;
  if (r.failures > freeFailures) {
    // Doubling lock-out: 1 s, 2 s, 4 s … up to maxLockMs.
    std::int64_t over = std::min<std::int64_t>(r.failures - freeFailures - 1, 30);
    r.lockedUntil = now + std::min<std::int64_t>(1000LL << over, config_.maxLockMs);
  }
  store::throttle::put(c, r);
}

LoginResult AuthService::login(const std::string& usernameIn, const std::string& password,
                               const std::string& clientAddr, const std::string& userAgent) {
  std::string username = util::toLowerAscii(util::trim(usernameIn));
  if (username.empty()) throw invalidField("username", "username is required");
  if (username.size() > 64) throw invalidField("username", "username is too long");
  if (password.size() > 1024) throw invalidField("password", "password is too long");
  std::int64_t now = store::nowMillis();
  {
    auto lease = db_.acquire();
    checkThrottle(*lease, userKey(username), now);
    if (!util::anyContains(config_.trustedNetworks, clientAddr))
      checkThrottle(*lease, addrKey(clientAddr), now);
  }
  std::optional<store::UserRecord> user;
  {
    auto lease = db_.acquire();
    user = store::users::findByUsername(*lease, username);
  }
  bool ok = false;
  if (user && user->active) ok = verifyPassword(password, user->passwordHash);
  else (void)verifyPassword(password, dummyHash_);

  if (!ok) {
    db_.transact([&](store::Connection& c) {
      recordFailure(c, userKey(username), config_.accountFreeFailures, now);
      if (!util::anyContains(config_.trustedNetworks, clientAddr))
        recordFailure(c, addrKey(clientAddr), config_.addressFreeFailures, now);
      util::JsonWriter d;
      d.beginObject().field("username", username).endObject();
      AuditLog::appendAs(c, user ? std::optional(user->id) : std::nullopt, username, clientAddr,
                         {"auth.login_failed", "user", username, d.take()});
    });
    throw Error(ErrorKind::Unauthenticated, "invalid_credentials",
                "wrong username or password");
  }

  LoginResult result;
  result.sessionToken = util::randomToken(32);
  result.principal = *toPrincipal(*user, clientAddr);
  store::SessionRecord s;
  s.id = util::sha256Hex(result.sessionToken);
  s.userId = user->id;
  s.csrfToken = util::randomToken(24);
  s.createdAt = now;
  s.lastSeenAt = now;
  s.expiresAt = now + config_.sessionIdleMs;
  s.clientAddr = clientAddr;
  s.userAgent = userAgent.substr(0, 255);
  db_.transact([&](store::Connection& c) {
    store::throttle::clear(c, userKey(username));
    store::sessions::removeExpired(c, now);
    store::sessions::insert(c, s);
    AuditLog::append(c, &result.principal, {"auth.login", "user", std::to_string(user->id), "{}"});
  });
  result.principal.sessionId = s.id;
  result.principal.csrfToken = s.csrfToken;
  return result;
}

void AuthService::logout(const Principal& p) {
  if (p.sessionId.empty()) return;
  cache_.erase("s:" + p.sessionId);
  db_.transact([&](store::Connection& c) {
    store::sessions::remove(c, p.sessionId);
    AuditLog::append(c, &p, {"auth.logout", "user", std::to_string(p.userId), "{}"});
  });
}

std::optional<Principal> AuthService::authenticateSession(const std::string& token,
                                                          const std::string& clientAddr) {
  if (token.empty() || token.size() > 128) return std::nullopt;
  std::string id = util::sha256Hex(token);
  std::int64_t now = store::nowMillis();
  std::string key = "s:" + id;
  if (auto hit = cache_.get(key, now)) {
    if (now - hit->lastTouch > kTouchEveryMs) {
      auto lease = db_.acquire();
      store::sessions::touch(*lease, id, now, now + config_.sessionIdleMs);
      cache_.touched(key, now);
    }
    hit->principal.clientAddr = clientAddr;
    return hit->principal;
  }
  auto lease = db_.acquire();
  auto s = store::sessions::find(*lease, id);
  if (!s || s->expiresAt <= now || now - s->createdAt > config_.sessionMaxMs) return std::nullopt;
  auto user = store::users::findById(*lease, s->userId);
  if (!user) return std::nullopt;
  auto p = toPrincipal(*user, clientAddr);
  if (!p) return std::nullopt;
  std::int64_t lastTouch = s->lastSeenAt;
  if (now - s->lastSeenAt > kTouchEveryMs) {
    store::sessions::touch(*lease, id, now, now + config_.sessionIdleMs);
    lastTouch = now;
  }
  p->sessionId = id;
  p->csrfToken = s->csrfToken;
  cache_.put(key, {*p, now, std::min(s->expiresAt, s->createdAt + config_.sessionMaxMs), lastTouch});
  return p;
}

std::optional<Principal> AuthService::authenticateBearer(const std::string& token,
                                                         const std::string& clientAddr) {
  if (token.empty() || token.size() > 128) return std::nullopt;
  std::string hash = util::sha256Hex(token);
  std::int64_t now = store::nowMillis();
  if (auto hit = cache_.get("t:" + hash, now)) {
    hit->principal.clientAddr = clientAddr;
    return hit->principal;
  }
  auto lease = db_.acquire();
  auto t = store::tokens::findByHash(*lease, hash);
  if (!t || t->revokedAt) return std::nullopt;
  auto user = store::users::findById(*lease, t->userId);
  if (!user) return std::nullopt;
  if (!t->lastUsedAt || now - *t->lastUsedAt > kTouchEveryMs) store::tokens::markUsed(*lease, t->id, now);
  auto p = toPrincipal(*user, clientAddr);
  if (p) cache_.put("t:" + hash, {*p, now, 0, now});
  return p;
}

std::pair<ApiTokenInfo, std::string> AuthService::createApiToken(const Principal& p,
                                                                 const std::string& name) {
  std::string raw = "chy_" + util::randomToken(32);
  store::TokenRecord t;
  t.userId = p.userId;
  t.name = name;
  t.tokenHash = util::sha256Hex(raw);
  t.createdAt = store::nowMillis();
  t.id = db_.transact([&](store::Connection& c) {
    std::int64_t id = store::tokens::insert(c, t);
    util::JsonWriter d;
    d.beginObject().field("name", name).endObject();
    AuditLog::append(c, &p, {"token.create", "api_token", std::to_string(id), d.take()});
    return id;
  });
  return {{t.id, t.name, t.createdAt, std::nullopt, false}, raw};
}

std::vector<ApiTokenInfo> AuthService::listApiTokens(const Principal& p) {
  auto lease = db_.acquire();
  std::vector<ApiTokenInfo> out;
  for (const auto& t : store::tokens::listForUser(*lease, p.userId))
    out.push_back({t.id, t.name, t.createdAt, t.lastUsedAt, t.revokedAt.has_value()});
  return out;
}

void AuthService::revokeApiToken(const Principal& p, std::int64_t id) {
  db_.transact([&](store::Connection& c) {
    if (!store::tokens::revoke(c, id, p.userId, store::nowMillis())) throw notFound("token");
    cache_.eraseUser(p.userId);  // the cache is keyed by token hash, which we do not have here
    AuditLog::append(c, &p, {"token.revoke", "api_token", std::to_string(id), "{}"});
  });
}

std::optional<Principal> AuthService::principalFor(std::int64_t userId, const std::string& clientAddr) {
  auto lease = db_.acquire();
  auto user = store::users::findById(*lease, userId);
  if (!user) return std::nullopt;
  return toPrincipal(*user, clientAddr);
}

}  // namespace chancery::service
