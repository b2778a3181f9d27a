#include "data/versioned_write.hpp"

#include "data/item_codec.hpp"
#include "data/keys.hpp"
#include "data/storage_error.hpp"

namespace hub::data {

VersionCondition version_condition(std::int64_t expected) {
  if (expected == 0) return {"attribute_not_exists(#pk)", {{"#pk", std::string(keys::kPk)}}, {}};
  return {"#version = :expected",
          {{"#version", std::string(keys::kVersion)}},
          {{":expected", aws::AttributeValue::N(expected)}}};
}

Error version_condition_error(const std::optional<aws::Item>& current, std::int64_t expected,
                              ErrorCode not_found) {
  if (!current) {
    if (expected == 0) return Error::make(ErrorCode::ALREADY_EXISTS, "The item exists already.");
    return Error::make(not_found, "");
  }
  if (expected == 0) return Error::make(ErrorCode::ALREADY_EXISTS, "The item exists already.");
  return Error::version_conflict(integer_attribute(*current, keys::kVersion).value_or(0));
}

Result<std::int64_t> put_versioned(const Table& table, aws::Item item, std::int64_t expected,
                                   ErrorCode not_found, std::string_view operation) {
  const auto next = expected + 1;
  item.insert_or_assign(std::string(keys::kVersion), aws::AttributeValue::N(next));
  auto condition = version_condition(expected);
  auto written = table.client().put_item({.table = table.name(),
                                          .item = std::move(item),
                                          .expressions = {.condition = std::move(condition.expression),
                                                          .names = std::move(condition.names),
                                                          .values = std::move(condition.values)},
                                          .return_item_on_condition_failure = true});
  if (written) return next;
  if (written.error().code == aws::AwsErrc::conditional_check_failed) {
    return version_condition_error(written.error().item, expected, not_found);
  }
  return storage_error(written.error(), operation);
}

}  // namespace hub::data
