#include "service/session_cache.h"

namespace chancery::service {

std::optional<SessionCache::Entry> SessionCache::get(const std::string& key, std::int64_t now) {
  std::lock_guard lock(mutex_);
  auto it = entries_.find(key);
  if (it == entries_.end()) return std::nullopt;
  if (now - it->second.cachedAt >= kTtlMs || (it->second.expiresAt && now >= it->second.expiresAt)) {
    entries_.erase(it);
    return std::nullopt;
  }
  return it->second;
}

void SessionCache::put(const std::string& key, Entry entry) {
  std::lock_guard lock(mutex_);
  if (entries_.size() >= kMaxEntries) {
    // Drop what has expired; if the cache is still full, start afresh (cheap and rare).
    for (auto it = entries_.begin(); it != entries_.end();)
      it = entry.cachedAt - it->second.cachedAt >= kTtlMs ? entries_.erase(it) : std::next(it);
    if (entries_.size() >= kMaxEntries) entries_.clear();
  }
  entries_[key] = std::move(entry);
}

void SessionCache::touched(const std::string& key, std::int64_t when) {
  std::lock_guard lock(mutex_);
  if (auto it = entries_.find(key); it != entries_.end()) it->second.lastTouch = when;
}

void SessionCache::erase(const std::string& key) {
  std::lock_guard lock(mutex_);
  entries_.erase(key);
}

void SessionCache::eraseUser(std::int64_t userId) {
  std::lock_guard lock(mutex_);
  for (auto it = entries_.begin(); it != entries_.end();)
    it = it->second.principal.userId == userId ? entries_.erase(it) : std::next(it);
}

}  // namespace chancery::service
