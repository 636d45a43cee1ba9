#include "chancery/search/index.h"

#include "bulk_load.h"
#include "chancery/search/error.h"
#include "generation.h"
#include "guard.h"
#include "indexer.h"
#include "reader_pool.h"
#include "schema.h"
#include "searcher.h"

#include <mutex>
#include <optional>
#include <unordered_map>
#include <xapian.h>

namespace chancery::search {
namespace fs = std::filesystem;
using namespace detail;

namespace {

// Glass keeps the previous revision readable; a search still reading when the writer commits
// twice more gets DatabaseModifiedError and starts again on the latest revision. Ten attempts
// survive the writer committing back to back (index_test's concurrency test does that).
constexpr int kModifiedRetries = 10;

// The spelling table counts, per word, the public documents that contain it; keep it in step
// when a document is replaced or removed.
void forgetSpelling(Xapian::WritableDatabase &db, const std::string &idTerm) {
  Xapian::PostingIterator posting = db.postlist_begin(idTerm);
  if (posting == db.postlist_end(idTerm)) return;
  const Xapian::docid id = *posting;
  if (!feedsSpelling(db, id)) return;
  for (auto it = db.termlist_begin(id); it != db.termlist_end(id); ++it) {
    if (isSpellingWord(*it)) db.remove_spelling(*it, 1);
  }
}

void indexInto(Xapian::WritableDatabase &db, const Document &doc) {
  BuiltDocument built = buildDocument(doc);
  forgetSpelling(db, built.idTerm);
  db.replace_document(built.idTerm, built.doc);
  for (const std::string &word : built.spellingWords)
    db.add_spelling(word, 1);
}

Xapian::WritableDatabase createGeneration(const fs::path &path) {
  Xapian::WritableDatabase db(path.string(), Xapian::DB_CREATE_OR_OVERWRITE);
  db.set_metadata(std::string(kSchemaKey), std::to_string(kSchemaVersion));
  db.commit();
  return db;
}

} // namespace

struct Index::Impl {
  Impl(fs::path d, Mode m, IndexOptions o)
      : dir(std::move(d)), mode(m), options(o), readers(dir, o.refreshInterval) {}

  template <class F> auto withReader(F &&body) const {
    auto lease = readers.acquire();
    for (int attempt = 0;; ++attempt) {
      try {
        lease.refresh(attempt > 0); // reopening can meet a discarded revision too
        return body(*lease);
      } catch (const Xapian::DatabaseModifiedError &) {
        if (attempt >= kModifiedRetries) throw;
      }
    }
  }

  void requireWriter() const {
    if (mode != Mode::Writable || !writer)
      throw SearchError(SearchError::Code::Internal, "index is open read-only");
    if (writerSchema != kSchemaVersion)
      throw SearchError(SearchError::Code::SchemaMismatch,
                        "index schema " + std::to_string(writerSchema) + " needs rebuild to " +
                            std::to_string(kSchemaVersion));
  }

  fs::path dir;
  Mode mode;
  IndexOptions options;
  mutable ReaderPool readers;

  std::mutex writeMutex;
  std::optional<WriterLock> lock;
  std::optional<Xapian::WritableDatabase> writer;
  std::string generation;
  int writerSchema = 0;
  std::size_t pending = 0;
};

namespace {

void requireSchema(const Reader &reader) {
  if (reader.db && reader.schema != kSchemaVersion)
    throw SearchError(SearchError::Code::SchemaMismatch,
                      "index schema " + std::to_string(reader.schema) + " needs rebuild to " +
                          std::to_string(kSchemaVersion));
}

} // namespace

Index::Index(const fs::path &dir, Mode mode, IndexOptions options) {
  guarded("open index", [&] {
    if (mode == Mode::ReadOnly && !fs::is_directory(dir))
      throw SearchError(SearchError::Code::Io, "no index directory " + dir.string());
    if (mode == Mode::Writable) fs::create_directories(dir);
    auto impl = std::make_unique<Impl>(dir, mode, options);
    if (mode == Mode::Writable) {
      impl->lock.emplace(dir);
      impl->generation = readCurrent(dir);
      if (impl->generation.empty()) {
        impl->generation = nextGeneration(dir);
        impl->writer.emplace(createGeneration(dir / impl->generation));
        writeCurrent(dir, impl->generation);
      } else {
        impl->writer.emplace((dir / impl->generation).string(), Xapian::DB_OPEN);
        removeOtherGenerations(dir, impl->generation); // what a crashed rebuild left
      }
      impl->writerSchema = schemaFromMetadata(impl->writer->get_metadata(std::string(kSchemaKey)));
    }
    impl_ = std::move(impl);
  });
}

Index::~Index() = default;
Index::Index(Index &&) noexcept = default;
Index &Index::operator=(Index &&) noexcept = default;

int Index::schemaVersion() noexcept {
  return kSchemaVersion;
}

SearchResults Index::search(const SearchRequest &request, const Principal &principal) const {
  return guarded("search", [&] {
    return impl_->withReader([&](Reader &reader) {
      requireSchema(reader);
      if (!reader.db) return SearchResults{};
      return runSearch(*reader.db, reader.facets, request, principal, impl_->options);
    });
  });
}

std::uint64_t Index::documentCount() const {
  return guarded("count documents", [&] {
    return impl_->withReader([&](const Reader &reader) -> std::uint64_t {
      requireSchema(reader);
      return reader.db ? reader.db->get_doccount() : 0;
    });
  });
}

bool Index::contains(std::string_view id) const {
  return guarded("look up document", [&] {
    return impl_->withReader([&](const Reader &reader) {
      return reader.db && reader.db->term_exists(std::string(prefix::kId) + std::string(id));
    });
  });
}

std::vector<IndexedId> Index::listIds() const {
  return guarded("list documents", [&] {
    return impl_->withReader([&](const Reader &reader) {
      std::vector<IndexedId> ids;
      if (!reader.db) return ids;
      const Xapian::Database &db = *reader.db;
      std::unordered_map<Xapian::docid, std::string> revisions;
      for (auto v = db.valuestream_begin(slot::kRevision); v != db.valuestream_end(slot::kRevision);
           ++v)
        revisions.emplace(v.get_docid(), *v);
      const std::string idPrefix(prefix::kId);
      for (auto t = db.allterms_begin(idPrefix); t != db.allterms_end(idPrefix); ++t) {
        const Xapian::docid docid = *db.postlist_begin(*t);
        auto rev = revisions.find(docid);
        ids.push_back({(*t).substr(idPrefix.size()), rev == revisions.end() ? "" : rev->second});
      }
      return ids;
    });
  });
}

bool Index::needsRebuild() const {
  return guarded("check schema", [&] {
    if (impl_->mode == Mode::Writable) {
      std::lock_guard lock(impl_->writeMutex);
      return impl_->writerSchema != kSchemaVersion;
    }
    return impl_->withReader(
        [](const Reader &reader) { return reader.db && reader.schema != kSchemaVersion; });
  });
}

std::uint64_t Index::sizeOnDisk() const {
  return guarded("measure index", [&] {
    const std::string current = readCurrent(impl_->dir);
    return current.empty() ? std::uint64_t{0} : directorySize(impl_->dir / current);
  });
}

void Index::upsert(const Document &doc) {
  guarded("index document", [&] {
    std::lock_guard lock(impl_->writeMutex);
    impl_->requireWriter();
    indexInto(*impl_->writer, doc);
    ++impl_->pending;
  });
}

void Index::remove(std::string_view id) {
  guarded("remove document", [&] {
    std::lock_guard lock(impl_->writeMutex);
    impl_->requireWriter();
    const std::string idTerm = std::string(prefix::kId) + std::string(id);
    if (!impl_->writer->term_exists(idTerm)) return;
    forgetSpelling(*impl_->writer, idTerm);
    impl_->writer->delete_document(idTerm);
    ++impl_->pending;
  });
}

void Index::commit() {
  guarded("commit", [&] {
    std::lock_guard lock(impl_->writeMutex);
    if (impl_->mode != Mode::Writable || !impl_->writer) return;
    impl_->writer->commit();
    impl_->pending = 0;
    impl_->readers.invalidate();
  });
}

std::size_t Index::pendingChanges() const {
  std::lock_guard lock(impl_->writeMutex);
  return impl_->pending;
}

void Index::rebuild(const DocumentSource &source, const RebuildProgressFn &progress,
                    std::stop_token stop, std::uint64_t expected, std::size_t batch) {
  guarded("rebuild index", [&] {
    std::lock_guard lock(impl_->writeMutex);
    if (impl_->mode != Mode::Writable || !impl_->writer)
      throw SearchError(SearchError::Code::Internal, "index is open read-only");
    if (impl_->writerSchema == kSchemaVersion) impl_->writer->commit();
    impl_->pending = 0;
    const std::string name = nextGeneration(impl_->dir);
    const fs::path path = impl_->dir / name;
    RebuildProgress state{0, expected};
    try {
      state.indexed = loadGeneration(path, source, progress, stop, expected, batch,
                                     impl_->options.rebuildThreads);
    } catch (...) {
      std::error_code ec;
      fs::remove_all(path, ec);
      throw;
    }
    writeCurrent(impl_->dir, name);
    impl_->writer->close();
    impl_->writer.emplace(path.string(), Xapian::DB_OPEN);
    impl_->generation = name;
    impl_->writerSchema = kSchemaVersion;
    removeOtherGenerations(impl_->dir, name);
    impl_->readers.invalidate();
    if (progress) progress(state);
  });
}

} // namespace chancery::search
