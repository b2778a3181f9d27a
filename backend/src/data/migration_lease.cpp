#include "data/migration_lease.hpp"

#include <fmt/format.h>

#include "core/clock.hpp"
#include "data/keys.hpp"
#include "data/migration_state.hpp"
#include "data/storage_error.hpp"

namespace hub::data {
namespace {

namespace attr = migration_attr;
using aws::AttributeValue;
using aws::AwsErrc;

aws::dynamodb::AttributeNames lease_names() {
  return {{"#owner", std::string(attr::kOwner)}, {"#until", std::string(attr::kLeaseUntil)}};
}

// The lease as stored now; nullopt when there is none (or it cannot be read: the caller only
// uses it to say who holds the lease).
std::optional<MigrationLeaseRecord> stored_lease(const Table& table) {
  auto got = table.client().get_item(
      {.table = table.name(), .key = migration_key(keys::kMigrationLeaseSk), .consistent_read = true});
  if (!got || !got->has_value()) return std::nullopt;
  return lease_record_from_item(**got);
}

Error held_error(const MigrationLeaseRecord& lease) {
  return Error::make(
      ErrorCode::LEASE_HELD,
      fmt::format("Another migration runner holds the lease: {}. Wait for it to finish (or, if it "
                  "died, for the lease to run out) and run again.",
                  describe(lease)));
}

Error lost_error(const Table& table, std::string_view owner) {
  const auto lease = stored_lease(table);
  return Error::make(
      ErrorCode::LEASE_HELD,
      fmt::format("Runner {} lost the migration lease ({}), so it stopped; the steps it finished "
                  "stay applied and a later run resumes from the last checkpoint.",
                  owner, lease ? "now held by " + describe(*lease) : "another runner released it"));
}

}  // namespace

std::int64_t MigrationLease::now_ms() const {
  return std::chrono::duration_cast<std::chrono::milliseconds>(table_.clock().now().time_since_epoch())
      .count();
}

Status MigrationLease::acquire() {
  // Twice: a lease released between our write and our read of the holder is free again.
  for (int attempt = 0; attempt < 2; ++attempt) {
    const auto now = now_ms();
    auto item = migration_key(keys::kMigrationLeaseSk);
    item.insert_or_assign(std::string(keys::kEntity), AttributeValue::S(std::string(keys::kMigrationEntity)));
    item.insert_or_assign(std::string(attr::kOwner), AttributeValue::S(owner_));
    item.insert_or_assign(std::string(attr::kLeaseUntil), AttributeValue::N(now + duration_.count()));
    item.insert_or_assign(
        std::string(attr::kAcquiredAt),
        AttributeValue::S(core::to_rfc3339(core::SystemTime{std::chrono::milliseconds{now}})));
    auto put =
        table_.client().put_item({.table = table_.name(),
                                  .item = std::move(item),
                                  .expressions = {.condition = "attribute_not_exists(#pk) OR #until < :now",
                                                  .names = {{"#pk", std::string(keys::kPk)},
                                                            {"#until", std::string(attr::kLeaseUntil)}},
                                                  .values = {{":now", AttributeValue::N(now)}}}});
    if (put) {
      renewed_at_ms_ = now;
      return {};
    }
    if (put.error().code != AwsErrc::conditional_check_failed) {
      return storage_error(put.error(), "migrations.acquire_lease");
    }
    if (auto holder = stored_lease(table_)) return held_error(*holder);
  }
  return Error::make(ErrorCode::LEASE_HELD,
                     "Another migration runner held the lease a moment ago; try again.");
}

aws::dynamodb::TransactUpdate MigrationLease::renewal(std::int64_t now) const {
  return {.table = table_.name(),
          .key = migration_key(keys::kMigrationLeaseSk),
          .update = "SET #until = :until",
          .expressions = {.condition = "#owner = :me",
                          .names = lease_names(),
                          .values = {{":me", AttributeValue::S(owner_)},
                                     {":until", AttributeValue::N(now + duration_.count())}}}};
}

Status MigrationLease::renew() {
  const auto now = now_ms();
  auto renewal_update = renewal(now);
  auto updated = table_.client().update_item({.table = table_.name(),
                                              .key = std::move(renewal_update.key),
                                              .update = std::move(renewal_update.update),
                                              .expressions = std::move(renewal_update.expressions)});
  if (updated) {
    renewed_at_ms_ = now;
    return {};
  }
  if (updated.error().code == AwsErrc::conditional_check_failed) return lost_error(table_, owner_);
  return storage_error(updated.error(), "migrations.renew_lease");
}

Status MigrationLease::renew_if_due() {
  if (now_ms() - renewed_at_ms_ < duration_.count() / 3) return {};
  return renew();
}

Status MigrationLease::release() {
  auto deleted =
      table_.client().delete_item({.table = table_.name(),
                                   .key = migration_key(keys::kMigrationLeaseSk),
                                   .expressions = {.condition = "#owner = :me",
                                                   .names = {{"#owner", std::string(attr::kOwner)}},
                                                   .values = {{":me", AttributeValue::S(owner_)}}}});
  // A lease that is no longer ours is not ours to release.
  if (deleted || deleted.error().code == AwsErrc::conditional_check_failed) return {};
  return storage_error(deleted.error(), "migrations.release_lease");
}

Status MigrationLease::commit(std::vector<aws::dynamodb::TransactWriteItem> writes,
                              std::string_view operation) {
  const auto now = now_ms();
  aws::dynamodb::TransactWriteRequest request;
  request.items.reserve(writes.size() + 1);
  request.items.emplace_back(renewal(now));
  for (auto& write : writes) request.items.push_back(std::move(write));
  auto done = table_.client().transact_write(request);
  if (done) {
    renewed_at_ms_ = now;
    return {};
  }
  const auto& reasons = done.error().cancellation_reasons;
  if (done.error().code == AwsErrc::transaction_canceled && !reasons.empty() &&
      reasons.front().code == "ConditionalCheckFailed") {
    return lost_error(table_, owner_);
  }
  return storage_error(done.error(), operation);
}

}  // namespace hub::data
