#pragma once
// Sessions, API tokens and login throttling.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/db.h"

namespace chancery::store {

struct SessionRecord {
  std::string id;  // SHA-256 hex of the cookie value
  std::int64_t userId = 0;
  std::string csrfToken;
  std::int64_t createdAt = 0;
  std::int64_t lastSeenAt = 0;
  std::int64_t expiresAt = 0;
  std::string clientAddr;
  std::string userAgent;
};

struct TokenRecord {
  std::int64_t id = 0;
  std::int64_t userId = 0;
  std::string name;
  std::string tokenHash;
  std::int64_t createdAt = 0;
  std::optional<std::int64_t> lastUsedAt;
  std::optional<std::int64_t> revokedAt;
};

struct ThrottleRecord {
  std::string key;
  std::int64_t failures = 0;
  std::int64_t lastFailure = 0;  // stored in window_start
  std::int64_t lockedUntil = 0;
};

namespace sessions {
void insert(Connection& c, const SessionRecord& s);
std::optional<SessionRecord> find(Connection& c, const std::string& id);
void touch(Connection& c, const std::string& id, std::int64_t lastSeen, std::int64_t expiresAt);
void remove(Connection& c, const std::string& id);
void removeForUser(Connection& c, std::int64_t userId);
// Every session of the user but keepId (the one changing its own password).
void removeOthersForUser(Connection& c, std::int64_t userId, const std::string& keepId);
std::int64_t removeExpired(Connection& c, std::int64_t now);
}  // namespace sessions

namespace tokens {
std::int64_t insert(Connection& c, const TokenRecord& t);
std::optional<TokenRecord> findByHash(Connection& c, const std::string& hash);
std::vector<TokenRecord> listForUser(Connection& c, std::int64_t userId);
void markUsed(Connection& c, std::int64_t id, std::int64_t when);
// Returns false when no active token with that id belongs to the user.
bool revoke(Connection& c, std::int64_t id, std::int64_t userId, std::int64_t when);
}  // namespace tokens

namespace throttle {
// Locks the row (MySQL) for the rest of the transaction.
std::optional<ThrottleRecord> findForUpdate(Connection& c, const std::string& key);
std::optional<ThrottleRecord> find(Connection& c, const std::string& key);
void put(Connection& c, const ThrottleRecord& r);
void clear(Connection& c, const std::string& key);
}  // namespace throttle

}  // namespace chancery::store
