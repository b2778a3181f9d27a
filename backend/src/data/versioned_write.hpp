#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "aws/attribute_value.hpp"
#include "aws/aws_error.hpp"
#include "core/result.hpp"
#include "data/table.hpp"

namespace hub::data {

// Optimistic locking. A mutable entity carries `version` (1 when created, +1 on every write);
// a write names the version it was based on and succeeds only if that is still the stored one.

// Puts `item` as version `expected + 1`, provided the stored item has version `expected`
// (`expected` 0: provided no item with this key exists). Returns the new version.
//   expected 0 and the item exists      -> ALREADY_EXISTS
//   the stored version is another one   -> VERSION_CONFLICT carrying it
//   expected > 0 and no item exists     -> `not_found`
[[nodiscard]] Result<std::int64_t> put_versioned(const Table& table, aws::Item item, std::int64_t expected,
                                                 ErrorCode not_found, std::string_view operation);

// The condition expression and values for "stored version is `expected`" (or "no such item").
struct VersionCondition {
  std::string expression;
  aws::dynamodb::AttributeNames names;
  aws::Item values;
};
[[nodiscard]] VersionCondition version_condition(std::int64_t expected);

// What a failed version condition means, given the item DynamoDB returned with the failure.
[[nodiscard]] Error version_condition_error(const std::optional<aws::Item>& current, std::int64_t expected,
                                            ErrorCode not_found);

}  // namespace hub::data
