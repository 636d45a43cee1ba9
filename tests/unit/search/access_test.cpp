// Access control inside the index: a document a principal may not see must not show up in
// hits, totals, facets, snippets or spelling suggestions.
#include "chancery/search/index.h"
#include "test_docs.h"

#include <algorithm>
#include <gtest/gtest.h>

using namespace chancery::search;
using namespace chancery::search::testing;

namespace {

class AccessTest : public SampleIndexTest {
protected:
  static std::uint64_t facetCount(const SearchResults &r, const std::string &value) {
    for (const FacetResult &f : r.facets)
      for (const FacetValue &v : f.values)
        if (v.value == value) return v.count;
    return 0;
  }
};

const Principal kSecurityOfficer{"u-9", {"unit-an-ninh"}, {}, Secrecy::Confidential};
const Principal kSecurityClerk{"u-8", {"unit-an-ninh"}, {}, Secrecy::None};
const Principal kCleared{"u-7", {"unit-x"}, {}, Secrecy::TopSecret};
const Principal kFinance{"u-6", {"unit-tc"}, {}, Secrecy::None};
const Principal kGrantedUser{"u-42", {}, {}, Secrecy::None};
const Principal kCouncil{"u-5", {}, {"council-member"}, Secrecy::None};

} // namespace

TEST_F(AccessTest, SecretDocumentHiddenFromHitsAndTotals) {
  for (const Principal &p : {anyone(), kSecurityClerk, kCleared, kGrantedUser}) {
    const SearchResults r = find(*index_, "an ninh bien gioi", p);
    EXPECT_FALSE(has(r, "bc-mat")) << p.userId;
    EXPECT_EQ(find(*index_, "hoptacbimat", p).total, 0u) << p.userId;
  }
  const SearchResults r = find(*index_, "an ninh bien gioi", kSecurityOfficer);
  ASSERT_FALSE(r.hits.empty());
  EXPECT_EQ(r.hits[0].id, "bc-mat");
  EXPECT_EQ(find(*index_, "hoptacbimat", kSecurityOfficer).total, 1u);
}

TEST_F(AccessTest, HiddenDocumentsLeaveFacetsAndCountsAlone) {
  SearchRequest request;
  request.facets = {Facet::Type, Facet::Issuer, Facet::Signer, Facet::Year};
  const SearchResults open = find(*index_, "quyet dinh", anyone(), request);
  EXPECT_EQ(facetCount(open, "Báo cáo"), 0u);
  EXPECT_EQ(facetCount(open, "Công an tỉnh"), 0u);
  EXPECT_EQ(facetCount(open, "Hoàng Văn K"), 0u);
  EXPECT_FALSE(has(open, "bc-mat"));
  const SearchResults cleared = find(*index_, "quyet dinh", kSecurityOfficer, request);
  EXPECT_EQ(facetCount(cleared, "Báo cáo"), 1u);
  EXPECT_EQ(cleared.total, open.total + 1);
}

TEST_F(AccessTest, UnitUserAndRoleGrants) {
  EXPECT_FALSE(has(find(*index_, "du toan ngan sach"), "dt-unit"));
  EXPECT_TRUE(has(find(*index_, "du toan ngan sach", kFinance), "dt-unit"));
  EXPECT_FALSE(has(find(*index_, "dieu dong can bo"), "to-user"));
  EXPECT_TRUE(has(find(*index_, "dieu dong can bo", kGrantedUser), "to-user"));
  EXPECT_FALSE(has(find(*index_, "hop kin"), "bb-role"));
  EXPECT_TRUE(has(find(*index_, "hop kin", kCouncil), "bb-role"));
  // Listing everything shows only what the principal may see.
  SearchRequest all;
  all.limit = 100;
  EXPECT_EQ(find(*index_, "", anyone(), all).total, 6u);
  EXPECT_EQ(find(*index_, "", kFinance, all).total, 7u);
}

TEST_F(AccessTest, FieldQueriesCannotBypassTheFilter) {
  EXPECT_TRUE(find(*index_, "id:bc-mat").hits.empty());
  EXPECT_TRUE(find(*index_, "domat:mat").hits.empty());
  EXPECT_TRUE(find(*index_, "loai:\"bao cao\" OR hoptacbimat").hits.empty());
  EXPECT_EQ(ids(find(*index_, "domat:mat", kSecurityOfficer)), std::vector<std::string>{"bc-mat"});
}

TEST_F(AccessTest, SuggestionsNeverRevealRestrictedWords) {
  for (const Principal &p : {anyone(), kSecurityOfficer}) {
    const SearchResults r = find(*index_, "hoptacbimak", p);
    EXPECT_FALSE(r.suggestion && r.suggestion->find("hoptacbimat") != std::string::npos)
        << p.userId;
    EXPECT_TRUE(r.hits.empty());
  }
  // Words of the unit-restricted document ("toan") are not suggested to outsiders either.
  const SearchResults r = find(*index_, "du toaan");
  EXPECT_FALSE(r.suggestion && r.suggestion->find("toan") != std::string::npos);
  // Public words are.
  const SearchResults ok = find(*index_, "thong bao ban sau");
  ASSERT_TRUE(ok.suggestion);
  EXPECT_EQ(*ok.suggestion, "thong bao ban sao");
}

TEST_F(AccessTest, SpellingForgetsRemovedPublicDocuments) {
  EXPECT_TRUE(find(*index_, "doan vien").total > 0);
  const SearchResults before = find(*index_, "doan vienn");
  ASSERT_TRUE(before.suggestion);
  EXPECT_EQ(*before.suggestion, "doan vien");
  index_->remove("tb-ban2");
  index_->commit();
  // Other public words may still be offered ("dan viec"), never the removed ones.
  const SearchResults after = find(*index_, "doan vienn");
  EXPECT_NE(after.suggestion.value_or(""), "doan vien");
}

TEST_F(AccessTest, MakingADocumentSecretRemovesItsWords) {
  Document doc = sampleDocuments()[4]; // tb-ban2, the only one with "đoàn viên"
  doc.access = Access{false, {"unit-doan"}, {}, {}, Secrecy::Secret};
  index_->upsert(doc);
  index_->commit();
  EXPECT_EQ(find(*index_, "doan vien").total, 0u);
  EXPECT_NE(find(*index_, "doan vienn").suggestion.value_or(""), "doan vien");
  const Principal member{"u-3", {"unit-doan"}, {}, Secrecy::Secret};
  EXPECT_EQ(find(*index_, "doan vien", member).total, 1u);
}
