#include "data/item_codec.hpp"

#include <fmt/format.h>

#include "core/log.hpp"
#include "core/text.hpp"
#include "data/keys.hpp"

namespace hub::data {

aws::AttributeValue to_attribute(const json::value& value) {
  switch (value.kind()) {
    case json::kind::string:
      return aws::AttributeValue::S(std::string(value.get_string()));
    case json::kind::int64:
      return aws::AttributeValue::N(value.get_int64());
    case json::kind::uint64:
      return aws::AttributeValue::N(std::to_string(value.get_uint64()));
    case json::kind::double_:
      // fmt writes the shortest text that reads back as the same double.
      return aws::AttributeValue::N(fmt::format("{}", value.get_double()));
    case json::kind::bool_:
      return aws::AttributeValue::BOOL(value.get_bool());
    case json::kind::array: {
      aws::AttributeList list;
      list.reserve(value.get_array().size());
      for (const auto& element : value.get_array()) list.push_back(to_attribute(element));
      return aws::AttributeValue::L(std::move(list));
    }
    case json::kind::object: {
      aws::AttributeMap map;
      for (const auto& member : value.get_object()) {
        map.emplace(std::string(member.key()), to_attribute(member.value()));
      }
      return aws::AttributeValue::M(std::move(map));
    }
    case json::kind::null:
      break;
  }
  return aws::AttributeValue::NUL();
}

namespace {

json::value number_to_json(std::string_view text) {
  if (const auto i = core::parse_number<std::int64_t>(text)) return *i;
  if (const auto u = core::parse_number<std::uint64_t>(text)) return *u;
  // DynamoDB's number syntax is a subset of what from_chars reads as a double.
  return core::parse_number<double>(text).value_or(0.0);
}

struct ToJson {
  json::value operator()(const std::string& s) const { return json::string(s); }
  json::value operator()(const aws::Number& n) const { return number_to_json(n.text); }
  json::value operator()(const aws::Binary& b) const { return json::string(b.bytes); }
  json::value operator()(bool b) const { return b; }
  json::value operator()(const aws::Null& /*unused*/) const { return nullptr; }
  json::value operator()(const aws::AttributeMap& m) const {
    json::object out;
    for (const auto& [key, value] : m) out[key] = to_json_value(value);
    return out;
  }
  json::value operator()(const aws::AttributeList& l) const {
    json::array out;
    out.reserve(l.size());
    for (const auto& value : l) out.push_back(to_json_value(value));
    return out;
  }
  json::value operator()(const aws::StringSet& s) const {
    json::array out;
    for (const auto& value : s.values) out.emplace_back(json::string(value));
    return out;
  }
  json::value operator()(const aws::NumberSet& s) const {
    json::array out;
    for (const auto& value : s.values) out.push_back(number_to_json(value));
    return out;
  }
  json::value operator()(const aws::BinarySet& s) const {
    json::array out;
    for (const auto& value : s.values) out.emplace_back(json::string(value));
    return out;
  }
};

}  // namespace

json::value to_json_value(const aws::AttributeValue& value) { return std::visit(ToJson{}, value.storage()); }

Error corrupt_item_error(const aws::Item& item, const Error& why) {
  std::string problems;
  for (const auto& f : why.fields) problems += fmt::format("{} {}; ", f.pointer, f.message);
  core::logger().error("stored item does not match its model",
                       {{"pk", std::string(string_attribute(item, keys::kPk).value_or(""))},
                        {"sk", std::string(string_attribute(item, keys::kSk).value_or(""))},
                        {"problems", problems}});
  return Error::make(ErrorCode::INTERNAL, "A stored item could not be read.");
}

std::optional<std::string_view> string_attribute(const aws::Item& item, std::string_view name) {
  const auto it = item.find(name);
  if (it == item.end()) return std::nullopt;
  if (const auto* s = it->second.as_string()) return std::string_view{*s};
  return std::nullopt;
}

std::optional<std::int64_t> integer_attribute(const aws::Item& item, std::string_view name) {
  const auto it = item.find(name);
  if (it == item.end()) return std::nullopt;
  const auto* n = it->second.as_number();
  if (n == nullptr) return std::nullopt;
  return core::parse_number<std::int64_t>(n->text);
}

}  // namespace hub::data
