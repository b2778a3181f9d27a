#include "models/schema.hpp"

#include "models/formats.hpp"

namespace hub::models::detail {

void apply_rule(const FieldRule& rule, json::object& schema, bool is_collection) {
  if (!rule.description.empty()) schema["description"] = rule.description;
  if (rule.min_len) schema[is_collection ? "minItems" : "minLength"] = *rule.min_len;
  if (rule.max_len) schema[is_collection ? "maxItems" : "maxLength"] = *rule.max_len;
  if (is_collection && schema.contains("additionalProperties")) {
    // maps count properties, not items
    if (rule.min_len) {
      schema.erase("minItems");
      schema["minProperties"] = *rule.min_len;
    }
    if (rule.max_len) {
      schema.erase("maxItems");
      schema["maxProperties"] = *rule.max_len;
    }
  }
  if (rule.min_value) schema["minimum"] = *rule.min_value;
  if (rule.max_value) schema["maximum"] = *rule.max_value;
  if (!rule.allowed.empty()) {
    json::array values;
    for (auto v : rule.allowed) values.emplace_back(v);
    schema["enum"] = std::move(values);
  }
  if (const auto format = formats::schema_format(rule.string_format)) schema["format"] = *format;
  if (auto pattern = formats::schema_pattern(rule.string_format, rule.not_blank))
    schema["pattern"] = *pattern;
  if (rule.unique_items) schema["uniqueItems"] = true;
  if (is_collection && rule.item) {
    if (auto* items = schema.if_contains("items"); items != nullptr && items->is_object()) {
      apply_rule(*rule.item, items->as_object(), false);
    }
  }
  if (rule.example) schema["examples"] = json::array{*rule.example};
}

}  // namespace hub::models::detail
