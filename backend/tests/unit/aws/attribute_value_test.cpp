// AttributeValue itself, and every kind's trip through DynamoDB JSON and back.
#include <string>

#include <gtest/gtest.h>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "aws/attribute_value.hpp"
#include "aws/dynamodb_json.hpp"

namespace hub::aws {
namespace {

using Kind = AttributeValue::Kind;

std::string all_bytes() {
  std::string bytes;
  for (int i = 0; i < 256; ++i) bytes.push_back(static_cast<char>(i));
  return bytes;
}

// Through the wire text, as a request and a response would carry it.
AttributeValue round_trip(const AttributeValue& value) {
  const std::string text = boost::json::serialize(to_json(value));
  auto decoded = attribute_value_from_json(boost::json::parse(text));
  EXPECT_TRUE(decoded.ok()) << text << " -> " << decoded.error().message;
  return decoded.ok() ? decoded.value() : AttributeValue{};
}

TEST(AttributeValue, DefaultIsNull) {
  const AttributeValue value;
  EXPECT_TRUE(value.is_null());
  EXPECT_EQ(value.kind(), Kind::NUL);
}

TEST(AttributeValue, KindAndTypedAccess) {
  EXPECT_EQ(AttributeValue::S("x").kind(), Kind::S);
  EXPECT_EQ(*AttributeValue::S("x").as_string(), "x");
  EXPECT_EQ(AttributeValue::N(std::int64_t{-7}).as_number()->text, "-7");
  EXPECT_EQ(AttributeValue::B("\x01").as_binary()->bytes, "\x01");
  EXPECT_EQ(*AttributeValue::BOOL(false).as_bool(), false);
  EXPECT_EQ(AttributeValue::M({}).kind(), Kind::M);
  EXPECT_EQ(AttributeValue::L({}).kind(), Kind::L);
  EXPECT_EQ(AttributeValue::SS({"a"}).as_string_set()->values.size(), 1U);
  EXPECT_EQ(AttributeValue::NS({"1"}).kind(), Kind::NS);
  EXPECT_EQ(AttributeValue::BS({"b"}).kind(), Kind::BS);
  EXPECT_EQ(AttributeValue::S("x").as_number(), nullptr);
  EXPECT_EQ(AttributeValue::N("1").as_string(), nullptr);
}

TEST(AttributeValue, KindNamesAreTheWireKeys) {
  EXPECT_EQ(kind_name(Kind::S), "S");
  EXPECT_EQ(kind_name(Kind::N), "N");
  EXPECT_EQ(kind_name(Kind::B), "B");
  EXPECT_EQ(kind_name(Kind::BOOL), "BOOL");
  EXPECT_EQ(kind_name(Kind::NUL), "NULL");
  EXPECT_EQ(kind_name(Kind::M), "M");
  EXPECT_EQ(kind_name(Kind::L), "L");
  EXPECT_EQ(kind_name(Kind::SS), "SS");
  EXPECT_EQ(kind_name(Kind::NS), "NS");
  EXPECT_EQ(kind_name(Kind::BS), "BS");
}

TEST(AttributeValue, EqualityIsExact) {
  EXPECT_EQ(AttributeValue::N("1.0"), AttributeValue::N("1.0"));
  EXPECT_NE(AttributeValue::N("1.0"), AttributeValue::N("1"));  // the text is the value kept
  EXPECT_NE(AttributeValue::S("1"), AttributeValue::N("1"));
  EXPECT_NE(AttributeValue::SS({"a", "b"}), AttributeValue::SS({"b", "a"}));  // order is kept
}

TEST(AttributeValueJson, EveryKindEncodesAsDynamoDbSpellsIt) {
  const auto text = [](const AttributeValue& v) { return boost::json::serialize(to_json(v)); };
  EXPECT_EQ(text(AttributeValue::S("hi")), R"({"S":"hi"})");
  EXPECT_EQ(text(AttributeValue::N("1.50")), R"({"N":"1.50"})");
  EXPECT_EQ(text(AttributeValue::B("hello")), R"({"B":"aGVsbG8="})");
  EXPECT_EQ(text(AttributeValue::BOOL(true)), R"({"BOOL":true})");
  EXPECT_EQ(text(AttributeValue::BOOL(false)), R"({"BOOL":false})");
  EXPECT_EQ(text(AttributeValue::NUL()), R"({"NULL":true})");
  EXPECT_EQ(text(AttributeValue::M({{"a", AttributeValue::N("1")}})), R"({"M":{"a":{"N":"1"}}})");
  EXPECT_EQ(text(AttributeValue::L({AttributeValue::S("x"), AttributeValue::NUL()})),
            R"({"L":[{"S":"x"},{"NULL":true}]})");
  EXPECT_EQ(text(AttributeValue::SS({"b", "a"})), R"({"SS":["b","a"]})");
  EXPECT_EQ(text(AttributeValue::NS({"10", "-2.5E3"})), R"({"NS":["10","-2.5E3"]})");
  EXPECT_EQ(text(AttributeValue::BS({"hello", std::string{"\0", 1}})), R"({"BS":["aGVsbG8=","AA=="]})");
}

TEST(AttributeValueJson, ScalarsRoundTrip) {
  for (const auto& value : {
           AttributeValue::S(""),
           AttributeValue::S("plain"),
           AttributeValue::S(
               "Addis Ababa \xe2\x80\x94 \xe1\x8a\xa0\xe1\x8b\xb2\xe1\x88\xb5 \"quoted\" \\ \n\t"),
           AttributeValue::N("0"),
           AttributeValue::N("-0.000"),
           AttributeValue::N("12345678901234567890123456789012345678"),
           AttributeValue::N("-1.2345678901234567890123456789012345678E+125"),
           AttributeValue::N("1E-130"),
           AttributeValue::B(""),
           AttributeValue::B(all_bytes()),
           AttributeValue::BOOL(true),
           AttributeValue::BOOL(false),
           AttributeValue::NUL(),
       }) {
    EXPECT_EQ(round_trip(value), value) << boost::json::serialize(to_json(value));
  }
}

TEST(AttributeValueJson, ContainersRoundTrip) {
  const auto profile = AttributeValue::M({
      {"name", AttributeValue::S("Amina")},
      {"tags", AttributeValue::SS({"founder", "agritech", "Nairobi"})},
      {"scores", AttributeValue::NS({"3.5", "-1", "1E+10"})},
      {"keys", AttributeValue::BS({"\x01\x02", "\xff"})},
      {"links", AttributeValue::L({AttributeValue::S("https://example.org"), AttributeValue::NUL(),
                                   AttributeValue::L({}), AttributeValue::M({})})},
      {"empty", AttributeValue::M({})},
  });
  EXPECT_EQ(round_trip(profile), profile);
  EXPECT_EQ(round_trip(AttributeValue::L({})), AttributeValue::L({}));
  EXPECT_EQ(round_trip(AttributeValue::M({})), AttributeValue::M({}));
}

TEST(AttributeValueJson, ItemsRoundTrip) {
  const Item item{
      {"pk", AttributeValue::S("USER#01HZX")},
      {"sk", AttributeValue::S("PROFILE")},
      {"version", AttributeValue::N(std::int64_t{3})},
      {"a/b~c", AttributeValue::BOOL(true)},
  };
  const std::string text = boost::json::serialize(to_json(item));
  auto decoded = item_from_json(boost::json::parse(text));
  ASSERT_TRUE(decoded.ok()) << decoded.error().message;
  EXPECT_EQ(decoded.value(), item);
}

TEST(AttributeValueJson, SetsKeepTheirOrder) {
  const auto ss = AttributeValue::SS({"z", "a", "m"});
  const auto ns = AttributeValue::NS({"3", "1", "2"});
  const auto bs = AttributeValue::BS({"c", "a", "b"});
  EXPECT_EQ(round_trip(ss).as_string_set()->values, (std::vector<std::string>{"z", "a", "m"}));
  EXPECT_EQ(round_trip(ns).as_number_set()->values, (std::vector<std::string>{"3", "1", "2"}));
  EXPECT_EQ(round_trip(bs).as_binary_set()->values, (std::vector<std::string>{"c", "a", "b"}));
}

}  // namespace
}  // namespace hub::aws
