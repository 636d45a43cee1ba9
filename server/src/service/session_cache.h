#pragma once
// Recently authenticated sessions and API tokens, so a busy tablet's requests do not each cost
// three database reads. Entries live a few seconds: a change made on another server (a
// disabled user, a revoked token) takes effect there within that time; on this server the
// services that make such changes drop the affected entries at once.

#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "service/principal.h"

namespace chancery::service {

class SessionCache {
public:
  static constexpr std::int64_t kTtlMs = 3000;

  struct Entry {
    Principal principal;
    std::int64_t cachedAt = 0;
    std::int64_t expiresAt = 0;   // the session's own expiry (0 for tokens)
    std::int64_t lastTouch = 0;   // when the database last saw this session used
  };

  std::optional<Entry> get(const std::string& key, std::int64_t now);
  void put(const std::string& key, Entry entry);
  void touched(const std::string& key, std::int64_t when);
  void erase(const std::string& key);
  void eraseUser(std::int64_t userId);

private:
  static constexpr std::size_t kMaxEntries = 20000;
  std::mutex mutex_;
  std::unordered_map<std::string, Entry> entries_;
};

}  // namespace chancery::service
