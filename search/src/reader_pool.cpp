#include "reader_pool.h"

#include "generation.h"
#include "schema.h"

namespace chancery::search::detail {

ReaderPool::Lease ReaderPool::acquire() {
  std::unique_ptr<Reader> reader;
  {
    std::lock_guard lock(mutex_);
    if (!idle_.empty()) {
      reader = std::move(idle_.back());
      idle_.pop_back();
    }
  }
  if (!reader) reader = std::make_unique<Reader>();
  return Lease(*this, std::move(reader));
}

void ReaderPool::giveBack(std::unique_ptr<Reader> reader) {
  std::lock_guard lock(mutex_);
  idle_.push_back(std::move(reader));
}

void ReaderPool::update(Reader &reader, bool force) const {
  const auto now = std::chrono::steady_clock::now();
  const std::uint64_t epoch = epoch_.load();
  if (!force && reader.db && reader.epoch == epoch && now - reader.checked < refresh_) return;
  reader.checked = now;
  reader.epoch = epoch;
  const std::string current = readCurrent(dir_);
  if (current.empty()) {
    reader.db.reset();
    reader.generation.clear();
    return;
  }
  if (current != reader.generation || !reader.db) {
    reader.db.emplace((dir_ / current).string());
    reader.generation = current;
    reader.facets.clear();
    reader.schema = schemaFromMetadata(reader.db->get_metadata(std::string(kSchemaKey)));
  } else if (reader.db->reopen()) {
    reader.schema = schemaFromMetadata(reader.db->get_metadata(std::string(kSchemaKey)));
  }
}

} // namespace chancery::search::detail
