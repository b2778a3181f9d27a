#include "aws/dynamodb_json.hpp"

#include <algorithm>
#include <array>
#include <string>
#include <unordered_set>
#include <utility>
#include <variant>

#include <fmt/format.h>
#include <boost/json/array.hpp>
#include <boost/json/string.hpp>

#include "aws/dynamodb_number.hpp"
#include "core/base64.hpp"

namespace hub::aws {
namespace {

namespace json = boost::json;

// DynamoDB nests documents at most 32 levels deep; the same bound keeps a hostile response from
// driving the recursion below arbitrarily deep.
constexpr int kMaxDepth = 32;

json::array strings_to_json(const std::vector<std::string>& values) {
  json::array out;
  out.reserve(values.size());
  for (const auto& v : values) out.emplace_back(v);
  return out;
}

struct Encoder {
  json::value operator()(const std::string& s) const { return json::object{{"S", s}}; }
  json::value operator()(const Number& n) const { return json::object{{"N", n.text}}; }
  json::value operator()(const Binary& b) const { return json::object{{"B", core::base64_encode(b.bytes)}}; }
  json::value operator()(bool b) const { return json::object{{"BOOL", b}}; }
  json::value operator()(const Null& /*null*/) const { return json::object{{"NULL", true}}; }
  json::value operator()(const AttributeMap& m) const { return json::object{{"M", to_json(m)}}; }
  json::value operator()(const AttributeList& l) const {
    json::array out;
    out.reserve(l.size());
    for (const auto& v : l) out.push_back(to_json(v));
    return json::object{{"L", std::move(out)}};
  }
  json::value operator()(const StringSet& s) const { return json::object{{"SS", strings_to_json(s.values)}}; }
  json::value operator()(const NumberSet& s) const { return json::object{{"NS", strings_to_json(s.values)}}; }
  json::value operator()(const BinarySet& s) const {
    json::array out;
    out.reserve(s.values.size());
    for (const auto& bytes : s.values) out.emplace_back(core::base64_encode(bytes));
    return json::object{{"BS", std::move(out)}};
  }
};

// A path segment as RFC 6901 escapes it, so that names holding '/' stay unambiguous.
void append_segment(std::string& path, std::string_view segment) {
  path.push_back('/');
  for (const char c : segment) {
    if (c == '~') {
      path += "~0";
    } else if (c == '/') {
      path += "~1";
    } else {
      path.push_back(c);
    }
  }
}

// Appends a segment for the lifetime of the scope, so every return path restores the path.
class PathSegment {
 public:
  PathSegment(std::string& path, std::string_view segment) : path_(path), size_(path.size()) {
    append_segment(path_, segment);
  }
  PathSegment(const PathSegment&) = delete;
  PathSegment& operator=(const PathSegment&) = delete;
  PathSegment(PathSegment&&) = delete;
  PathSegment& operator=(PathSegment&&) = delete;
  ~PathSegment() { path_.resize(size_); }

 private:
  std::string& path_;
  std::size_t size_;
};

bool is_type_key(std::string_view key) noexcept {
  constexpr std::array<std::string_view, 10> kKeys = {"S", "N", "B",  "BOOL", "NULL",
                                                      "M", "L", "SS", "NS",   "BS"};
  return std::find(kKeys.begin(), kKeys.end(), key) != kKeys.end();
}

AwsError invalid(const std::string& path, std::string_view what) {
  return AwsError::make(AwsErrc::validation,
                        fmt::format("{}: {}", path.empty() ? std::string_view{"(root)"} : path, what));
}

class Decoder {
 public:
  AwsResult<AttributeValue> value(const json::value& json, int depth) {
    const auto* object = json.if_object();
    if (object == nullptr) return invalid(path_, "an attribute value must be a JSON object");
    if (object->size() != 1) {
      return invalid(
          path_, fmt::format("an attribute value must have exactly one type key, not {}", object->size()));
    }
    const auto& [key, inner] = *object->begin();
    if (!is_type_key(key)) return invalid(path_, fmt::format("unknown attribute type \"{}\"", key));
    const PathSegment segment(path_, key);
    if (key == "S") {
      if (const auto* s = inner.if_string()) return AttributeValue::S(std::string(*s));
      return invalid(path_, "must be a JSON string");
    }
    if (key == "N") {
      auto text = number_text(inner);
      if (!text) return std::move(text).error();
      return AttributeValue::N(std::move(*text));
    }
    if (key == "B") {
      auto bytes = binary(inner);
      if (!bytes) return std::move(bytes).error();
      return AttributeValue::B(std::move(*bytes));
    }
    if (key == "BOOL") {
      if (const auto* b = inner.if_bool()) return AttributeValue::BOOL(*b);
      return invalid(path_, "must be a JSON boolean");
    }
    if (key == "NULL") {
      // DynamoDB accepts only `true` here.
      if (const auto* b = inner.if_bool(); b != nullptr && *b) return AttributeValue::NUL();
      return invalid(path_, "must be true");
    }
    if (key == "M" || key == "L") {
      if (depth > kMaxDepth) {
        return invalid(path_, fmt::format("documents nest at most {} levels deep", kMaxDepth));
      }
      if (key == "M") {
        auto map = this->map(inner, depth + 1);
        if (!map) return std::move(map).error();
        return AttributeValue::M(std::move(*map));
      }
      return list(inner, depth + 1);
    }
    return set(key, inner);  // SS, NS or BS
  }

  // The attributes of an item or of an M value: values at `depth`.
  AwsResult<AttributeMap> map(const json::value& json, int depth) {
    const auto* object = json.if_object();
    if (object == nullptr) return invalid(path_, "must be a JSON object");
    AttributeMap out;
    for (const auto& [name, inner] : *object) {
      const PathSegment segment(path_, name);
      auto decoded = value(inner, depth);
      if (!decoded) return std::move(decoded).error();
      out.emplace(std::string(name), std::move(*decoded));
    }
    return out;
  }

 private:
  AwsResult<AttributeValue> list(const json::value& json, int depth) {
    const auto* array = json.if_array();
    if (array == nullptr) return invalid(path_, "must be a JSON array");
    AttributeList out;
    out.reserve(array->size());
    for (std::size_t i = 0; i < array->size(); ++i) {
      const PathSegment segment(path_, std::to_string(i));
      auto decoded = value((*array)[i], depth);
      if (!decoded) return std::move(decoded).error();
      out.push_back(std::move(*decoded));
    }
    return AttributeValue::L(std::move(out));
  }

  AwsResult<std::string> number_text(const json::value& json) {
    const auto* s = json.if_string();
    if (s == nullptr) return invalid(path_, "must be a JSON string holding a number");
    if (!is_valid_number(*s)) {
      return invalid(path_,
                     "not a DynamoDB number (decimal syntax, at most 38 significant digits, "
                     "magnitude 1E-130 to 9.99...E+125)");
    }
    return std::string(*s);
  }

  AwsResult<std::string> binary(const json::value& json) {
    const auto* s = json.if_string();
    if (s == nullptr) return invalid(path_, "must be a JSON string holding base64");
    auto bytes = core::base64_decode(*s);
    if (!bytes) return invalid(path_, "not valid base64");
    return std::move(*bytes);
  }

  // SS, NS and BS: non-empty, each element valid, no two elements equal (numbers compared by
  // value, binaries by their bytes), as DynamoDB requires. Order is kept.
  AwsResult<AttributeValue> set(std::string_view key, const json::value& json) {
    const auto* array = json.if_array();
    if (array == nullptr) return invalid(path_, "must be a JSON array");
    if (array->empty()) return invalid(path_, "a set must not be empty");
    std::vector<std::string> values;
    values.reserve(array->size());
    std::unordered_set<std::string> seen;
    for (std::size_t i = 0; i < array->size(); ++i) {
      const PathSegment segment(path_, std::to_string(i));
      const auto& element = (*array)[i];
      std::string item;
      std::string identity;
      if (key == "SS") {
        const auto* s = element.if_string();
        if (s == nullptr) return invalid(path_, "must be a JSON string");
        item = std::string(*s);
        identity = item;
      } else if (key == "NS") {
        auto text = number_text(element);
        if (!text) return std::move(text).error();
        item = std::move(*text);
        identity = canonical_number(item);
      } else {
        auto bytes = binary(element);
        if (!bytes) return std::move(bytes).error();
        item = std::move(*bytes);
        identity = item;
      }
      if (!seen.insert(std::move(identity)).second) return invalid(path_, "duplicate value in a set");
      values.push_back(std::move(item));
    }
    if (key == "SS") return AttributeValue::SS(std::move(values));
    if (key == "NS") return AttributeValue::NS(std::move(values));
    return AttributeValue::BS(std::move(values));
  }

  std::string path_;
};

}  // namespace

json::value to_json(const AttributeValue& value) { return std::visit(Encoder{}, value.storage()); }

json::object to_json(const Item& item) {
  json::object out;
  out.reserve(item.size());
  for (const auto& [name, value] : item) out.emplace(name, to_json(value));
  return out;
}

AwsResult<AttributeValue> attribute_value_from_json(const json::value& json) {
  return Decoder{}.value(json, 1);
}

AwsResult<Item> item_from_json(const json::value& json) { return Decoder{}.map(json, 1); }

}  // namespace hub::aws
