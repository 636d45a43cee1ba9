#include "facet_cache.h"

#include <algorithm>
#include <unordered_map>

namespace chancery::search::detail {

void FacetCache::refresh(const Xapian::Database &db, const std::vector<Xapian::valueno> &slots) {
  const Xapian::rev revision = db.get_revision();
  if (revision != revision_) {
    clear();
    revision_ = revision;
  }
  const Xapian::docid last = db.get_lastdocid();
  for (const Xapian::valueno s : slots) {
    if (s >= slots_.size()) slots_.resize(s + 1), built_.resize(s + 1, false);
    if (built_[s]) continue;
    Slot &table = slots_[s];
    table.idOf.assign(static_cast<std::size_t>(last) + 1, 0);
    table.names.assign(1, std::string());
    std::unordered_map<std::string, std::uint32_t> ids;
    for (auto it = db.valuestream_begin(s); it != db.valuestream_end(s); ++it) {
      const auto [entry, added] = ids.emplace(*it, static_cast<std::uint32_t>(table.names.size()));
      if (added) table.names.push_back(entry->first);
      const Xapian::docid did = it.get_docid();
      if (did < table.idOf.size()) table.idOf[did] = entry->second;
    }
    built_[s] = true;
  }
}

FacetSpy::FacetSpy(std::vector<const FacetCache::Slot *> slots) : slots_(std::move(slots)) {
  for (const FacetCache::Slot *slot : slots_)
    counts_.emplace_back(slot->names.size(), 0);
}

void FacetSpy::operator()(const Xapian::Document &doc, double) {
  ++seen_;
  const Xapian::docid did = doc.get_docid();
  for (std::size_t i = 0; i < slots_.size(); ++i) {
    const std::vector<std::uint32_t> &idOf = slots_[i]->idOf;
    if (did < idOf.size()) ++counts_[i][idOf[did]];
  }
}

std::vector<std::pair<std::string, std::uint64_t>> FacetSpy::top(std::size_t index,
                                                                 std::size_t limit) const {
  const std::vector<std::uint64_t> &counts = counts_.at(index);
  std::vector<std::uint32_t> ids;
  for (std::uint32_t id = 1; id < counts.size(); ++id)
    if (counts[id] > 0) ids.push_back(id);
  const std::size_t n = std::min(limit, ids.size());
  std::partial_sort(ids.begin(), ids.begin() + static_cast<std::ptrdiff_t>(n), ids.end(),
                    [&](std::uint32_t a, std::uint32_t b) {
                      return counts[a] != counts[b]
                                 ? counts[a] > counts[b]
                                 : slots_[index]->names[a] < slots_[index]->names[b];
                    });
  std::vector<std::pair<std::string, std::uint64_t>> out;
  for (std::size_t i = 0; i < n; ++i)
    out.emplace_back(slots_[index]->names[ids[i]], counts[ids[i]]);
  return out;
}

} // namespace chancery::search::detail
