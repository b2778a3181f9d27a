#include "data/dynamodb/activity_repository.hpp"

#include "core/ulid.hpp"
#include "data/activity_expiry.hpp"
#include "data/item_codec.hpp"
#include "data/item_helpers.hpp"
#include "data/listing.hpp"
#include "data/model_reads.hpp"
#include "data/storage_error.hpp"

namespace hub::data {

Result<models::ActivityEntry> DynamoActivityRepository::record(models::ActivityEntry entry) const {
  const auto now = table_.clock().now();
  if (entry.id.empty()) entry.id = core::new_ulid(now);
  if (entry.occurred_at.empty()) entry.occurred_at = core::to_rfc3339(now);
  auto item = to_item(entry);
  if (!item) return std::move(item).error();
  // occurred_at passed the model's date-time rule, so it parses.
  const auto expires = activity_expires_at(entry.occurred_at, retention_).value_or(0);
  detail::add_keys(*item, keys::user_pk(entry.user_id), keys::activity_sk(entry.id), keys::kActivityEntity);
  item->insert_or_assign(std::string(keys::kTtl), aws::AttributeValue::N(expires));
  auto written = table_.client().put_item({.table = table_.name(),
                                           .item = std::move(item).value(),
                                           .expressions = {.condition = "attribute_not_exists(#pk)",
                                                           .names = {{"#pk", std::string(keys::kPk)}}}});
  if (!written) {
    if (written.error().code == aws::AwsErrc::conditional_check_failed) {
      return Error::make(ErrorCode::ALREADY_EXISTS, "An activity entry with this id exists already.");
    }
    return storage_error(written.error(), "activity.record");
  }
  return entry;
}

Result<Page<models::ActivityEntry>> DynamoActivityRepository::list(std::string_view user_id,
                                                                   const PageRequest& page) const {
  auto expressions = detail::partition_is(keys::kPk, keys::user_pk(user_id));
  expressions.names.emplace("#sk", std::string(keys::kSk));
  expressions.values.emplace(":prefix", aws::AttributeValue::S(std::string(keys::kActivityPrefix)));
  const Listing listing{.key_condition = "#pk = :pk AND begins_with(#sk, :prefix)",
                        .expressions = std::move(expressions),
                        .descending = true};
  return list_models<models::ActivityEntry>(table_, listing, page, "activity.list");
}

}  // namespace hub::data
