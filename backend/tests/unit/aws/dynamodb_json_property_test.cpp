// Property tests (RapidCheck): any AttributeValue survives DynamoDB JSON text and back, and any
// number DynamoDB would accept keeps its exact spelling.
#include <cstdint>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "aws/dynamodb_json.hpp"
#include "aws/dynamodb_number.hpp"
#include "support/utf8_gen.hpp"

namespace hub::aws {

// How RapidCheck prints a counterexample (found by argument-dependent lookup).
void showValue(const AttributeValue& value, std::ostream& os) {
  os << boost::json::serialize(to_json(value));
}

namespace {

namespace gen = rc::gen;

constexpr int kMaxDepth = 3;  // nesting of generated M/L values
constexpr int kMaxWidth = 4;  // entries per generated container

// DynamoDB strings are UTF-8: any scalar value, control characters and quotes included.
rc::Gen<std::string> utf8_string() {
  return gen::map(gen::container<std::vector<std::uint32_t>>(hub::testing::code_point(6)),
                  hub::testing::to_utf8);
}

// `min_count` to `max_count` digits, the first and the last not zero.
rc::Gen<std::string> significant_digits(int min_count, int max_count) {
  return gen::mapcat(gen::inRange(min_count, max_count + 1), [](int count) {
    return gen::map(gen::container<std::string>(static_cast<std::size_t>(count), gen::inRange('0', ':')),
                    [](std::string d) {
                      if (d.front() == '0') d.front() = '1';
                      if (d.back() == '0') d.back() = '9';
                      return d;
                    });
  });
}

rc::Gen<std::string> zeros() {
  return gen::map(gen::inRange<std::size_t>(0, 4), [](std::size_t n) { return std::string(n, '0'); });
}

// A number DynamoDB accepts, spelled in any of the ways its syntax allows: sign or not, leading
// and trailing zeros, a point anywhere, an exponent (e/E, signed or not) that keeps the value in
// range. `significant` is how many significant digits it has.
rc::Gen<std::string> number_text(int min_significant, int max_significant) {
  return gen::exec([=] {
    const std::string significant = *significant_digits(min_significant, max_significant);
    const std::string mantissa = *zeros() + significant + *zeros();
    const auto leading = mantissa.find_first_not_of('0');
    const auto point = *gen::inRange<std::size_t>(0, mantissa.size() + 1);
    std::string text = *gen::element<std::string>("", "-", "+");
    text += mantissa.substr(0, point);
    if (point < mantissa.size() || *gen::arbitrary<bool>()) text += "." + mantissa.substr(point);
    // Place the first significant digit at a chosen exponent within DynamoDB's range.
    const auto target = *gen::inRange<std::int64_t>(kMinNumberExponent, kMaxNumberExponent + 1);
    const auto implied = static_cast<std::int64_t>(point) - static_cast<std::int64_t>(leading) - 1;
    if (implied != target || *gen::arbitrary<bool>()) {
      const std::int64_t exponent = target - implied;
      text += *gen::element<std::string>("e", "E");
      text += exponent < 0 ? "-" : *gen::element<std::string>("", "+");
      text += std::to_string(exponent < 0 ? -exponent : exponent);
    }
    return text;
  });
}

template <class Set>
rc::Gen<AttributeValue> set_of(rc::Gen<std::string> element, Set (*make)(std::vector<std::string>)) {
  return gen::map(gen::nonEmpty(gen::unique<std::vector<std::string>>(std::move(element))), make);
}

AttributeValue make_ss(std::vector<std::string> v) { return AttributeValue::SS(std::move(v)); }
AttributeValue make_bs(std::vector<std::string> v) { return AttributeValue::BS(std::move(v)); }

rc::Gen<AttributeValue> scalar() {
  const auto numbers = gen::uniqueBy<std::vector<std::string>>(
      number_text(1, 38), [](const std::string& n) { return canonical_number(n); });
  return gen::oneOf(
      gen::map(utf8_string(), [](std::string s) { return AttributeValue::S(std::move(s)); }),
      gen::map(number_text(1, 38), [](std::string n) { return AttributeValue::N(std::move(n)); }),
      gen::map(gen::arbitrary<std::string>(), [](std::string b) { return AttributeValue::B(std::move(b)); }),
      gen::map(gen::arbitrary<bool>(), [](bool b) { return AttributeValue::BOOL(b); }),
      gen::just(AttributeValue::NUL()), set_of(utf8_string(), &make_ss),
      gen::map(gen::nonEmpty(numbers),
               [](std::vector<std::string> v) { return AttributeValue::NS(std::move(v)); }),
      set_of(gen::arbitrary<std::string>(), &make_bs));
}

rc::Gen<AttributeValue> attribute_value(int depth);

rc::Gen<AttributeMap> attribute_map(int depth) {
  using Entries = std::vector<std::pair<std::string, AttributeValue>>;
  return gen::mapcat(gen::inRange(0, kMaxWidth + 1), [depth](int n) {
    return gen::map(gen::container<Entries>(static_cast<std::size_t>(n),
                                            gen::pair(utf8_string(), attribute_value(depth))),
                    [](const Entries& entries) {
                      AttributeMap map;
                      for (const auto& [name, value] : entries) map.insert_or_assign(name, value);
                      return map;
                    });
  });
}

// Values nesting at most `depth` more M/L levels.
rc::Gen<AttributeValue> attribute_value(int depth) {
  if (depth == 0) return scalar();
  return gen::oneOf(
      scalar(),
      gen::mapcat(gen::inRange(0, kMaxWidth + 1),
                  [depth](int n) {
                    return gen::map(gen::container<AttributeList>(static_cast<std::size_t>(n),
                                                                  attribute_value(depth - 1)),
                                    [](AttributeList l) { return AttributeValue::L(std::move(l)); });
                  }),
      gen::map(attribute_map(depth - 1), [](AttributeMap m) { return AttributeValue::M(std::move(m)); }));
}

boost::json::value parse(const std::string& text) {
  boost::json::parse_options options;
  options.max_depth = 256;
  return boost::json::parse(text, {}, options);
}

RC_GTEST_PROP(DynamoDbJsonProperty, AnyValueSurvivesTheWire, ()) {
  const auto original = *attribute_value(kMaxDepth);
  const std::string text = boost::json::serialize(to_json(original));
  const auto decoded = attribute_value_from_json(parse(text));
  if (!decoded.ok()) RC_FAIL(decoded.error().message);
  RC_ASSERT(decoded.value() == original);
}

RC_GTEST_PROP(DynamoDbJsonProperty, AnyItemSurvivesTheWire, ()) {
  const auto original = *attribute_map(kMaxDepth - 1);
  const auto decoded = item_from_json(parse(boost::json::serialize(to_json(original))));
  if (!decoded.ok()) RC_FAIL(decoded.error().message);
  RC_ASSERT(decoded.value() == original);
}

RC_GTEST_PROP(DynamoDbJsonProperty, ValidNumbersKeepTheirText, ()) {
  const auto text = *number_text(1, 38);
  RC_ASSERT(is_valid_number(text));
  const auto decoded =
      attribute_value_from_json(parse(boost::json::serialize(to_json(AttributeValue::N(text)))));
  RC_ASSERT(decoded.ok());
  RC_ASSERT(decoded->as_number()->text == text);
}

RC_GTEST_PROP(DynamoDbJsonProperty, ThirtyNineSignificantDigitsAreRejected, ()) {
  const auto text = *number_text(39, 45);
  RC_ASSERT(!is_valid_number(text));
}

// Zeros that do not change the value (one leading, one trailing after the point) do not change
// its identity either: a number set holding both spellings holds a duplicate.
RC_GTEST_PROP(DynamoDbJsonProperty, PaddedSpellingsAreTheSameNumber, ()) {
  const auto text = *number_text(1, 38);
  const auto e = text.find_first_of("eE");
  const std::string mantissa = text.substr(0, e);
  std::string padded = mantissa;
  padded.insert(mantissa.front() == '-' || mantissa.front() == '+' ? 1 : 0, "0");
  padded += mantissa.find('.') == std::string::npos ? ".0" : "0";
  if (e != std::string::npos) padded += text.substr(e);
  RC_ASSERT(is_valid_number(padded));
  RC_ASSERT(canonical_number(padded) == canonical_number(text));
  const auto set = attribute_value_from_json(to_json(AttributeValue::NS({text, padded})));
  RC_ASSERT(!set.ok());
}

}  // namespace
}  // namespace hub::aws
