#pragma once

#include <string>
#include <string_view>

#include "aws/attribute_value.hpp"
#include "aws/dynamodb_types.hpp"
#include "core/clock.hpp"
#include "data/keys.hpp"
#include "data/table.hpp"

// Small pieces the repositories and migrations use to build keys and items.
namespace hub::data::detail {

[[nodiscard]] inline aws::Item item_key(std::string pk, std::string sk) {
  aws::Item key;
  key.emplace(std::string(keys::kPk), aws::AttributeValue::S(std::move(pk)));
  key.emplace(std::string(keys::kSk), aws::AttributeValue::S(std::move(sk)));
  return key;
}

inline void set(aws::Item& item, std::string_view name, std::string value) {
  item.insert_or_assign(std::string(name), aws::AttributeValue::S(std::move(value)));
}

// Adds the key attributes (and the entity name) to an entity's attributes.
inline void add_keys(aws::Item& item, std::string pk, std::string sk, std::string_view entity) {
  set(item, keys::kPk, std::move(pk));
  set(item, keys::kSk, std::move(sk));
  set(item, keys::kEntity, std::string(entity));
}

[[nodiscard]] inline std::string now_text(const Table& table) {
  return core::to_rfc3339(table.clock().now());
}

// "#pk = :pk" on the table or an index partition key.
[[nodiscard]] inline aws::dynamodb::Expressions partition_is(std::string_view attribute, std::string value) {
  aws::dynamodb::Expressions e;
  e.names.emplace("#pk", std::string(attribute));
  e.values.emplace(":pk", aws::AttributeValue::S(std::move(value)));
  return e;
}

}  // namespace hub::data::detail
