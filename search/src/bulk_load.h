#pragma once
// Fills a fresh index generation for Index::rebuild(). The documents go into a scratch
// database written without fsync — if the process dies midway it is abandoned anyway — which
// is then compacted into the generation and synced once.
// (Building documents on a second thread was tried: on the shared two-core machine it cost
// 25 % more CPU and no wall time.)

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
                             std::uint64_t expected, std::size_t batch);

} // namespace chancery::search::detail
