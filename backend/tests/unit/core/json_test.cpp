#include <cstdint>
#include <string>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "core/json.hpp"

namespace hub {
namespace {

using ::testing::HasSubstr;

TEST(ParseJson, ParsesDocuments) {
  const auto r = parse_json(R"({"a": [1, 2.5, "x", true, null], "b": {"c": "d"}})");
  ASSERT_TRUE(r.ok()) << r.error().detail;
  const auto& o = r->as_object();
  EXPECT_EQ(o.at("a").as_array().size(), 5U);
  EXPECT_EQ(o.at("b").at("c").as_string(), "d");

  const auto scalar = parse_json(" 42 \n");
  ASSERT_TRUE(scalar.ok());
  EXPECT_EQ(scalar->to_number<int>(), 42);
}

TEST(ParseJson, MalformedNamesLineAndColumnInMultiLineDocument) {
  // The bad character is the 'x' on line 3, column 8.
  const std::string text = "{\n  \"a\": 1,\n  \"b\": x\n}";
  const auto r = parse_json(text);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::MALFORMED_JSON);
  EXPECT_THAT(r.error().detail, HasSubstr("line 3, column 8"));
  EXPECT_THAT(r.error().detail, HasSubstr("byte 19"));
}

TEST(ParseJson, MalformedOnFirstLine) {
  const auto r = parse_json(R"({"a": 1,})");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::MALFORMED_JSON);
  EXPECT_THAT(r.error().detail, HasSubstr("line 1, column 9"));
}

TEST(ParseJson, TruncatedDocument) {
  const auto r = parse_json("{\"a\": [1, 2");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::MALFORMED_JSON);
  EXPECT_THAT(r.error().detail, HasSubstr("line 1, column 12"));  // just past the end
}

TEST(ParseJson, EmptyBody) {
  for (const char* text : {"", "   ", "\n\t\r\n"}) {
    const auto r = parse_json(text);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, ErrorCode::MALFORMED_JSON);
    EXPECT_THAT(r.error().detail, HasSubstr("empty"));
  }
}

TEST(ParseJson, TrailingGarbageIsRejected) {
  const auto r = parse_json("{\"a\": 1}\n  xyz");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::MALFORMED_JSON);
  EXPECT_THAT(r.error().detail, HasSubstr("line 2, column 3"));

  const auto two = parse_json("{} {}");
  ASSERT_FALSE(two.ok());
  EXPECT_EQ(two.error().code, ErrorCode::MALFORMED_JSON);
  EXPECT_THAT(two.error().detail, HasSubstr("line 1, column 4"));
}

TEST(ParseJson, TrailingWhitespaceIsFine) { EXPECT_TRUE(parse_json("{}\n \t\r\n").ok()); }

TEST(ParseJson, DeepNestingIsRejectedNotCrashing) {
  const std::string deep = std::string(200, '[') + std::string(200, ']');
  const auto r = parse_json(deep);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::MALFORMED_JSON);
}

TEST(ToJsonText, Serializes) { EXPECT_EQ(to_json_text(json::object{{"a", 1}}), R"({"a":1})"); }

TEST(ToPrettyJsonText, IndentsSortsKeysAndEndsWithANewline) {
  const json::value v = json::object{
      {"b", json::array{1, "x", nullptr, json::object{}, json::array{}}},
      {"a", json::object{{"z", true}, {"\u00e9\"q", false}, {"m", -2}}},
  };
  EXPECT_EQ(to_pretty_json_text(v),
            "{\n"
            "  \"a\": {\n"
            "    \"m\": -2,\n"
            "    \"z\": true,\n"
            "    \"\u00e9\\\"q\": false\n"
            "  },\n"
            "  \"b\": [\n"
            "    1,\n"
            "    \"x\",\n"
            "    null,\n"
            "    {},\n"
            "    []\n"
            "  ]\n"
            "}\n");
}

TEST(ToPrettyJsonText, KeyOrderOfTheValueDoesNotMatter) {
  const json::value one = json::object{{"x", 1}, {"y", json::object{{"b", 2}, {"a", 3}}}};
  const json::value two = json::object{{"y", json::object{{"a", 3}, {"b", 2}}}, {"x", 1}};
  EXPECT_EQ(to_pretty_json_text(one), to_pretty_json_text(two));
  EXPECT_EQ(to_pretty_json_text(json::value("s")), "\"s\"\n");
}

TEST(ToPrettyJsonText, WritesNumbersAsPythonDoes) {
  const json::value v =
      json::array{0.0, 2.0, 1.5, -0.25, 1e16, 1e-5, 12, -3, std::uint64_t{18446744073709551615U}};
  EXPECT_EQ(
      to_pretty_json_text(v),
      "[\n  0.0,\n  2.0,\n  1.5,\n  -0.25,\n  1e+16,\n  1e-05,\n  12,\n  -3,\n  18446744073709551615\n]\n");
}

}  // namespace
}  // namespace hub
