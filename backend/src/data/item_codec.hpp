#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <boost/describe.hpp>
#include <boost/mp11/algorithm.hpp>

#include "aws/attribute_value.hpp"
#include "core/json.hpp"
#include "core/result.hpp"
#include "models/codec.hpp"
#include "models/model.hpp"

// Entities are stored as their model's JSON, one attribute per field: a string is S, a number
// N (exact decimal text), a boolean BOOL, an object M, an array L. Absent optional fields are
// absent attributes. Key, index and housekeeping attributes are added by the repository.
namespace hub::data {

[[nodiscard]] aws::AttributeValue to_attribute(const json::value& value);
// N becomes an integer when it is one (int64/uint64), a double otherwise; sets become arrays.
[[nodiscard]] json::value to_json_value(const aws::AttributeValue& value);

// Logs why a stored item could not be read and returns the INTERNAL error clients see.
[[nodiscard]] Error corrupt_item_error(const aws::Item& item, const Error& why);

// String and number attributes, read leniently (nullopt when absent or of another kind).
[[nodiscard]] std::optional<std::string_view> string_attribute(const aws::Item& item, std::string_view name);
[[nodiscard]] std::optional<std::int64_t> integer_attribute(const aws::Item& item, std::string_view name);

// The attributes of a model: validated against its declared rules first, so nothing invalid and
// nothing unknown is ever written. VALIDATION_FAILED lists every bad field.
template <models::Model T>
[[nodiscard]] Result<aws::Item> to_item(const T& model) {
  if (auto valid = models::validate(model); !valid) return std::move(valid).error();
  aws::Item item;
  const auto json = models::to_json(model);
  for (const auto& member : json.as_object()) {
    item.emplace(std::string(member.key()), to_attribute(member.value()));
  }
  return item;
}

// Reads a model from a stored item: only the model's own attributes are read (keys and
// housekeeping are not its business) and they must satisfy its rules. A stored item that does
// not is corrupt: INTERNAL, with the reason logged under the item's key.
template <models::Model T>
[[nodiscard]] Result<T> from_item(const aws::Item& item) {
  json::object object;
  boost::mp11::mp_for_each<boost::describe::describe_members<T, boost::describe::mod_public>>(
      [&](auto member) {
        if (const auto it = item.find(std::string_view{member.name});
            it != item.end() && !it->second.is_null()) {
          object[member.name] = to_json_value(it->second);
        }
      });
  auto model = models::from_json<T>(object);
  if (!model) return corrupt_item_error(item, model.error());
  return model;
}

}  // namespace hub::data
