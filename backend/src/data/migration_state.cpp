#include "data/migration_state.hpp"

#include <algorithm>
#include <chrono>

#include <fmt/format.h>

#include "core/clock.hpp"
#include "data/item_codec.hpp"
#include "data/item_helpers.hpp"
#include "data/keys.hpp"
#include "data/storage_error.hpp"

namespace hub::data {
namespace {

namespace attr = migration_attr;
using aws::AttributeValue;

std::string text_or_empty(const aws::Item& item, std::string_view name) {
  return std::string(string_attribute(item, name).value_or(""));
}

void put_text(aws::Item& item, std::string_view name, const std::string& value) {
  if (!value.empty()) item.insert_or_assign(std::string(name), AttributeValue::S(value));
}

}  // namespace

aws::Item migration_key(std::string_view sort_key) {
  return detail::item_key(std::string(keys::kMigrationPk), std::string(sort_key));
}

aws::Item step_record_item(const MigrationStepRecord& record) {
  auto item = migration_key(keys::migration_step_sk(record.version));
  item.insert_or_assign(std::string(keys::kEntity), AttributeValue::S(std::string(keys::kMigrationEntity)));
  item.insert_or_assign(std::string(attr::kStepVersion), AttributeValue::N(record.version));
  item.insert_or_assign(std::string(attr::kItemsProcessed), AttributeValue::N(record.items_processed));
  put_text(item, attr::kName, record.name);
  put_text(item, attr::kStatus, record.status);
  put_text(item, attr::kStartedAt, record.started_at);
  put_text(item, attr::kResumedAt, record.resumed_at);
  put_text(item, attr::kFinishedAt, record.finished_at);
  put_text(item, attr::kRunner, record.runner);
  if (record.checkpoint)
    item.insert_or_assign(std::string(attr::kCheckpoint), AttributeValue::M(*record.checkpoint));
  return item;
}

std::optional<MigrationStepRecord> step_record_from_item(const aws::Item& item) {
  const auto version = integer_attribute(item, attr::kStepVersion);
  if (!version) return std::nullopt;
  MigrationStepRecord record{.version = static_cast<int>(*version),
                             .name = text_or_empty(item, attr::kName),
                             .status = text_or_empty(item, attr::kStatus),
                             .started_at = text_or_empty(item, attr::kStartedAt),
                             .resumed_at = text_or_empty(item, attr::kResumedAt),
                             .finished_at = text_or_empty(item, attr::kFinishedAt),
                             .items_processed = integer_attribute(item, attr::kItemsProcessed).value_or(0),
                             .runner = text_or_empty(item, attr::kRunner)};
  if (const auto it = item.find(attr::kCheckpoint); it != item.end() && it->second.as_map() != nullptr) {
    record.checkpoint = *it->second.as_map();
  }
  return record;
}

std::optional<MigrationLeaseRecord> lease_record_from_item(const aws::Item& item) {
  const auto owner = string_attribute(item, attr::kOwner);
  const auto until = integer_attribute(item, attr::kLeaseUntil);
  if (!owner || !until) return std::nullopt;
  return MigrationLeaseRecord{.owner = std::string(*owner),
                              .lease_until_ms = *until,
                              .acquired_at = text_or_empty(item, attr::kAcquiredAt)};
}

std::string describe(const MigrationLeaseRecord& lease) {
  const core::SystemTime until{std::chrono::milliseconds{lease.lease_until_ms}};
  return fmt::format("runner {} until {}", lease.owner, core::to_rfc3339(until));
}

Result<MigrationState> read_migration_state(const Table& table) {
  aws::dynamodb::QueryRequest query{
      .table = table.name(),
      .key_condition = "#pk = :pk",
      .expressions = {.condition = {},
                      .names = {{"#pk", std::string(keys::kPk)}},
                      .values = {{":pk", AttributeValue::S(std::string(keys::kMigrationPk))}}},
      .consistent_read = true};
  MigrationState state;
  for (;;) {
    auto page = table.client().query(query);
    if (!page) return storage_error(page.error(), "migrations.read_state");
    for (const auto& item : page->items) {
      const auto sort_key = string_attribute(item, keys::kSk).value_or("");
      if (sort_key == keys::kMigrationStateSk) {
        state.current_version = static_cast<int>(integer_attribute(item, attr::kCurrentVersion).value_or(0));
        state.updated_at = text_or_empty(item, attr::kUpdatedAt);
      } else if (sort_key == keys::kMigrationLeaseSk) {
        state.lease = lease_record_from_item(item);
      } else if (auto record = step_record_from_item(item)) {
        state.steps.push_back(std::move(*record));
      }
    }
    if (!page->last_evaluated_key) break;
    query.exclusive_start_key = std::move(page->last_evaluated_key);
  }
  std::ranges::sort(state.steps, {}, &MigrationStepRecord::version);
  return state;
}

}  // namespace hub::data
