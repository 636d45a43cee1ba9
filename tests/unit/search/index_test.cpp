// Indexing and querying on a small archive: folding, codes, fields, dates, facets, paging,
// snippets, and the consistency helpers (commit visibility, removal, rebuild, schema).
#include "chancery/search/error.h"
#include "chancery/search/index.h"
#include "schema.h"
#include "test_docs.h"

#include <algorithm>
#include <atomic>
#include <fstream>
#include <gtest/gtest.h>
#include <iostream>
#include <thread>
#include <xapian.h>

using namespace chancery::search;
using namespace chancery::search::testing;

namespace {

using IndexTest = SampleIndexTest;

} // namespace

TEST_F(IndexTest, QueryWithoutDiacriticsFindsDiacriticText) {
  SearchRequest strictOnly;
  strictOnly.widen = false;
  EXPECT_EQ(ids(find(*index_, "quyet dinh ho so luu tru", anyone(), strictOnly)),
            std::vector<std::string>{"qd-123"});
  EXPECT_EQ(ids(find(*index_, "QUYẾT ĐỊNH hồ sơ LƯU TRỮ", anyone(), strictOnly)),
            std::vector<std::string>{"qd-123"});
  // Enough strict matches: no widening.
  EXPECT_FALSE(find(*index_, "ban").widened);
}

TEST_F(IndexTest, DiacriticQueryRanksExactSpellingFirst) {
  EXPECT_EQ(ids(find(*index_, "bản")).front(), "tb-ban");
  EXPECT_EQ(ids(find(*index_, "bạn")).front(), "tb-ban2");
  // Without marks every spelling matches.
  const SearchResults all = find(*index_, "ban");
  EXPECT_TRUE(has(all, "tb-ban") && has(all, "tb-ban2") && has(all, "tb-ban3"));
  // With marks the other spellings still match, below the exact one.
  const SearchResults marked = find(*index_, "bản");
  EXPECT_TRUE(has(marked, "tb-ban2") && has(marked, "tb-ban3"));
}

TEST_F(IndexTest, NumberSpellingsAllMatch) {
  for (const char *q : {"30/2020/NĐ-CP", "30/2020/nd-cp", "30/2020/ND-CP", "so:30/2020/NĐ-CP",
                        "number:30/2020/nd-cp", "Số: 30/2020/ND-CP"}) {
    const SearchResults r = find(*index_, q);
    ASSERT_FALSE(r.hits.empty()) << q;
    EXPECT_EQ(r.hits[0].id, "nd-30") << q;
  }
  EXPECT_EQ(ids(find(*index_, "kyhieu:QĐ-UBND")), std::vector<std::string>{"qd-123"});
  EXPECT_EQ(ids(find(*index_, "so:123/qd-ubnd")), std::vector<std::string>{"qd-123"});
  EXPECT_EQ(ids(find(*index_, "notation:nd-cp")), std::vector<std::string>{"nd-30"});
}

TEST_F(IndexTest, FieldPrefixesInVietnameseAndEnglish) {
  EXPECT_EQ(ids(find(*index_, "loai:\"quyết định\"")), std::vector<std::string>{"qd-123"});
  EXPECT_EQ(ids(find(*index_, "type:\"nghi dinh\"")), std::vector<std::string>{"nd-30"});
  EXPECT_EQ(ids(find(*index_, "coquan:\"bac an\"")), std::vector<std::string>{"qd-123"});
  EXPECT_EQ(ids(find(*index_, "nguoiky:\"tran thi b\"")), std::vector<std::string>{"qd-123"});
  EXPECT_EQ(ids(find(*index_, "signer:\"Lê Văn C\"")), std::vector<std::string>{"cv-45"});
  EXPECT_EQ(ids(find(*index_, "trichyeu:\"ky hop\"")), std::vector<std::string>{"cv-45"});
  EXPECT_EQ(ids(find(*index_, "cuochop:m-5")), std::vector<std::string>{"cv-45"});
  EXPECT_EQ(ids(find(*index_, "dokhan:khan")), std::vector<std::string>{"cv-45"});
  EXPECT_EQ(ids(find(*index_, "sovanban:\"so cong van di\"")), std::vector<std::string>{"cv-45"});
  // "hồ sơ" appears in the text of cv-45 but not in its title.
  EXPECT_FALSE(has(find(*index_, "trichyeu:\"ho so\""), "cv-45"));
}

TEST_F(IndexTest, PhrasesOrAndNot) {
  const SearchResults phrase = find(*index_, "\"tài liệu hồ sơ\"");
  EXPECT_EQ(ids(phrase), std::vector<std::string>{"cv-45"});
  EXPECT_TRUE(find(*index_, "\"hồ tài sơ\"").hits.empty());
  const SearchResults either = find(*index_, "\"công tác văn thư\" OR \"danh mục hồ sơ\"");
  EXPECT_TRUE(has(either, "nd-30") && has(either, "qd-123"));
  const SearchResults without = find(*index_, "ho so -kyhop -\"ky hop\"");
  EXPECT_TRUE(has(without, "qd-123"));
  EXPECT_FALSE(has(without, "cv-45"));
  EXPECT_FALSE(has(find(*index_, "ho so NOT (ky hop)"), "cv-45"));
}

TEST_F(IndexTest, DateRangesInBothFormats) {
  EXPECT_EQ(ids(find(*index_, "2021-01-01..2021-12-31")), std::vector<std::string>{"qd-123"});
  EXPECT_EQ(ids(find(*index_, "01/01/2020..31/12/2020")), std::vector<std::string>{"nd-30"});
  EXPECT_EQ(ids(find(*index_, "ngay:15/01/2021")), std::vector<std::string>{"qd-123"});
  EXPECT_EQ(ids(find(*index_, "van ban nam:2020")), std::vector<std::string>{"nd-30"});
  const SearchResults open = find(*index_, "..2019-12-31");
  EXPECT_EQ(open.total, 3u);
  SearchRequest filtered;
  filtered.filters.dateFrom = "01/01/2021";
  filtered.filters.dateTo = "2022-12-31";
  const SearchResults r = find(*index_, "", anyone(), filtered);
  EXPECT_EQ(r.total, 2u); // qd-123 and cv-45; dt-unit is not visible
}

TEST_F(IndexTest, SortsByDateAndPages) {
  SearchRequest request;
  request.sort = Sort::DateDesc;
  request.limit = 3;
  const SearchResults first = find(*index_, "", anyone(), request);
  EXPECT_EQ(ids(first), (std::vector<std::string>{"cv-45", "qd-123", "nd-30"}));
  request.offset = 3;
  const SearchResults second = find(*index_, "", anyone(), request);
  EXPECT_EQ(ids(second), (std::vector<std::string>{"tb-ban3", "tb-ban2", "tb-ban"}));
  EXPECT_EQ(second.total, 6u);
  request.sort = Sort::DateAsc;
  request.offset = 0;
  EXPECT_EQ(ids(find(*index_, "", anyone(), request)).front(), "tb-ban");
}

TEST_F(IndexTest, FacetsCountVisibleMatches) {
  SearchRequest request;
  request.facets = {Facet::Type, Facet::Year, Facet::Issuer, Facet::Signer};
  const SearchResults r = find(*index_, "", anyone(), request);
  ASSERT_EQ(r.facets.size(), 4u);
  EXPECT_TRUE(r.facetsExact);
  const auto &types = r.facets[0].values;
  ASSERT_FALSE(types.empty());
  EXPECT_EQ(types[0].value, "Thông báo");
  EXPECT_EQ(types[0].count, 3u);
  const auto &years = r.facets[1].values;
  std::uint64_t sum = 0;
  for (const FacetValue &v : years)
    sum += v.count;
  EXPECT_EQ(sum, 6u);
  request.filters.types = {"thong bao"};
  request.filters.signers = {"Phạm Văn D"};
  EXPECT_EQ(find(*index_, "", anyone(), request).total, 3u);
  request.filters.years = {2019};
  request.filters.issuers = {"VĂN PHÒNG"};
  EXPECT_EQ(find(*index_, "", anyone(), request).total, 3u);
}

TEST_F(IndexTest, SnippetsMarkQueryWords) {
  const SearchResults r = find(*index_, "ky hop");
  ASSERT_FALSE(r.hits.empty());
  const Hit &hit = r.hits[0];
  EXPECT_EQ(hit.id, "cv-45");
  EXPECT_NE(hit.snippetHtml.find("<mark>kỳ</mark> <mark>họp</mark>"), std::string::npos);
  EXPECT_NE(hit.titleHtml.find("<mark>kỳ</mark> <mark>họp</mark>"), std::string::npos);
  ASSERT_FALSE(hit.highlights.empty());
  EXPECT_EQ(
      hit.snippet.substr(hit.highlights[0].begin, hit.highlights[0].end - hit.highlights[0].begin),
      "kỳ");
  EXPECT_EQ(hit.date, "2022-06-10");
  EXPECT_EQ(hit.signer, "Lê Văn C");
}

TEST_F(IndexTest, LongQuestionWidensToRankedOrMatch) {
  const SearchResults r =
      find(*index_, "Cơ quan nào chịu trách nhiệm thi hành quyết định phê duyệt danh mục hồ sơ?");
  EXPECT_TRUE(r.widened);
  ASSERT_FALSE(r.hits.empty());
  EXPECT_EQ(r.hits[0].id, "qd-123");
}

TEST_F(IndexTest, SuggestsSpellingFromVocabulary) {
  const SearchResults r = find(*index_, "danh mucc");
  ASSERT_TRUE(r.suggestion);
  EXPECT_EQ(*r.suggestion, "danh muc");
}

TEST_F(IndexTest, RemoveAndReplace) {
  index_->remove("qd-123");
  index_->remove("does-not-exist");
  index_->commit();
  EXPECT_TRUE(find(*index_, "kyhieu:QĐ-UBND").hits.empty());
  Document doc = sampleDocuments()[0];
  doc.title = "Về quản lý con dấu";
  doc.revision = "r2";
  index_->upsert(doc);
  index_->commit();
  EXPECT_EQ(ids(find(*index_, "con dau")), std::vector<std::string>{"nd-30"});
  EXPECT_TRUE(find(*index_, "trichyeu:\"van thu\"").hits.empty());
  EXPECT_EQ(index_->documentCount(), sampleDocuments().size() - 1);
  const auto listed = index_->listIds();
  const auto it = std::find_if(listed.begin(), listed.end(),
                               [](const IndexedId &i) { return i.id == "nd-30"; });
  ASSERT_NE(it, listed.end());
  EXPECT_EQ(it->revision, "r2");
  EXPECT_TRUE(index_->contains("nd-30"));
  EXPECT_FALSE(index_->contains("qd-123"));
}

TEST_F(IndexTest, ReaderSeesCommitWithinOneSecond) {
  const Index reader(dir_.path(), Index::Mode::ReadOnly);
  const auto find = [](const Index &index, const std::string &q) {
    SearchRequest request;
    request.widen = false;
    return chancery::search::testing::find(index, q, anyone(), request);
  };
  EXPECT_TRUE(find(reader, "tuần tra biên phòng").hits.empty());
  Document doc = sampleDocuments()[0];
  doc.id = "new-1";
  doc.title = "Kế hoạch tuần tra biên phòng";
  index_->upsert(doc);
  EXPECT_EQ(index_->pendingChanges(), 1u);
  EXPECT_TRUE(find(reader, "tuần tra biên phòng").hits.empty()); // not committed yet
  index_->commit();
  const auto start = std::chrono::steady_clock::now();
  while (find(reader, "tuần tra biên phòng").hits.empty() &&
         std::chrono::steady_clock::now() - start < std::chrono::seconds(2))
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(1));
  EXPECT_EQ(ids(find(reader, "tuần tra biên phòng")), std::vector<std::string>{"new-1"});
}

TEST_F(IndexTest, SecondWriterIsLockedOut) {
  try {
    Index second(dir_.path(), Index::Mode::Writable);
    FAIL() << "second writer opened";
  } catch (const SearchError &e) {
    EXPECT_EQ(e.code(), SearchError::Code::Locked);
  }
}

TEST_F(IndexTest, RebuildSwitchesGenerationWithProgress) {
  const Index reader(dir_.path(), Index::Mode::ReadOnly);
  EXPECT_FALSE(find(reader, "ho so").hits.empty());
  std::vector<Document> docs = sampleDocuments();
  docs.resize(3);
  std::size_t next = 0;
  std::vector<std::uint64_t> reported;
  index_->rebuild(
      [&](Document &d) { return next < docs.size() ? (d = docs[next++], true) : false; },
      [&](const RebuildProgress &p) { reported.push_back(p.indexed); }, {}, 3, 2);
  EXPECT_EQ(reported, (std::vector<std::uint64_t>{2, 3}));
  EXPECT_EQ(index_->documentCount(), 3u);
  std::this_thread::sleep_for(std::chrono::milliseconds(250));
  EXPECT_EQ(reader.documentCount(), 3u);
  SearchRequest strictOnly;
  strictOnly.widen = false;
  EXPECT_TRUE(find(reader, "doan vien", anyone(), strictOnly).hits.empty());
  EXPECT_FALSE(find(reader, "kyhieu:QĐ-UBND").hits.empty());
}

TEST_F(IndexTest, CancelledRebuildKeepsOldGeneration) {
  std::stop_source stop;
  std::size_t served = 0;
  try {
    index_->rebuild(
        [&](Document &d) {
          d = sampleDocuments()[0];
          d.id = "x" + std::to_string(served);
          if (++served == 5) stop.request_stop();
          return true;
        },
        {}, stop.get_token());
    FAIL() << "rebuild not cancelled";
  } catch (const SearchError &e) {
    EXPECT_EQ(e.code(), SearchError::Code::Cancelled);
  }
  EXPECT_EQ(index_->documentCount(), sampleDocuments().size());
  index_->upsert(sampleDocuments()[0]); // the writer still works
  index_->commit();
}

TEST_F(IndexTest, SchemaChangeForcesRebuild) {
  const std::string current = [&] {
    std::ifstream in(dir_.path() / "CURRENT");
    std::string name;
    std::getline(in, name);
    return name;
  }();
  index_.reset();
  {
    Xapian::WritableDatabase db((dir_.path() / current).string(), Xapian::DB_OPEN);
    db.set_metadata(std::string(detail::kSchemaKey), "0");
    db.commit();
  }
  index_.emplace(dir_.path(), Index::Mode::Writable);
  EXPECT_TRUE(index_->needsRebuild());
  EXPECT_THROW(index_->upsert(sampleDocuments()[0]), SearchError);
  try {
    find(*index_, "ho so");
    FAIL() << "search on an old schema";
  } catch (const SearchError &e) {
    EXPECT_EQ(e.code(), SearchError::Code::SchemaMismatch);
  }
  const std::vector<Document> docs = sampleDocuments();
  std::size_t next = 0;
  index_->rebuild(
      [&](Document &d) { return next < docs.size() ? (d = docs[next++], true) : false; });
  EXPECT_FALSE(index_->needsRebuild());
  EXPECT_FALSE(find(*index_, "ho so").hits.empty());
}

TEST_F(IndexTest, FacetCountsBeyondTheSampleAreScaledAndFlagged) {
  IndexOptions options;
  options.facetSample = 3;
  const Index reader(dir_.path(), Index::Mode::ReadOnly, options);
  SearchRequest request;
  request.facets = {Facet::Type};
  const SearchResults r = find(reader, "", anyone(), request);
  EXPECT_FALSE(r.facetsExact);
  std::uint64_t sum = 0;
  for (const FacetValue &v : r.facets.at(0).values)
    sum += v.count;
  EXPECT_EQ(sum, 6u); // 3 counted, scaled by 6/3
}

TEST_F(IndexTest, RebuildLeavesOnlyTheLiveGenerationBehind) {
  std::filesystem::create_directories(dir_.path() / "gen-000099.build"); // a crashed rebuild
  index_.reset();
  index_.emplace(dir_.path(), Index::Mode::Writable);
  EXPECT_FALSE(std::filesystem::exists(dir_.path() / "gen-000099.build"));
  const std::vector<Document> docs = sampleDocuments();
  std::size_t next = 0;
  index_->rebuild(
      [&](Document &d) { return next < docs.size() ? (d = docs[next++], true) : false; });
  std::vector<std::string> generations;
  for (const auto &entry : std::filesystem::directory_iterator(dir_.path()))
    if (entry.path().filename().string().starts_with("gen-"))
      generations.push_back(entry.path().filename().string());
  EXPECT_EQ(generations.size(), 1u);
  EXPECT_EQ(index_->documentCount(), docs.size());
  EXPECT_EQ(ids(find(*index_, "kyhieu:QĐ-UBND")), std::vector<std::string>{"qd-123"});
  // The shards' spelling tables were merged too.
  EXPECT_EQ(find(*index_, "danh mucc").suggestion.value_or(""), "danh muc");
  EXPECT_EQ(index_->listIds().size(), docs.size());
}

TEST_F(IndexTest, SearchesRunConcurrentlyWithTheWriter) {
  std::atomic<bool> done{false};
  std::atomic<int> searches{0}, failures{0};
  std::vector<std::thread> readers;
  for (int t = 0; t < 4; ++t) {
    readers.emplace_back([&] {
      SearchRequest request;
      request.facets = {Facet::Type, Facet::Year};
      while (!done) {
        try {
          if (find(*index_, "ho so", anyone(), request).hits.empty()) {
            std::cerr << "search found nothing\n";
            ++failures;
          }
        } catch (const SearchError &e) {
          std::cerr << "search failed: " << e.what() << "\n";
          ++failures;
        }
        ++searches;
      }
    });
  }
  Document doc = sampleDocuments()[1];
  for (int i = 0; i < 40; ++i) {
    doc.id = "concurrent-" + std::to_string(i);
    index_->upsert(doc);
    index_->commit();
  }
  done = true;
  for (std::thread &t : readers)
    t.join();
  EXPECT_GT(searches.load(), 0);
  EXPECT_EQ(failures.load(), 0);
  EXPECT_EQ(find(*index_, "kyhieu:QĐ-UBND").total, 41u);
}

TEST_F(IndexTest, DateSortedSearchesAreNotWidened) {
  SearchRequest request;
  request.sort = Sort::DateDesc;
  const SearchResults r =
      find(*index_, "danh mục hồ sơ của ủy ban nào được phê duyệt", anyone(), request);
  EXPECT_FALSE(r.widened);
  EXPECT_TRUE(r.hits.empty());
}
