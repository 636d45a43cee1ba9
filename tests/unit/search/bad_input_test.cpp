// Hostile and sloppy input: answered with results or a SearchError the server maps to 400,
// never a crash.
#include "chancery/search/error.h"
#include "chancery/search/index.h"
#include "test_docs.h"

#include <gtest/gtest.h>

using namespace chancery::search;
using namespace chancery::search::testing;

namespace {

class BadInputTest : public SampleIndexTest {
protected:
  SearchError::Code errorOf(const std::string &query, SearchRequest request = {}) {
    try {
      find(*index_, query, anyone(), std::move(request));
    } catch (const SearchError &e) {
      return e.code();
    }
    ADD_FAILURE() << "no error for: " << query.substr(0, 60);
    return SearchError::Code::Internal;
  }
};

} // namespace

TEST_F(BadInputTest, UnbalancedQuotesCloseAtTheEnd) {
  EXPECT_EQ(ids(find(*index_, "\"danh mục hồ sơ")), std::vector<std::string>{"qd-123"});
  EXPECT_FALSE(find(*index_, "danh \"muc ho so").hits.empty());
  EXPECT_NO_THROW(find(*index_, "\""));
  EXPECT_NO_THROW(find(*index_, "\"\"\"\""));
}

TEST_F(BadInputTest, StrayParenthesesAndOperators) {
  EXPECT_FALSE(find(*index_, "(ho so").hits.empty());
  EXPECT_FALSE(find(*index_, "ho so))").hits.empty());
  EXPECT_FALSE(find(*index_, "OR ho so OR").hits.empty());
  EXPECT_NO_THROW(find(*index_, "- NOT OR ( ) -"));
  EXPECT_EQ(errorOf(std::string(500, '(') + "a"), SearchError::Code::BadQuery);
}

TEST_F(BadInputTest, TenKilobyteQueryAnswers) {
  std::string query;
  while (query.size() < 10 * 1024)
    query += "quyết định hồ sơ lưu trữ ";
  const SearchResults r = find(*index_, query);
  EXPECT_TRUE(r.truncated);
  EXPECT_FALSE(r.hits.empty());
  EXPECT_EQ(errorOf(std::string(kMaxQueryBytes + 1, 'a')), SearchError::Code::QueryTooLong);
}

TEST_F(BadInputTest, OddUnicode) {
  // Decomposed marks, zero-width characters, emoji, RTL marks, ill-formed UTF-8, NUL.
  EXPECT_EQ(ids(find(*index_, "danh mu\xCC\xA3"
                              "c")),
            std::vector<std::string>{"qd-123"});
  EXPECT_FALSE(find(*index_, "d\u200Banh m\u200Dục").hits.empty());
  EXPECT_FALSE(find(*index_, "\u200Fdanh muc\u200E 😀🇻🇳").hits.empty());
  EXPECT_TRUE(find(*index_, "😀🇻🇳").hits.empty());
  EXPECT_NO_THROW(find(*index_, std::string("danh\xFF\xFE muc")));
  EXPECT_NO_THROW(find(*index_, std::string("danh\0muc", 9)));
  EXPECT_NO_THROW(find(*index_, "\xCC\x81\xCC\x81\xCC\x81"));
  EXPECT_NO_THROW(find(*index_, std::string(3000, '\xCC')));
}

TEST_F(BadInputTest, UnknownPrefixesAreWords) {
  // "foo:danh" is the phrase "foo danh": nothing matches strictly, the OR fallback finds "muc".
  const SearchResults r = find(*index_, "foo:danh muc");
  EXPECT_TRUE(r.widened);
  ASSERT_FALSE(r.hits.empty());
  EXPECT_EQ(r.hits[0].id, "qd-123");
  // "Điều:1" is the phrase "điều 1", which qd-123's text contains.
  EXPECT_EQ(ids(find(*index_, "Điều:1 danh mục")), std::vector<std::string>{"qd-123"});
}

TEST_F(BadInputTest, ImpossibleDatesAreBadQueries) {
  EXPECT_EQ(errorOf("ngay:31/02/2020"), SearchError::Code::BadQuery);
  EXPECT_EQ(errorOf("date:2020-13-01"), SearchError::Code::BadQuery);
  EXPECT_EQ(errorOf("31/02/2020..2020-12-31"), SearchError::Code::BadQuery);
  EXPECT_EQ(errorOf("2021-01-01..2020-01-01"), SearchError::Code::BadQuery);
  EXPECT_EQ(errorOf("nam:20"), SearchError::Code::BadQuery);
  EXPECT_EQ(errorOf("ngay:hôm-nay"), SearchError::Code::BadQuery);
  EXPECT_EQ(errorOf("domat:bí-mật-lắm"), SearchError::Code::BadQuery);
  SearchRequest request;
  request.filters.dateFrom = "31/02/2020";
  EXPECT_EQ(errorOf("", request), SearchError::Code::BadQuery);
  // A bare date is text, as dates appear in documents' bodies.
  EXPECT_NO_THROW(find(*index_, "31/02/2020"));
}

TEST_F(BadInputTest, BadDocumentsAreRejected) {
  Document doc = sampleDocuments()[0];
  doc.date = "31/02/2020";
  EXPECT_THROW(index_->upsert(doc), SearchError);
  doc.date = "";
  doc.id = "";
  try {
    index_->upsert(doc);
    FAIL();
  } catch (const SearchError &e) {
    EXPECT_EQ(e.code(), SearchError::Code::BadDocument);
    EXPECT_TRUE(e.isUserError());
  }
  doc.id = std::string(201, 'x');
  EXPECT_THROW(index_->upsert(doc), SearchError);
  doc.id = "ok";
  doc.text = std::string(300, '\xCC') + std::string(500, 'a') + "\xF0\x9F";
  doc.issuer = std::string(1000, 'b');
  EXPECT_NO_THROW(index_->upsert(doc));
  index_->commit();
  SearchRequest request;
  request.filters.issuers = {std::string(1000, 'b')};
  EXPECT_EQ(find(*index_, "", anyone(), request).total, 1u);
}

TEST_F(BadInputTest, HugeLimitsAreCapped) {
  SearchRequest request;
  request.limit = 1'000'000'000;
  request.offset = 1'000'000'000;
  request.facetValues = 1'000'000;
  request.facets = {Facet::Type};
  EXPECT_NO_THROW(find(*index_, "ho so", anyone(), request));
}
