#include "models/schema.hpp"

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
  switch (rule.string_format) {
    case Format::none:
      break;
    case Format::date_time:
      schema["format"] = "date-time";
      break;
    case Format::email:
      schema["format"] = "email";
      break;
    case Format::uri:
      schema["format"] = "uri";
      break;
    case Format::ulid:
      schema["pattern"] = "^[0-7][0-9A-HJKMNP-TV-Z]{25}$";
      break;
    case Format::app_path:
      // ECMA-262, as JSON Schema reads it: what is_app_path in codec.cpp accepts.
      schema["pattern"] = R"(^/([^/\\\x00-\x20\x7F][^\\\x00-\x20\x7F]*)?$)";
      break;
  }
  if (rule.example) schema["examples"] = json::array{*rule.example};
}

}  // namespace hub::models::detail
