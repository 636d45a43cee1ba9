// The query language → Xapian query translation, checked on Xapian's query descriptions.
#include "chancery/search/error.h"
#include "chancery/search/query.h"
#include "query_parser.h"

#include <gtest/gtest.h>

using namespace chancery::search;
using namespace chancery::search::detail;

namespace {

std::string strict(const std::string &q) {
  return parseQuery(q).strict.get_description();
}

bool contains(const std::string &haystack, const std::string &needle) {
  return haystack.find(needle) != std::string::npos;
}

} // namespace

TEST(QueryParser, WordsWithoutMarksUseFoldedTermsOnly) {
  EXPECT_EQ(strict("quyet dinh"), "Query((quyet AND dinh))");
}

TEST(QueryParser, WordsWithMarksAddExactBoost) {
  const std::string d = strict("Quyết");
  EXPECT_TRUE(contains(d, "quyet AND_MAYBE XEquyết")) << d;
}

TEST(QueryParser, PhrasesMatchFoldedAndBoostExact) {
  const std::string d = strict("\"hồ sơ\"");
  EXPECT_TRUE(contains(d, "(ho PHRASE 2 so)")) << d;
  EXPECT_TRUE(contains(d, "(XEhồ PHRASE 2 XEsơ)")) << d;
}

TEST(QueryParser, CodesAlsoMatchTheNumberField) {
  const std::string d = strict("30/2020/NĐ-CP");
  EXPECT_TRUE(contains(d, "XN30/2020/nd-cp")) << d;
  EXPECT_TRUE(contains(d, "30 PHRASE 4 2020 PHRASE 4 nd PHRASE 4 cp")) << d;
}

TEST(QueryParser, OrBindsTighterThanImplicitAnd) {
  EXPECT_EQ(strict("a b OR c"), "Query((a AND (b OR c)))");
}

TEST(QueryParser, NegationExcludes) {
  EXPECT_EQ(strict("a -b NOT c"), "Query((a AND_NOT (b OR c)))");
  EXPECT_EQ(strict("-b"), "Query((<alldocuments> AND_NOT b))");
}

TEST(QueryParser, FieldsUseTheirPrefixes) {
  EXPECT_EQ(strict("loai:\"nghị định\""), "Query((XTnghi PHRASE 2 XTdinh))");
  EXPECT_EQ(strict("coquan:bo"), "Query(XIbo)");
  EXPECT_EQ(strict("kyhieu:QĐ-UBND"), "Query((XNqd-ubnd OR XKqd-ubnd))");
  EXPECT_EQ(strict("trangthai:Issued"), "Query(XSTATUS:issued)");
  EXPECT_EQ(strict("domat:\"tối mật\""), "Query(XSECRECY:2)");
  EXPECT_EQ(strict("cuochop:M-5"), "Query(XMEETING:M-5)");
}

TEST(QueryParser, DateRangesBecomeValueRanges) {
  EXPECT_EQ(strict("2020-01-01..2020-12-31"), "Query(VALUE_RANGE 0 20200101 20201231)");
  EXPECT_EQ(strict("ngay:01/02/2020..29/02/2020"), "Query(VALUE_RANGE 0 20200201 20200229)");
  EXPECT_EQ(strict("nam:2019..2021"), "Query(VALUE_RANGE 0 20190101 20211231)");
  EXPECT_EQ(strict("2020.."), "Query(VALUE_GE 0 20200101)");
}

// The OR fallback also looks each word up in the title, which names what an article is about.
TEST(QueryParser, WidensOnlyTextClauses) {
  const ParsedQuery p = parseQuery("thanh nien tuoi nam:2020 -luat");
  EXPECT_EQ(widenedQuery(p).get_description(),
            "Query(((VALUE_RANGE 0 20200101 20201231 AND ((thanh OR 0.5 * Sthanh) OR "
            "(nien OR 0.5 * Snien) OR (tuoi OR 0.5 * Stuoi))) AND_NOT luat))");
  EXPECT_TRUE(widenedQuery(parseQuery("one")).empty());
}

TEST(QueryParser, CollectsHighlightAndSpellableWords) {
  const ParsedQuery p = parseQuery("Hồ sơ -mật \"lưu trữ\" 2020 loai:luat");
  EXPECT_EQ(p.highlight, (std::vector<std::string>{"ho", "so", "luu", "tru", "2020", "luat"}));
  ASSERT_EQ(p.spellable.size(), 2u);
  EXPECT_EQ(p.spellable[0].folded, "ho");
  EXPECT_EQ(respell(p, {"hoo", ""}), "hoo sơ -mật \"lưu trữ\" 2020 loai:luat");
}

TEST(QueryParser, BlankAndUnsearchableQueries) {
  EXPECT_FALSE(parseQuery("   ").matchNothing);
  EXPECT_TRUE(parseQuery("   ").strict.empty());
  EXPECT_TRUE(parseQuery("😀 ★").matchNothing);
}

TEST(QueryParser, TooManyWordsAreTruncated) {
  std::string q;
  for (int i = 0; i < 100; ++i)
    q += "w" + std::to_string(i) + " ";
  const ParsedQuery p = parseQuery(q);
  EXPECT_TRUE(p.truncated);
  EXPECT_EQ(p.highlight.size(), kMaxQueryWords);
}
