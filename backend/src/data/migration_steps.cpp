// Every migration step, in version order. To add one, append it with the next version: see
// docs/operations.md, "Adding a step". A step never changes once released; fix forward with a
// new one.
#include "data/migration_steps.hpp"

#include <array>

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

// `count` decimal digits of `text` from `at`.
std::optional<int> digits(std::string_view text, std::size_t at, std::size_t count) {
  if (at + count > text.size()) return std::nullopt;
  int value = 0;
  for (const char c : text.substr(at, count)) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + (c - '0');
  }
  return value;
}

// The offset from UTC in seconds of an RFC 3339 ending: an optional fraction (ignored), then
// "Z" or "+hh:mm" / "-hh:mm".
std::optional<int> utc_offset_seconds(std::string_view rest) {
  if (!rest.empty() && rest.front() == '.') {
    std::size_t n = 1;
    while (n < rest.size() && rest[n] >= '0' && rest[n] <= '9') ++n;
    if (n == 1) return std::nullopt;
    rest.remove_prefix(n);
  }
  if (rest == "Z" || rest == "z") return 0;
  if (rest.size() != 6 || (rest[0] != '+' && rest[0] != '-') || rest[3] != ':') return std::nullopt;
  const auto hours = digits(rest, 1, 2);
  const auto minutes = digits(rest, 4, 2);
  if (!hours || !minutes || *hours > 23 || *minutes > 59) return std::nullopt;
  const int offset = (*hours * 60 + *minutes) * 60;
  return rest[0] == '-' ? -offset : offset;
}

// Epoch seconds of an RFC 3339 date-time, or nullopt.
std::optional<std::int64_t> epoch_seconds(std::string_view text) {
  if (text.size() < 20 || text[4] != '-' || text[7] != '-' || (text[10] != 'T' && text[10] != 't') ||
      text[13] != ':' || text[16] != ':') {
    return std::nullopt;
  }
  constexpr std::array<std::pair<std::size_t, std::size_t>, 6> kFields{
      {{0, 4}, {5, 2}, {8, 2}, {11, 2}, {14, 2}, {17, 2}}};
  std::array<int, 6> f{};
  for (std::size_t i = 0; i < kFields.size(); ++i) {
    const auto value = digits(text, kFields[i].first, kFields[i].second);
    if (!value) return std::nullopt;
    f[i] = *value;
  }
  const std::chrono::year_month_day date{std::chrono::year{f[0]},
                                         std::chrono::month{static_cast<unsigned>(f[1])},
                                         std::chrono::day{static_cast<unsigned>(f[2])}};
  if (!date.ok() || f[3] > 23 || f[4] > 59 || f[5] > 60) return std::nullopt;
  const auto offset = utc_offset_seconds(text.substr(19));
  if (!offset) return std::nullopt;
  const std::int64_t days = std::chrono::sys_days{date}.time_since_epoch().count();
  return days * 86'400 + f[3] * 3'600 + f[4] * 60 + f[5] - *offset;
}

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

std::optional<std::int64_t> activity_expires_at(std::string_view occurred_at, std::chrono::days retention) {
  const auto at = epoch_seconds(occurred_at);
  if (!at) return std::nullopt;
  return *at + std::chrono::duration_cast<std::chrono::seconds>(retention).count();
}

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
