#include <gtest/gtest.h>

#include <sstream>

#include "util/json_writer.h"
#include "util/tar.h"
#include "util/text.h"

using namespace chancery::util;

TEST(Utf8, AcceptsVietnameseAndRejectsMalformedSequences) {
  EXPECT_TRUE(isValidUtf8("Cộng hòa xã hội chủ nghĩa Việt Nam 😀"));
  EXPECT_FALSE(isValidUtf8("\xc0\xaf"));          // overlong '/'
  EXPECT_FALSE(isValidUtf8("\xe2\x82"));          // truncated
  EXPECT_FALSE(isValidUtf8("\xf4\x90\x80\x80"));  // above U+10FFFF
  EXPECT_FALSE(isValidUtf8("\xed\xb0\x80"));      // surrogate
  EXPECT_EQ(truncateUtf8("Việt", 2), "Vi");
  EXPECT_EQ(truncateUtf8("Việt", 3), "Vi");  // does not split ệ
}

TEST(ParseInt, IsStrict) {
  EXPECT_EQ(parseInt("42").value(), 42);
  EXPECT_FALSE(parseInt("42x"));
  EXPECT_FALSE(parseInt(""));
  EXPECT_FALSE(parseInt("99999999999999999999"));
}

TEST(JsonWriter, EscapesAndNests) {
  JsonWriter w;
  w.beginObject().field("a", "x\"y\n\x01").key("l").beginArray().value(1).null().value(true).endArray().endObject();
  EXPECT_EQ(w.str(), R"({"a":"x\"y\n\u0001","l":[1,null,true]})");
}

TEST(Tar, RoundTripsAndRejectsTruncation) {
  std::ostringstream out;
  TarWriter w(out);
  w.add("a.txt", "hello");
  w.add("b/c.bin", std::string(1000, 'z'));
  w.finish();
  std::string archive = out.str();
  std::istringstream in(archive);
  std::vector<std::string> names;
  TarReader(in).forEach([&](const std::string& n, std::uint64_t size, std::istream& s) {
    std::string body(size, '\0');
    s.read(body.data(), static_cast<std::streamsize>(size));
    names.push_back(n + ":" + std::to_string(body.size()));
  });
  EXPECT_EQ(names, (std::vector<std::string>{"a.txt:5", "b/c.bin:1000"}));
  std::istringstream cut(archive.substr(0, 900));
  EXPECT_THROW(TarReader(cut).forEach([](const std::string&, std::uint64_t, std::istream& s) {
    std::string sink((std::istreambuf_iterator<char>(s)), std::istreambuf_iterator<char>());
  }),
               std::runtime_error);
}

#include "util/cidr.h"

TEST(Cidr, MatchesNetworksOfBothFamilies) {
  auto hall = Cidr::parse("10.20.0.0/16");
  ASSERT_TRUE(hall);
  EXPECT_TRUE(hall->contains("10.20.3.4"));
  EXPECT_TRUE(hall->contains("::ffff:10.20.3.4"));
  EXPECT_FALSE(hall->contains("10.21.0.1"));
  EXPECT_FALSE(hall->contains("fd00::1"));
  auto v6 = Cidr::parse("fd00::/8");
  ASSERT_TRUE(v6);
  EXPECT_TRUE(v6->contains("fd12:3456::1"));
  EXPECT_FALSE(v6->contains("fe80::1"));
  EXPECT_TRUE(Cidr::parse("127.0.0.1")->contains("127.0.0.1"));
  EXPECT_FALSE(Cidr::parse("10.0.0.0/33"));
  EXPECT_FALSE(Cidr::parse("not-an-address"));
}
