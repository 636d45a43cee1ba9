#pragma once
// The archive index: one directory, one writer, any number of readers.
//
// Thread safety: every method may be called from any thread. search(), documentCount() and
// the other const methods run concurrently (each borrows its own Xapian handle from a pool).
// Writer methods are serialised by an internal mutex; the intended caller is the server's single
// queue consumer, which calls upsert()/remove() for a batch and then commit(). Readers in this
// or another process see a commit within IndexOptions::refreshInterval (default 200 ms).
//
// On disk: <dir>/CURRENT names the live generation <dir>/gen-NNNNNN (a Xapian glass database).
// rebuild() fills a fresh generation and switches CURRENT atomically, so searches keep working
// on the old one meanwhile. A second writer on the same directory gets SearchError::Locked.

#include "chancery/search/document.h"
#include "chancery/search/query.h"

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <stop_token>
#include <string>
#include <string_view>
#include <vector>

namespace chancery::search {

struct IndexOptions {
  std::chrono::milliseconds refreshInterval{200}; // how stale a reader may be
  std::uint64_t facetSample = 5000; // matches counted for facets; beyond that counts are scaled
  std::uint64_t widenBelow = 3;     // strict matches below this trigger the OR fallback
  unsigned rebuildThreads = 0;      // indexing threads of rebuild(); 0 = one per core, at most 4
};

struct IndexedId {
  std::string id;
  std::string revision;
};

struct RebuildProgress {
  std::uint64_t indexed = 0;
  std::uint64_t expected = 0; // as passed to rebuild(); 0 when unknown
};

// Fills `doc` with the next document and returns true, or returns false at the end.
using DocumentSource = std::function<bool(Document &doc)>;
using RebuildProgressFn = std::function<void(const RebuildProgress &)>;

class Index {
public:
  enum class Mode { ReadOnly, Writable };

  // Opens (Writable: creates) the index in `dir`. A ReadOnly index on a directory without
  // a live generation searches as empty until a writer creates one.
  // Throws SearchError: Locked (another writer), Io (directory unusable), Corrupt.
  Index(const std::filesystem::path &dir, Mode mode, IndexOptions options = {});
  ~Index();
  Index(Index &&) noexcept;
  Index &operator=(Index &&) noexcept;

  // Throws SearchError: BadQuery / QueryTooLong (user input, map to 400), SchemaMismatch,
  // Corrupt, Internal.
  SearchResults search(const SearchRequest &request, const Principal &principal) const;

  // Committed documents. Throws SearchError: SchemaMismatch, Corrupt, Internal.
  std::uint64_t documentCount() const;
  bool contains(std::string_view id) const;
  // Every indexed id with its revision, for reconciling with the database.
  std::vector<IndexedId> listIds() const;

  // True when the live generation was built with another schema version: the server should
  // run rebuild(); until then search() and upsert() throw SchemaMismatch. Throws SearchError.
  bool needsRebuild() const;
  static int schemaVersion() noexcept;
  // Bytes used by the live generation. Throws SearchError: Io.
  std::uint64_t sizeOnDisk() const;

  // Adds or replaces the document with doc.id. Visible to readers after commit().
  // Throws SearchError: BadDocument (empty/oversized id, impossible date), SchemaMismatch,
  // Io, Internal; Mode::ReadOnly throws Internal.
  void upsert(const Document &doc);
  // Removes the document if present. Throws as upsert().
  void remove(std::string_view id);
  // Makes pending changes durable and visible. Throws SearchError: Io, Internal.
  void commit();
  std::size_t pendingChanges() const;

  // Reindexes everything `source` yields into a fresh generation, then makes it live;
  // pending changes are committed first. `source` and `progress` (every `batch` documents) are
  // called on the calling thread; indexing runs on IndexOptions::rebuildThreads threads into
  // scratch databases that are then compacted into the generation. Writer methods wait until
  // it is done; searches go on against the old generation meanwhile.
  // Throws SearchError: Cancelled (the old generation stays live), BadDocument, Io, Internal.
  void rebuild(const DocumentSource &source, const RebuildProgressFn &progress = {},
               std::stop_token stop = {}, std::uint64_t expected = 0, std::size_t batch = 1000);

private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

} // namespace chancery::search
