// DynamoDB JSON decoding: the examples of the DynamoDB API reference, numbers kept exactly, and
// every kind of bad input rejected with the path to it.
#include <string>
#include <string_view>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <boost/json/parse.hpp>

#include "aws/dynamodb_json.hpp"
#include "aws/dynamodb_number.hpp"

namespace hub::aws {
namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;

// Deep enough for the nesting tests (each level of an attribute value is two JSON levels).
boost::json::value parse(std::string_view text) {
  boost::json::parse_options options;
  options.max_depth = 256;
  return boost::json::parse(text, {}, options);
}

AttributeValue decode(std::string_view text) {
  auto decoded = attribute_value_from_json(parse(text));
  EXPECT_TRUE(decoded.ok()) << text << ": " << decoded.error().message;
  return decoded.ok() ? decoded.value() : AttributeValue{};
}

// The validation message for text that must be rejected ("accepted" when it is not).
std::string rejection(std::string_view text) {
  auto decoded = attribute_value_from_json(parse(text));
  if (decoded.ok()) return "accepted";
  EXPECT_EQ(decoded.error().code, AwsErrc::validation);
  return decoded.error().message;
}

std::string item_rejection(std::string_view text) {
  auto decoded = item_from_json(parse(text));
  if (decoded.ok()) return "accepted";
  EXPECT_EQ(decoded.error().code, AwsErrc::validation);
  return decoded.error().message;
}

// The AttributeValue examples of the DynamoDB API reference.
TEST(DynamoDbJson, ApiReferenceExamples) {
  EXPECT_EQ(decode(R"({"S": "Hello"})"), AttributeValue::S("Hello"));
  EXPECT_EQ(decode(R"({"N": "123.45"})"), AttributeValue::N("123.45"));
  EXPECT_EQ(decode(R"({"B": "dGhpcyB0ZXh0IGlzIGJhc2U2NC1lbmNvZGVk"})"),
            AttributeValue::B("this text is base64-encoded"));
  EXPECT_EQ(decode(R"({"BOOL": true})"), AttributeValue::BOOL(true));
  EXPECT_EQ(decode(R"({"NULL": true})"), AttributeValue::NUL());
  EXPECT_EQ(decode(R"({"SS": ["Giraffe", "Hippo" ,"Zebra"]})"),
            AttributeValue::SS({"Giraffe", "Hippo", "Zebra"}));
  EXPECT_EQ(decode(R"({"NS": ["42.2", "-19", "7.5", "3.14"]})"),
            AttributeValue::NS({"42.2", "-19", "7.5", "3.14"}));
  EXPECT_EQ(decode(R"({"BS": ["U3Vubnk=", "UmFpbnk=", "U25vd3k="]})"),
            AttributeValue::BS({"Sunny", "Rainy", "Snowy"}));
  EXPECT_EQ(decode(R"({"L": [ {"S": "Cookies"} , {"S": "Coffee"}, {"N": "3.14159"}]})"),
            AttributeValue::L(
                {AttributeValue::S("Cookies"), AttributeValue::S("Coffee"), AttributeValue::N("3.14159")}));
  EXPECT_EQ(decode(R"({"M": {"Name": {"S": "Joe"}, "Age": {"N": "35"}}})"),
            AttributeValue::M({{"Name", AttributeValue::S("Joe")}, {"Age", AttributeValue::N("35")}}));
}

// The Item of GetItem's example response.
TEST(DynamoDbJson, GetItemExampleItem) {
  auto item = item_from_json(parse(R"({
    "Tags": {"SS": ["Update", "Multiple Items", "HelpMe"]},
    "LastPostDateTime": {"S": "201303190436"},
    "Message": {"S": "I want to update multiple items in a single call. What's the best way to do that?"}
  })"));
  ASSERT_TRUE(item.ok()) << item.error().message;
  EXPECT_EQ(item->size(), 3U);
  EXPECT_EQ(item->at("Tags"), AttributeValue::SS({"Update", "Multiple Items", "HelpMe"}));
  EXPECT_EQ(item->at("LastPostDateTime"), AttributeValue::S("201303190436"));
}

TEST(DynamoDbJson, NumbersKeepTheirExactText) {
  for (const std::string_view text :
       {"0",
        "-0",
        "+7",
        "007",
        "1.50",
        ".5",
        "5.",
        "12345678901234567890123456789012345678",
        "-0.00000000000000000000000000000000000012345678901234567890123456789012345678",
        "123456789012345678901234567890123456780000000000",
        "1e5",
        "1E+5",
        "-2.5e-3",
        "9.9999999999999999999999999999999999999E+125",
        "-9.9999999999999999999999999999999999999E+125",
        "1E-130",
        "-1E-130",
        "0.1E-129",
        "0E+99999",
        "0.000"}) {
    EXPECT_TRUE(is_valid_number(text)) << text;
    EXPECT_EQ(decode(R"({"N": ")" + std::string(text) + "\"}"), AttributeValue::N(std::string(text)));
  }
}

TEST(DynamoDbJson, NumberPrecisionCountsSignificantDigitsOnly) {
  EXPECT_TRUE(is_valid_number("12345678901234567890123456789012345678"));           // 38
  EXPECT_FALSE(is_valid_number("123456789012345678901234567890123456789"));         // 39
  EXPECT_FALSE(is_valid_number("1.23456789012345678901234567890123456789"));        // 39
  EXPECT_FALSE(is_valid_number("0.000123456789012345678901234567890123456789"));    // 39
  EXPECT_TRUE(is_valid_number("00001234567890123456789012345678901234567.8"));      // 38
  EXPECT_TRUE(is_valid_number("1234567890123456789012345678901234567.8000"));       // 38
  EXPECT_TRUE(is_valid_number("10000000000000000000000000000000000000000000000"));  // 1
}

TEST(DynamoDbJson, NumberMagnitudeLimits) {
  EXPECT_FALSE(is_valid_number("1E-131"));
  EXPECT_FALSE(is_valid_number("0.9E-130"));
  EXPECT_FALSE(is_valid_number("1E126"));
  EXPECT_FALSE(is_valid_number("10E125"));
  EXPECT_FALSE(is_valid_number("-1E126"));
  EXPECT_FALSE(is_valid_number("1E99999999999999999999999999"));  // exponent beyond any integer
  EXPECT_FALSE(is_valid_number("1E-99999999999999999999999999"));
}

TEST(DynamoDbJson, NumberSyntax) {
  for (const std::string_view text :
       {"",   "-",  "+",    ".",   "-.",       "e5",        "1e",  "1e+",   "--1",      "+-1",   "1.2.3",
        " 1", "1 ", "0x10", "NaN", "Infinity", "-Infinity", "1,5", "1_000", "\xd9\xa1", "1e5.5", "1E--5"}) {
    EXPECT_FALSE(is_valid_number(text)) << text;
  }
}

TEST(DynamoDbJson, CanonicalNumbersCompareValues) {
  EXPECT_EQ(canonical_number("1"), canonical_number("1.000"));
  EXPECT_EQ(canonical_number("1"), canonical_number("+10E-1"));
  EXPECT_EQ(canonical_number("0"), canonical_number("-0.0E7"));
  EXPECT_EQ(canonical_number("-120"), "-12E2");
  EXPECT_EQ(canonical_number("0.0012"), "12E-3");
  EXPECT_NE(canonical_number("1"), canonical_number("-1"));
  EXPECT_NE(canonical_number("12"), canonical_number("1.2"));
}

TEST(DynamoDbJson, RejectsWrongShapes) {
  EXPECT_THAT(rejection(R"("S")"), HasSubstr("must be a JSON object"));
  EXPECT_THAT(rejection(R"({})"), HasSubstr("exactly one type key, not 0"));
  EXPECT_THAT(rejection(R"({"S": "a", "N": "1"})"), HasSubstr("exactly one type key, not 2"));
  EXPECT_THAT(rejection(R"({"X": "a"})"), HasSubstr("unknown attribute type \"X\""));
  EXPECT_THAT(rejection(R"({"s": "a"})"), HasSubstr("unknown attribute type"));
}

TEST(DynamoDbJson, RejectsWrongJsonTypes) {
  EXPECT_EQ(rejection(R"({"S": 1})"), "/S: must be a JSON string");
  EXPECT_THAT(rejection(R"({"N": 1})"), StartsWith("/N: must be a JSON string"));
  EXPECT_THAT(rejection(R"({"B": null})"), StartsWith("/B: must be a JSON string"));
  EXPECT_EQ(rejection(R"({"BOOL": "true"})"), "/BOOL: must be a JSON boolean");
  EXPECT_EQ(rejection(R"({"NULL": false})"), "/NULL: must be true");
  EXPECT_EQ(rejection(R"({"NULL": null})"), "/NULL: must be true");
  EXPECT_EQ(rejection(R"({"M": []})"), "/M: must be a JSON object");
  EXPECT_EQ(rejection(R"({"L": {}})"), "/L: must be a JSON array");
  EXPECT_EQ(rejection(R"({"SS": "a"})"), "/SS: must be a JSON array");
  EXPECT_EQ(rejection(R"({"SS": ["a", 2]})"), "/SS/1: must be a JSON string");
  EXPECT_THAT(rejection(R"({"NS": [1]})"), StartsWith("/NS/0: must be a JSON string"));
}

TEST(DynamoDbJson, RejectsBadBase64AndNumbers) {
  EXPECT_EQ(rejection(R"({"B": "abc"})"), "/B: not valid base64");
  EXPECT_EQ(rejection(R"({"B": "aGVsbG8"})"), "/B: not valid base64");
  EXPECT_EQ(rejection(R"({"BS": ["U3Vubnk=", "!!!!"]})"), "/BS/1: not valid base64");
  EXPECT_THAT(rejection(R"({"N": "12abc"})"), StartsWith("/N: not a DynamoDB number"));
  EXPECT_THAT(rejection(R"({"N": "123456789012345678901234567890123456789"})"),
              StartsWith("/N: not a DynamoDB number"));
  EXPECT_THAT(rejection(R"({"NS": ["1", "1E200"]})"), StartsWith("/NS/1: not a DynamoDB number"));
}

TEST(DynamoDbJson, RejectsEmptySetsAndDuplicates) {
  EXPECT_EQ(rejection(R"({"SS": []})"), "/SS: a set must not be empty");
  EXPECT_EQ(rejection(R"({"NS": []})"), "/NS: a set must not be empty");
  EXPECT_EQ(rejection(R"({"BS": []})"), "/BS: a set must not be empty");
  EXPECT_EQ(rejection(R"({"SS": ["a", "b", "a"]})"), "/SS/2: duplicate value in a set");
  EXPECT_EQ(rejection(R"({"NS": ["1", "1.0"]})"), "/NS/1: duplicate value in a set");  // same number
  EXPECT_EQ(rejection(R"({"BS": ["AQ==", "AQ=="]})"), "/BS/1: duplicate value in a set");
  EXPECT_EQ(rejection(R"({"SS": ["a", "A"]})"), "accepted");  // strings compare exactly
}

TEST(DynamoDbJson, ErrorsNameThePathInsideAnItem) {
  EXPECT_EQ(item_rejection(R"({"profile": {"M": {"tags": {"SS": []}}}})"),
            "/profile/M/tags/SS: a set must not be empty");
  EXPECT_EQ(item_rejection(R"({"ok": {"S": "x"}, "list": {"L": [{"S": "a"}, {"N": "x"}]}})"),
            "/list/L/1/N: not a DynamoDB number (decimal syntax, at most 38 significant digits, "
            "magnitude 1E-130 to 9.99...E+125)");
  EXPECT_EQ(item_rejection(R"({"profile": {"M": {"tags": {"T": []}}}})"),
            "/profile/M/tags: unknown attribute type \"T\"");
  // Names holding '/' or '~' are escaped as in a JSON pointer.
  EXPECT_EQ(item_rejection(R"({"a/b~c": {"BOOL": 1}})"), "/a~1b~0c/BOOL: must be a JSON boolean");
  EXPECT_EQ(item_rejection(R"([])"), "(root): must be a JSON object");
  EXPECT_EQ(item_rejection(R"({})"), "accepted");
}

// `levels` lists nested inside each other around a string.
std::string nested_lists(int levels) {
  std::string text = R"({"S": "deep"})";
  for (int i = 0; i < levels; ++i) text = R"({"L": [)" + text + "]}";
  return text;
}

TEST(DynamoDbJson, NestingIsLimitedTo32Levels) {
  EXPECT_EQ(rejection(nested_lists(32)), "accepted");
  const std::string message = rejection(nested_lists(33));
  EXPECT_THAT(message, HasSubstr("documents nest at most 32 levels deep"));
  EXPECT_THAT(message, StartsWith("/L/0/L/0/"));

  // In an item, the attribute itself is the first level.
  std::string map = R"({"S": "x"})";
  for (int i = 0; i < 32; ++i) map = R"({"M": {"k": )" + map + "}}";
  EXPECT_EQ(item_rejection(R"({"a": )" + map + "}"), "accepted");
  EXPECT_THAT(item_rejection(R"({"a": {"M": {"k": )" + map + "}}}"), HasSubstr("at most 32 levels"));
}

TEST(DynamoDbJson, VeryDeepInputIsRejectedNotFollowed) {
  const std::string message = rejection(nested_lists(120));
  EXPECT_THAT(message, HasSubstr("at most 32 levels"));
}

}  // namespace
}  // namespace hub::aws
