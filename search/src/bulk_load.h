#pragma once
// Fills a fresh index generation for Index::rebuild(). The caller's thread reads the source
// and deals documents by id to `threads` shard threads (0: one per core, at most four), each
// indexing into
// its own scratch database without fsync — if the process dies midway they are abandoned
// anyway. Compaction then merges the shards into the generation, which is synced once.

#include "chancery/search/index.h"

#include <cstdint>
#include <filesystem>
#include <stop_token>

namespace chancery::search::detail {

// Creates the generation at `path`, stamps the schema version, loads everything `source`
// yields and makes it durable. Returns the number of documents. Throws SearchError
// (Cancelled, BadDocument, …) or Xapian errors; the caller deletes `path` on failure.
std::uint64_t loadGeneration(const std::filesystem::path &path, const DocumentSource &source,
                             const RebuildProgressFn &progress, std::stop_token stop,
                             std::uint64_t expected, std::size_t batch, unsigned threads);

} // namespace chancery::search::detail
