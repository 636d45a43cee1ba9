// Unicode, tokenizer, code and date normalisation, snippets and the stored record.
#include "chancery/search/error.h"
#include "dates.h"
#include "docdata.h"
#include "indexer.h"
#include "schema.h"
#include "snippet.h"
#include "text.h"
#include "tokenizer.h"

#include <gtest/gtest.h>

using namespace chancery::search::detail;

namespace {

std::vector<std::string> folded(std::string_view text) {
  std::vector<std::string> out;
  const std::string nfc = toNfc(text);
  Tokenizer tokenizer(nfc);
  Token token;
  while (tokenizer.next(token))
    out.push_back(token.folded);
  return out;
}

std::vector<std::string> exact(std::string_view text) {
  std::vector<std::string> out;
  const std::string nfc = toNfc(text);
  Tokenizer tokenizer(nfc);
  Token token;
  while (tokenizer.next(token))
    out.push_back(token.exact);
  return out;
}

} // namespace

TEST(Text, FoldsVietnameseDiacriticsAndDStroke) {
  EXPECT_EQ(foldText("Quyết định hồ sơ lưu trữ"), "quyet dinh ho so luu tru");
  EXPECT_EQ(foldText("ĐẢNG ĐOÀN Đà Nẵng"), "dang doan da nang");
  EXPECT_EQ(foldText("ơ ư ă â ê ô"), "o u a a e o");
  EXPECT_EQ(foldText("Hòa Hoà"), "hoa hoa");
}

TEST(Text, NormalisesDecomposedInputToNfc) {
  const std::string decomposed = "Quye\xCC\x82\xCC\x81t"; // e + combining circumflex + acute
  EXPECT_EQ(toNfc(decomposed), "Quyết");
  EXPECT_EQ(exact(decomposed), std::vector<std::string>{"quyết"});
}

TEST(Text, ReplacesIllFormedUtf8) {
  const std::string bad = std::string("ab\xC3") + "\xFF" + "cd";
  const std::string nfc = toNfc(bad);
  EXPECT_EQ(folded(nfc), (std::vector<std::string>{"ab", "cd"}));
}

TEST(Tokenizer, SplitsCodesIntoPositionalWords) {
  EXPECT_EQ(folded("Số: 30/2020/NĐ-CP"),
            (std::vector<std::string>{"so", "30", "2020", "nd", "cp"}));
  EXPECT_EQ(exact("30/2020/NĐ-CP"), (std::vector<std::string>{"30", "2020", "nđ", "cp"}));
}

TEST(Tokenizer, SkipsZeroWidthCharactersInsideWords) {
  EXPECT_EQ(folded("quy\u200Bết đ\u00ADịnh\uFEFF"), (std::vector<std::string>{"quyet", "dinh"}));
}

TEST(Tokenizer, TreatsEmojiAndSymbolsAsSeparators) {
  EXPECT_EQ(folded("hồ sơ😀lưu🇻🇳trữ ★"), (std::vector<std::string>{"ho", "so", "luu", "tru"}));
}

TEST(Tokenizer, DropsStrayCombiningMarks) {
  EXPECT_EQ(folded("\xCC\x81\xCC\x81 a\xCC\x81"), (std::vector<std::string>{"a"}));
}

TEST(Tokenizer, ReportsByteOffsets) {
  const std::string text = "Điều 5. Hồ sơ";
  Tokenizer tokenizer(text);
  Token token;
  ASSERT_TRUE(tokenizer.next(token));
  EXPECT_EQ(text.substr(token.begin, token.end - token.begin), "Điều");
  ASSERT_TRUE(tokenizer.next(token));
  ASSERT_TRUE(tokenizer.next(token));
  EXPECT_EQ(text.substr(token.begin, token.end - token.begin), "Hồ");
  EXPECT_TRUE(token.hasDiacritics());
}

TEST(Codes, NormaliseNumberSpellings) {
  EXPECT_EQ(normalizeCode("30/2020/NĐ-CP"), "30/2020/nd-cp");
  EXPECT_EQ(normalizeCode("30/2020/nd-cp"), "30/2020/nd-cp");
  EXPECT_EQ(normalizeCode("30/2020/ND-CP"), "30/2020/nd-cp");
  EXPECT_EQ(normalizeCode(" 30 / 2020 / NĐ – CP "), "30/2020/nd-cp");
  EXPECT_EQ(normalizeCode("123\\QĐ_UBND"), "123/qd-ubnd");
}

TEST(Codes, DeriveNumberAndNotationTerms) {
  const CodeTerms whole = codeTerms("30/2020/NĐ-CP", "");
  EXPECT_EQ(whole.numbers, (std::vector<std::string>{"30/2020/nd-cp", "30"}));
  EXPECT_EQ(whole.notations, (std::vector<std::string>{"nd-cp"}));
  const CodeTerms split = codeTerms("123", "QĐ-UBND");
  EXPECT_EQ(split.numbers, (std::vector<std::string>{"123", "123/qd-ubnd"}));
  EXPECT_EQ(split.notations, (std::vector<std::string>{"qd-ubnd"}));
}

TEST(Dates, ParseClerkFormats) {
  DateSpan span;
  ASSERT_EQ(parseDateSpan("15/03/2020", span), DateParse::Ok);
  EXPECT_EQ(span.first, "20200315");
  ASSERT_EQ(parseDateSpan("2020-03-15", span), DateParse::Ok);
  EXPECT_EQ(span.last, "20200315");
  ASSERT_EQ(parseDateSpan("2/2020", span), DateParse::Ok);
  EXPECT_EQ(span.first, "20200201");
  EXPECT_EQ(span.last, "20200229");
  ASSERT_EQ(parseDateSpan("2021", span), DateParse::Ok);
  EXPECT_EQ(span.last, "20211231");
}

TEST(Dates, RejectImpossibleDays) {
  DateSpan span;
  EXPECT_EQ(parseDateSpan("31/02/2020", span), DateParse::Impossible);
  EXPECT_EQ(parseDateSpan("29/02/2021", span), DateParse::Impossible);
  EXPECT_EQ(parseDateSpan("2020-13-01", span), DateParse::Impossible);
  EXPECT_EQ(parseDateSpan("29/02/2000", span), DateParse::Ok);
  EXPECT_EQ(parseDateSpan("29/02/1900", span), DateParse::Impossible);
  EXPECT_EQ(parseDateSpan("hello", span), DateParse::NotADate);
  EXPECT_EQ(parseDateSpan("1/2/3", span), DateParse::NotADate);
}

TEST(Dates, ParseRanges) {
  auto range = parseDateRange("01/01/2020..31/12/2020");
  ASSERT_TRUE(range);
  EXPECT_EQ(range->first, "20200101");
  EXPECT_EQ(range->last, "20201231");
  range = parseDateRange("..2019");
  ASSERT_TRUE(range);
  EXPECT_EQ(range->first, "");
  EXPECT_EQ(range->last, "20191231");
  EXPECT_FALSE(parseDateRange("2020-01-01"));
}

TEST(Snippet, MarksFoldedMatchesAndEscapesHtml) {
  const std::string text = "Điều 1. <Phạm vi> & hồ sơ lưu trữ của Quyết định này.";
  const Snippet s = makeSnippet(text, {"ho", "so", "quyet"}, 200);
  EXPECT_EQ(s.text, text);
  ASSERT_EQ(s.highlights.size(), 3u);
  EXPECT_EQ(s.text.substr(s.highlights[0].begin, s.highlights[0].end - s.highlights[0].begin),
            "hồ");
  EXPECT_EQ(s.html, "Điều 1. &lt;Phạm vi&gt; &amp; <mark>hồ</mark> <mark>sơ</mark> lưu trữ "
                    "của <mark>Quyết</mark> định này.");
}

TEST(Snippet, CutsAroundTheDensestWindow) {
  std::string text;
  for (int i = 0; i < 200; ++i)
    text += "lorem ipsum ";
  text += "thẩm quyền ban hành văn bản";
  for (int i = 0; i < 200; ++i)
    text += " dolor sit";
  const Snippet s = makeSnippet(text, {"tham", "quyen"}, 80);
  EXPECT_TRUE(s.text.starts_with("…"));
  EXPECT_TRUE(s.text.ends_with("…"));
  EXPECT_NE(s.html.find("<mark>thẩm</mark> <mark>quyền</mark>"), std::string::npos);
  EXPECT_LE(s.text.size(), 80u * 3);
}

TEST(DocData, RoundTrips) {
  StoredDoc doc{"id-1",         "Trích yếu",  "30/2020/NĐ-CP",
                "NĐ-CP",        "Nghị định",  "Chính phủ",
                "Nguyễn Văn A", "2020-03-05", std::string(300, 'x')};
  const StoredDoc back = decodeDocData(encodeDocData(doc));
  EXPECT_EQ(back.id, doc.id);
  EXPECT_EQ(back.signer, doc.signer);
  EXPECT_EQ(back.text, doc.text);
  EXPECT_THROW(decodeDocData(std::string("\x01\x05"
                                         "ab",
                                         4)),
               chancery::search::SearchError);
}

TEST(Schema, FindsFieldsByVietnameseAndEnglishNames) {
  ASSERT_TRUE(findQueryField("Số"));
  EXPECT_EQ(findQueryField("so")->name, "number");
  EXPECT_EQ(findQueryField("nguoiky")->name, "signer");
  EXPECT_EQ(findQueryField("ISSUER")->name, "issuer");
  EXPECT_EQ(findQueryField("Loại")->name, "type");
  EXPECT_FALSE(findQueryField("http"));
}
