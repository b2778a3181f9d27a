#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "aws/attribute_value.hpp"
#include "core/result.hpp"
#include "data/table.hpp"

// The migrations' own items, under PK `MIGRATION` (data/keys.hpp): the version the table is at
// (SK `STATE`), one record per step that has started (SK `STEP#0001`, ...) and the runners' lease
// (SK `LEASE`, data/migration_lease.hpp).
namespace hub::data {

inline constexpr std::string_view kStepRunning = "running";
inline constexpr std::string_view kStepApplied = "applied";

// Attribute names of these items.
namespace migration_attr {
inline constexpr std::string_view kCurrentVersion = "current_version";
inline constexpr std::string_view kUpdatedAt = "updated_at";
inline constexpr std::string_view kStepVersion = "version";
inline constexpr std::string_view kName = "name";
inline constexpr std::string_view kStatus = "status";
inline constexpr std::string_view kStartedAt = "started_at";
inline constexpr std::string_view kResumedAt = "resumed_at";
inline constexpr std::string_view kFinishedAt = "finished_at";
inline constexpr std::string_view kItemsProcessed = "items_processed";
inline constexpr std::string_view kCheckpoint = "checkpoint";
inline constexpr std::string_view kRunner = "runner";
inline constexpr std::string_view kOwner = "owner";
inline constexpr std::string_view kLeaseUntil = "lease_until";
inline constexpr std::string_view kAcquiredAt = "acquired_at";
}  // namespace migration_attr

struct MigrationStepRecord {
  int version = 0;
  std::string name{};
  std::string status{};  // kStepRunning or kStepApplied
  std::string started_at{};
  std::string resumed_at{};   // the last time a run went on from a checkpoint; empty if none did
  std::string finished_at{};  // empty while running
  std::int64_t items_processed = 0;
  std::optional<aws::Item> checkpoint{};  // the scan's LastEvaluatedKey a resumed run starts after
  std::string runner{};                   // the runner that last worked on the step
};

struct MigrationLeaseRecord {
  std::string owner{};
  std::int64_t lease_until_ms = 0;  // epoch milliseconds
  std::string acquired_at{};
};

struct MigrationState {
  int current_version = 0;  // 0: no step has been applied
  std::string updated_at{};
  std::vector<MigrationStepRecord> steps{};  // in version order
  std::optional<MigrationLeaseRecord> lease{};
};

// Every item under PK MIGRATION, read consistently.
[[nodiscard]] Result<MigrationState> read_migration_state(const Table& table);

// The key of one of these items: PK MIGRATION, SK `sort_key`.
[[nodiscard]] aws::Item migration_key(std::string_view sort_key);

[[nodiscard]] aws::Item step_record_item(const MigrationStepRecord& record);
[[nodiscard]] std::optional<MigrationStepRecord> step_record_from_item(const aws::Item& item);
[[nodiscard]] std::optional<MigrationLeaseRecord> lease_record_from_item(const aws::Item& item);

// A lease as people read it: "runner 01J... until 2026-01-31T09:00:30.000Z".
[[nodiscard]] std::string describe(const MigrationLeaseRecord& lease);

}  // namespace hub::data
