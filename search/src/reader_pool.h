#pragma once
// Xapian::Database handles are not safe for concurrent use, so each search borrows one from
// this pool and gives it back. A borrowed handle is refreshed when it is older than the
// refresh interval: CURRENT is re-read (a rebuild switched generations) or reopen() picks up
// the latest commit.

#include "facet_cache.h"

#include <atomic>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>
#include <xapian.h>

namespace chancery::search::detail {

struct Reader {
  std::optional<Xapian::Database> db; // empty while the directory has no generation
  std::string generation;
  int schema = 0;
  std::chrono::steady_clock::time_point checked{};
  std::uint64_t epoch = 0; // ReaderPool::epoch_ when last refreshed
  FacetCache facets;       // per-revision facet tables of this handle
};

class ReaderPool {
public:
  ReaderPool(std::filesystem::path dir, std::chrono::milliseconds refresh)
      : dir_(std::move(dir)), refresh_(refresh) {}

  class Lease {
  public:
    Lease(ReaderPool &pool, std::unique_ptr<Reader> reader)
        : pool_(&pool), reader_(std::move(reader)) {}
    Lease(Lease &&) = default;
    ~Lease() {
      if (reader_) pool_->giveBack(std::move(reader_));
    }
    Reader &operator*() const { return *reader_; }
    Reader *operator->() const { return reader_.get(); }
    // Brings the handle up to date if it is stale, or now when `force` (after
    // DatabaseModifiedError). Throws Xapian errors, DatabaseModifiedError included.
    void refresh(bool force) { pool_->update(*reader_, force); }

  private:
    ReaderPool *pool_;
    std::unique_ptr<Reader> reader_;
  };

  // A handle for this thread's exclusive use; call Lease::refresh() before reading.
  Lease acquire();
  // Makes every handle refresh before its next use: this process just committed.
  void invalidate() { ++epoch_; }

private:
  void giveBack(std::unique_ptr<Reader> reader);
  void update(Reader &reader, bool force) const;

  std::filesystem::path dir_;
  std::chrono::milliseconds refresh_;
  std::atomic<std::uint64_t> epoch_{0};
  std::mutex mutex_;
  std::vector<std::unique_ptr<Reader>> idle_;
};

} // namespace chancery::search::detail
