#include "store/auth_store.h"

namespace chancery::store {
namespace {

constexpr std::string_view kInsertSession =
    "INSERT INTO sessions (id, user_id, csrf_token, created_at, last_seen_at, expires_at, "
    "client_addr, user_agent) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
constexpr std::string_view kSelectSession =
    "SELECT id, user_id, csrf_token, created_at, last_seen_at, expires_at, client_addr, "
    "user_agent FROM sessions WHERE id = ?";
constexpr std::string_view kTouchSession =
    "UPDATE sessions SET last_seen_at = ?, expires_at = ? WHERE id = ?";
constexpr std::string_view kDeleteSession = "DELETE FROM sessions WHERE id = ?";
constexpr std::string_view kDeleteUserSessions = "DELETE FROM sessions WHERE user_id = ?";
constexpr std::string_view kDeleteOtherUserSessions =
    "DELETE FROM sessions WHERE user_id = ? AND id <> ?";
constexpr std::string_view kDeleteExpiredSessions = "DELETE FROM sessions WHERE expires_at < ?";

constexpr std::string_view kInsertToken =
    "INSERT INTO api_tokens (user_id, name, token_hash, created_at) VALUES (?, ?, ?, ?)";
constexpr std::string_view kSelectTokenByHash =
    "SELECT id, user_id, name, token_hash, created_at, last_used_at, revoked_at "
    "FROM api_tokens WHERE token_hash = ?";
constexpr std::string_view kSelectUserTokens =
    "SELECT id, user_id, name, token_hash, created_at, last_used_at, revoked_at "
    "FROM api_tokens WHERE user_id = ? ORDER BY id";
constexpr std::string_view kTouchToken = "UPDATE api_tokens SET last_used_at = ? WHERE id = ?";
constexpr std::string_view kRevokeToken =
    "UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND user_id = ? AND revoked_at IS NULL";

constexpr std::string_view kSelectThrottle =
    "SELECT throttle_key, failures, window_start, locked_until FROM login_throttle "
    "WHERE throttle_key = ?";
constexpr std::string_view kDeleteThrottle = "DELETE FROM login_throttle WHERE throttle_key = ?";
constexpr std::string_view kUpsertThrottleSqlite =
    "INSERT INTO login_throttle (throttle_key, failures, window_start, locked_until) "
    "VALUES (?, ?, ?, ?) ON CONFLICT(throttle_key) DO UPDATE SET failures = excluded.failures, "
    "window_start = excluded.window_start, locked_until = excluded.locked_until";
constexpr std::string_view kUpsertThrottleMysql =
    "INSERT INTO login_throttle (throttle_key, failures, window_start, locked_until) "
    "VALUES (?, ?, ?, ?) ON DUPLICATE KEY UPDATE failures = VALUES(failures), "
    "window_start = VALUES(window_start), locked_until = VALUES(locked_until)";

SessionRecord toSession(const Row& r) {
  return {r.getString("id"),           r.getInt("user_id"),    r.getString("csrf_token"),
          r.getInt("created_at"),      r.getInt("last_seen_at"), r.getInt("expires_at"),
          r.getString("client_addr"), r.getString("user_agent")};
}

TokenRecord toToken(const Row& r) {
  return {r.getInt("id"),         r.getInt("user_id"),       r.getString("name"),
          r.getString("token_hash"), r.getInt("created_at"), r.optInt("last_used_at"),
          r.optInt("revoked_at")};
}

ThrottleRecord toThrottle(const Row& r) {
  return {r.getString("throttle_key"), r.getInt("failures"), r.getInt("window_start"),
          r.getInt("locked_until")};
}

}  // namespace

namespace sessions {
void insert(Connection& c, const SessionRecord& s) {
  c.execute(kInsertSession, {s.id, s.userId, s.csrfToken, s.createdAt, s.lastSeenAt, s.expiresAt,
                             s.clientAddr, s.userAgent});
}
std::optional<SessionRecord> find(Connection& c, const std::string& id) {
  auto row = c.queryOne(kSelectSession, {id});
  if (!row) return std::nullopt;
  return toSession(*row);
}
void touch(Connection& c, const std::string& id, std::int64_t lastSeen, std::int64_t expiresAt) {
  c.execute(kTouchSession, {lastSeen, expiresAt, id});
}
void remove(Connection& c, const std::string& id) { c.execute(kDeleteSession, {id}); }
void removeForUser(Connection& c, std::int64_t userId) { c.execute(kDeleteUserSessions, {userId}); }
void removeOthersForUser(Connection& c, std::int64_t userId, const std::string& keepId) {
  c.execute(kDeleteOtherUserSessions, {userId, keepId});
}
std::int64_t removeExpired(Connection& c, std::int64_t now) {
  return c.execute(kDeleteExpiredSessions, {now});
}
}  // namespace sessions

namespace tokens {
std::int64_t insert(Connection& c, const TokenRecord& t) {
  c.execute(kInsertToken, {t.userId, t.name, t.tokenHash, t.createdAt});
  return c.lastInsertId();
}
std::optional<TokenRecord> findByHash(Connection& c, const std::string& hash) {
  auto row = c.queryOne(kSelectTokenByHash, {hash});
  if (!row) return std::nullopt;
  return toToken(*row);
}
std::vector<TokenRecord> listForUser(Connection& c, std::int64_t userId) {
  std::vector<TokenRecord> out;
  for (const Row& r : c.query(kSelectUserTokens, {userId})) out.push_back(toToken(r));
  return out;
}
void markUsed(Connection& c, std::int64_t id, std::int64_t when) { c.execute(kTouchToken, {when, id}); }
bool revoke(Connection& c, std::int64_t id, std::int64_t userId, std::int64_t when) {
  return c.execute(kRevokeToken, {when, id, userId}) > 0;
}
}  // namespace tokens

namespace throttle {
std::optional<ThrottleRecord> findForUpdate(Connection& c, const std::string& key) {
  auto row = c.queryOne(std::string(kSelectThrottle) + std::string(c.forUpdate()), {key});
  if (!row) return std::nullopt;
  return toThrottle(*row);
}
std::optional<ThrottleRecord> find(Connection& c, const std::string& key) {
  auto row = c.queryOne(kSelectThrottle, {key});
  if (!row) return std::nullopt;
  return toThrottle(*row);
}
void put(Connection& c, const ThrottleRecord& r) {
  c.execute(c.dialect() == Dialect::Sqlite ? kUpsertThrottleSqlite : kUpsertThrottleMysql,
            {r.key, r.failures, r.lastFailure, r.lockedUntil});
}
void clear(Connection& c, const std::string& key) { c.execute(kDeleteThrottle, {key}); }
}  // namespace throttle

}  // namespace chancery::store
