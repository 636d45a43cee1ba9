#pragma once
// Small hand-written archive shared by the index, access and bad-input tests.

#include "chancery/search/document.h"
#include "chancery/search/index.h"

#include <filesystem>
#include <gtest/gtest.h>
#include <optional>
#include <string>
#include <vector>

namespace chancery::search::testing {

// A fresh directory under the system temp dir, removed on destruction.
class TempDir {
public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir &) = delete;
  TempDir &operator=(const TempDir &) = delete;
  const std::filesystem::path &path() const { return path_; }

private:
  std::filesystem::path path_;
};

// Public documents plus a unit-restricted, a user-granted, a role-granted and a secret one.
std::vector<Document> sampleDocuments();

// A writable index in a fresh directory holding sampleDocuments(), committed.
class SampleIndexTest : public ::testing::Test {
protected:
  void SetUp() override;

  // True when `id` is among the hits.
  static bool has(const SearchResults &results, const std::string &id);

  TempDir dir_;
  std::optional<Index> index_;
};

// Anyone: a user with no units, roles or clearance.
Principal anyone();

// Ids of the hits, in rank order.
std::vector<std::string> ids(const SearchResults &results);

// Search helper with defaults for tests.
SearchResults find(const Index &index, const std::string &query, const Principal &who = anyone(),
                   SearchRequest request = {});

} // namespace chancery::search::testing
