// Request bodies: every malformation is a 4xx with a code that names the problem.
#include <gtest/gtest.h>

#include "http/json_input.h"
#include "service/errors.h"

using chancery::http::JsonInput;
using chancery::service::Error;

namespace {
std::string codeOf(const std::function<void()>& fn) {
  try {
    fn();
  } catch (const Error& e) {
    return e.code() + (e.field().empty() ? "" : ":" + e.field());
  }
  return "ok";
}
}  // namespace

TEST(JsonInput, RejectsMalformedBodies) {
  EXPECT_EQ(codeOf([] { JsonInput in("{\"a\":"); }), "invalid_json");
  EXPECT_EQ(codeOf([] { JsonInput in("[1,2]"); }), "invalid_json");
  EXPECT_EQ(codeOf([] { JsonInput in("\"text\""); }), "invalid_json");
  EXPECT_EQ(codeOf([] { JsonInput in(std::string(100, '[') + std::string(100, ']')); }), "invalid_json");
  EXPECT_EQ(codeOf([] { JsonInput in("{\"a\":\"\xc3\x28\"}"); }), "invalid_utf8");
  EXPECT_EQ(codeOf([] { JsonInput in("{\"a\":\"\xed\xa0\x80\"}"); }), "invalid_utf8");  // surrogate
}

TEST(JsonInput, ChecksTypesAndNamesTheField) {
  EXPECT_EQ(codeOf([] { JsonInput in(R"({"n":"5"})"); in.integer("n", 0, 10); }), "invalid_field:n");
  EXPECT_EQ(codeOf([] { JsonInput in(R"({"n":5.5})"); in.integer("n", 0, 10); }), "invalid_field:n");
  EXPECT_EQ(codeOf([] { JsonInput in(R"({"n":50})"); in.integer("n", 0, 10); }), "invalid_field:n");
  EXPECT_EQ(codeOf([] { JsonInput in(R"({"s":5})"); in.str("s"); }), "invalid_field:s");
  EXPECT_EQ(codeOf([] { JsonInput in(R"({})"); in.str("s"); }), "invalid_field:s");
  EXPECT_EQ(codeOf([] { JsonInput in(R"({"s":"a\u0000b"})"); in.str("s"); }), "invalid_field:s");
  EXPECT_EQ(codeOf([] { JsonInput in(R"({"s":"a\nb"})"); in.str("s"); }), "invalid_field:s");
  EXPECT_EQ(codeOf([] { JsonInput in(R"({"s":"abcdef"})"); in.str("s", 3); }), "invalid_field:s");
  EXPECT_EQ(codeOf([] { JsonInput in(R"({"b":1})"); in.boolean("b"); }), "invalid_field:b");
  EXPECT_EQ(codeOf([] { JsonInput in(R"({"l":["a",1]})"); in.optStrList("l", 5); }), "invalid_field:l");
}

TEST(JsonInput, RejectsUnknownFields) {
  EXPECT_EQ(codeOf([] {
              JsonInput in(R"({"username":"a","isAdmin":true})");
              in.str("username");
              in.finish();
            }),
            "unknown_field:isAdmin");
}

TEST(JsonInput, AcceptsWellFormedInput) {
  JsonInput in(R"({"s":"Nghị quyết số 12","n":7,"b":false,"t":"a\nb","l":["x","y"]})");
  EXPECT_EQ(in.str("s"), "Nghị quyết số 12");
  EXPECT_EQ(in.integer("n", 0, 10), 7);
  EXPECT_FALSE(in.boolean("b"));
  EXPECT_EQ(in.optText("t").value(), "a\nb");
  EXPECT_EQ(in.optStrList("l", 5)->size(), 2u);
  EXPECT_NO_THROW(in.finish());
}
