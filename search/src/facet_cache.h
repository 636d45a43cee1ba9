#pragma once
// Facet counting without strings in the hot loop. ValueCountMatchSpy copies each match's
// value into a std::map; over thousands of matches and four facets that costs more than the
// match itself. Instead each reader keeps, per facet slot, the value id of every document
// (built once per database revision from the value streams), and FacetSpy just increments
// counters.

#include <cstdint>
#include <string>
#include <vector>
#include <xapian.h>

namespace chancery::search::detail {

class FacetCache {
public:
  struct Slot {
    std::vector<std::uint32_t> idOf; // by docid; 0 = no value
    std::vector<std::string> names;  // by id; names[0] unused
  };

  // Rebuilds the tables for `slots` when the database moved to another revision.
  void refresh(const Xapian::Database &db, const std::vector<Xapian::valueno> &slots);
  // Forgets everything (the reader switched to another generation).
  void clear() { slots_.clear(), built_.clear(), revision_ = 0; }
  const Slot &slot(Xapian::valueno slot) const { return slots_.at(slot); }

private:
  Xapian::rev revision_ = 0;
  std::vector<Slot> slots_; // indexed by value slot number
  std::vector<bool> built_;
};

// Counts the values of several facet slots over the matches it is shown.
class FacetSpy : public Xapian::MatchSpy {
public:
  explicit FacetSpy(std::vector<const FacetCache::Slot *> slots);
  void operator()(const Xapian::Document &doc, double weight) override;

  std::uint64_t seen() const { return seen_; }
  // The `limit` most frequent (value, count) pairs of facet `index`, most frequent first.
  std::vector<std::pair<std::string, std::uint64_t>> top(std::size_t index,
                                                         std::size_t limit) const;

private:
  std::vector<const FacetCache::Slot *> slots_;
  std::vector<std::vector<std::uint64_t>> counts_;
  std::uint64_t seen_ = 0;
};

} // namespace chancery::search::detail
