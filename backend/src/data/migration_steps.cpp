// Every migration step, in version order. To add one, append it with the next version: see
// docs/operations.md, "Adding a step". A step never changes once released; fix forward with a
// new one.
#include "data/activity_expiry.hpp"

#include "core/clock.hpp"
#include "core/log.hpp"
#include "data/backfill.hpp"
#include "data/item_codec.hpp"
#include "data/keys.hpp"
#include "data/listing.hpp"
#include "data/migrations.hpp"
#include "data/storage_error.hpp"

namespace hub::data {
namespace {

using aws::AttributeValue;

// ---- 1 baseline ---------------------------------------------------------------------------------

// Nothing to change: the table follows data model v1 (docs/data-model.md) as created. The
// runner's record of this step says so.
Status apply_baseline(MigrationContext& /*context*/) { return {}; }

// ---- 2 activity-expiry --------------------------------------------------------------------------

// Sets the DynamoDB TTL attribute on one activity entry that has none.
Result<bool> set_activity_expiry(const Table& table, std::chrono::days retention, const aws::Item& item) {
  const auto occurred_at = string_attribute(item, "occurred_at");
  auto expires_at = occurred_at ? activity_expires_at(*occurred_at, retention) : std::nullopt;
  if (!expires_at) {
    // Kept from the migration on instead, so that it does expire.
    const auto now = std::chrono::floor<std::chrono::seconds>(table.clock().now() + retention);
    expires_at = now.time_since_epoch().count();
    core::logger().log(core::LogLevel::WARNING, "activity entry without a valid occurred_at",
                       {{"pk", string_attribute(item, keys::kPk).value_or("")},
                        {"sk", string_attribute(item, keys::kSk).value_or("")},
                        {"expires_at", *expires_at}});
  }
  auto updated = table.client().update_item(
      {.table = table.name(),
       .key = key_of(item, ""),
       .update = "SET #ttl = :expires",
       .expressions = {.condition = "attribute_exists(#pk) AND attribute_not_exists(#ttl)",
                       .names = {{"#pk", std::string(keys::kPk)}, {"#ttl", std::string(keys::kTtl)}},
                       .values = {{":expires", AttributeValue::N(*expires_at)}}}});
  if (updated) return true;
  // Set by an earlier run of this page, by the service itself, or the entry was deleted.
  if (updated.error().code == aws::AwsErrc::conditional_check_failed) return false;
  return storage_error(updated.error(), "migrations.activity_expiry");
}

Backfill activity_expiry(const MigrationContext& context) {
  const Table& table = context.table();
  const auto retention = context.settings().activity_retention;
  return Backfill{
      .filter = {.condition =
                     "#entity = :activity AND begins_with(#sk, :prefix) AND attribute_not_exists(#ttl)",
                 .names = {{"#entity", std::string(keys::kEntity)},
                           {"#sk", std::string(keys::kSk)},
                           {"#ttl", std::string(keys::kTtl)}},
                 .values = {{":activity", AttributeValue::S(std::string(keys::kActivityEntity))},
                            {":prefix", AttributeValue::S(std::string(keys::kActivityPrefix))}}},
      .update = [&table,
                 retention](const aws::Item& item) { return set_activity_expiry(table, retention, item); },
      .operation = "migrations.activity_expiry"};
}

}  // namespace

const std::vector<Migration>& migrations() {
  static const std::vector<Migration> steps{
      {.version = 1,
       .name = "baseline",
       .description = "Records that the table follows data model v1; writes nothing else.",
       .apply = apply_baseline},
      {.version = 2,
       .name = "activity-expiry",
       .description = "Gives every activity entry without expires_at one: occurred_at plus the activity "
                      "retention (HUB_ACTIVITY_RETENTION_DAYS), so DynamoDB's TTL removes it in time.",
       .apply = [](MigrationContext& context) { return run_backfill(context, activity_expiry(context)); },
       .count =
           [](const MigrationContext& context) { return count_backfill(context, activity_expiry(context)); }},
  };
  return steps;
}

}  // namespace hub::data
