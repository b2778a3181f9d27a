#pragma once

#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include <boost/container/map.hpp>

namespace hub::aws {

class AttributeValue;

// boost::container::map accepts the incomplete AttributeValue (std::map does not promise to).
using AttributeMap = boost::container::map<std::string, AttributeValue, std::less<>>;
using Item = AttributeMap;  // an item, or a key: attribute name -> value
using AttributeList = std::vector<AttributeValue>;

// A DynamoDB number, kept as the exact decimal text it was given or received (up to 38
// significant digits, far beyond a double), so nothing is lost on the way through.
struct Number {
  std::string text;
  bool operator==(const Number&) const = default;
};
// Raw bytes (base64 on the wire).
struct Binary {
  std::string bytes;
  bool operator==(const Binary&) const = default;
};
struct Null {
  bool operator==(const Null&) const = default;
};
struct StringSet {
  std::vector<std::string> values;
  bool operator==(const StringSet&) const = default;
};
struct NumberSet {
  std::vector<std::string> values;  // exact decimal texts
  bool operator==(const NumberSet&) const = default;
};
struct BinarySet {
  std::vector<std::string> values;  // raw bytes
  bool operator==(const BinarySet&) const = default;
};

// One DynamoDB AttributeValue: S, N, B, BOOL, NULL, M, L, SS, NS, BS.
class AttributeValue {
 public:
  enum class Kind : std::uint8_t { S, N, B, BOOL, NUL, M, L, SS, NS, BS };

  using Storage = std::variant<std::string, Number, Binary, bool, Null, AttributeMap, AttributeList,
                               StringSet, NumberSet, BinarySet>;

  AttributeValue() : value_(Null{}) {}

  [[nodiscard]] static AttributeValue S(std::string text) { return AttributeValue{std::move(text)}; }
  [[nodiscard]] static AttributeValue N(std::string decimal_text) {
    return AttributeValue{Number{std::move(decimal_text)}};
  }
  [[nodiscard]] static AttributeValue N(std::int64_t value) { return N(std::to_string(value)); }
  [[nodiscard]] static AttributeValue B(std::string bytes) {
    return AttributeValue{Binary{std::move(bytes)}};
  }
  [[nodiscard]] static AttributeValue BOOL(bool value) { return AttributeValue{value}; }
  [[nodiscard]] static AttributeValue NUL() { return AttributeValue{Null{}}; }
  [[nodiscard]] static AttributeValue M(AttributeMap map) { return AttributeValue{std::move(map)}; }
  [[nodiscard]] static AttributeValue L(AttributeList list) { return AttributeValue{std::move(list)}; }
  [[nodiscard]] static AttributeValue SS(std::vector<std::string> v) {
    return AttributeValue{StringSet{std::move(v)}};
  }
  [[nodiscard]] static AttributeValue NS(std::vector<std::string> v) {
    return AttributeValue{NumberSet{std::move(v)}};
  }
  [[nodiscard]] static AttributeValue BS(std::vector<std::string> v) {
    return AttributeValue{BinarySet{std::move(v)}};
  }

  [[nodiscard]] Kind kind() const noexcept { return static_cast<Kind>(value_.index()); }
  [[nodiscard]] const Storage& storage() const noexcept { return value_; }
  [[nodiscard]] Storage& storage() noexcept { return value_; }

  // Typed access: nullptr when the value is of another kind.
  [[nodiscard]] const std::string* as_string() const noexcept { return std::get_if<std::string>(&value_); }
  [[nodiscard]] const Number* as_number() const noexcept { return std::get_if<Number>(&value_); }
  [[nodiscard]] const Binary* as_binary() const noexcept { return std::get_if<Binary>(&value_); }
  [[nodiscard]] const bool* as_bool() const noexcept { return std::get_if<bool>(&value_); }
  [[nodiscard]] bool is_null() const noexcept { return std::holds_alternative<Null>(value_); }
  [[nodiscard]] const AttributeMap* as_map() const noexcept { return std::get_if<AttributeMap>(&value_); }
  [[nodiscard]] const AttributeList* as_list() const noexcept { return std::get_if<AttributeList>(&value_); }
  [[nodiscard]] const StringSet* as_string_set() const noexcept { return std::get_if<StringSet>(&value_); }
  [[nodiscard]] const NumberSet* as_number_set() const noexcept { return std::get_if<NumberSet>(&value_); }
  [[nodiscard]] const BinarySet* as_binary_set() const noexcept { return std::get_if<BinarySet>(&value_); }

  bool operator==(const AttributeValue& other) const { return value_ == other.value_; }

 private:
  template <class V>
  explicit AttributeValue(V value) : value_(std::move(value)) {}

  Storage value_;
};

// "S", "N", ... as DynamoDB JSON spells the kind.
[[nodiscard]] std::string_view kind_name(AttributeValue::Kind kind) noexcept;

}  // namespace hub::aws
