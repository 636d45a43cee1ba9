// The lean PDF object parser and serializer on the syntax corners real files use.
#include <gtest/gtest.h>

#include "chancery/signing/error.h"
#include "pdf_object.h"
#include "pdf_parser.h"

namespace chancery::signing::pdf {
namespace {

Object parse(std::string_view text) {
  Parser p(text, 0);
  return p.parseObject();
}

TEST(PdfObject, ParsesStringsNamesAndNumbers) {
  EXPECT_EQ(parse("(a\\(b\\)c\\\\\\101\\n)").text(), "a(b)c\\A\n");
  EXPECT_EQ(parse("(line\\\ncontinued)").text(), "linecontinued");
  EXPECT_EQ(parse("(nested (paren) ok)").text(), "nested (paren) ok");
  EXPECT_EQ(parse("<48 65 6C6C 6F>").text(), "Hello");
  EXPECT_EQ(parse("<414>").text(), std::string("A@"));  // odd digit count: last nibble padded
  EXPECT_EQ(parse("/A#20B").text(), "A B");
  EXPECT_EQ(parse("-.5").asReal(), -0.5);
  EXPECT_EQ(parse("+17").asInt(), 17);
  Object r = parse("12 0 R");
  ASSERT_TRUE(r.is(Type::Ref));
  EXPECT_EQ(r.asRef().num, 12u);
  Object arr = parse("[1 2 R 3 4 5 R /N]");
  ASSERT_EQ(arr.items().size(), 4u);  // "1 2 R", 3, "4 5 R", /N
  EXPECT_TRUE(arr.items()[0].is(Type::Ref));
  EXPECT_TRUE(arr.items()[1].is(Type::Int));
  EXPECT_TRUE(arr.items()[2].is(Type::Ref));
}

TEST(PdfObject, DictionariesDropNullValuesAndKeepOrder) {
  Object d = parse("<< /B 1 /A null /C << /D [true false] >> >>");
  ASSERT_TRUE(d.is(Type::Dict));
  EXPECT_EQ(d.keys(), (std::vector<std::string>{"B", "C"}));
  EXPECT_EQ(serialize(d), "<</B 1/C <</D [true false]>>>>");
}

TEST(PdfObject, SerializationRoundTrips) {
  for (std::string_view text : {"<</Type /Sig/Contents <00FF>/M (D:2026\\)x)/N /A#20B>>",
                                "[0.001 -3 (\\\\) <> []]", "<</Ref 3 0 R/R 1.5>>"}) {
    Object o = parse(text);
    EXPECT_TRUE(parse(serialize(o)) == o) << text << " -> " << serialize(o);
  }
}

TEST(PdfObject, TextStringsAreUtf16WhenNotAscii) {
  Object ascii = textString("Signature1");
  EXPECT_FALSE(ascii.isHex());
  Object vi = textString("Nguyễn Văn A");
  EXPECT_EQ(vi.text().substr(0, 2), "\xFE\xFF");
  EXPECT_EQ(textToUtf8(vi.text()), "Nguyễn Văn A");
}

TEST(PdfObject, HostileSyntaxIsMalformedNotACrash) {
  std::string deep(5000, '[');
  for (std::string_view text : {std::string_view("(unterminated"), std::string_view("<</Key"),
                                std::string_view("<4G>"), std::string_view(deep), std::string_view("]")}) {
    EXPECT_THROW(parse(text), SigningError) << text.substr(0, 20);
  }
}

}  // namespace
}  // namespace chancery::signing::pdf
