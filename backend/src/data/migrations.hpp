#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "aws/attribute_value.hpp"
#include "core/result.hpp"
#include "data/table.hpp"

// Schema and data migrations: ordered, versioned steps written in code (data/migration_steps.cpp),
// applied forward only by MigrationRunner (data/migration_runner.hpp), with their state kept in
// the table itself under PK `MIGRATION` (docs/operations.md).
namespace hub::data {

// What a step may use while it runs, and how a backfill reports progress. A backfill resumes
// from checkpoint() and calls save_checkpoint() after every page, so a run that dies goes on
// from its last saved page instead of starting over.
class MigrationContext {
 public:
  // Saves progress: where the scan goes on (nullopt: finished) and the items written since the
  // previous save. Renews the lease at the same time; LEASE_HELD when the lease was lost.
  using SaveCheckpoint =
      std::function<Status(const std::optional<aws::Item>& next_start, std::int64_t written)>;
  // Renews the lease if a third of it has gone by since it was last renewed.
  using KeepAlive = std::function<Status()>;

  struct Settings {
    std::chrono::days activity_retention{180};  // storage.activity_retention
    int scan_page_size = 200;                   // items a backfill reads per page (Scan's Limit)
  };

  MigrationContext(const Table& table, Settings settings, std::optional<aws::Item> checkpoint = {},
                   std::int64_t items_processed = 0, SaveCheckpoint save = {}, KeepAlive keep_alive = {})
      : table_(table),
        settings_(settings),
        checkpoint_(std::move(checkpoint)),
        items_processed_(items_processed),
        save_(std::move(save)),
        keep_alive_(std::move(keep_alive)) {}

  [[nodiscard]] const Table& table() const noexcept { return table_; }
  [[nodiscard]] const Settings& settings() const noexcept { return settings_; }
  // Where a resumed backfill goes on (the ExclusiveStartKey); nullopt: from the beginning.
  [[nodiscard]] const std::optional<aws::Item>& checkpoint() const noexcept { return checkpoint_; }
  // Items this step has written so far, over every run of it.
  [[nodiscard]] std::int64_t items_processed() const noexcept { return items_processed_; }

  [[nodiscard]] Status save_checkpoint(const std::optional<aws::Item>& next_start, std::int64_t written);
  [[nodiscard]] Status keep_alive() const;

 private:
  const Table& table_;
  Settings settings_;
  std::optional<aws::Item> checkpoint_;
  std::int64_t items_processed_ = 0;
  SaveCheckpoint save_;
  KeepAlive keep_alive_;
};

// One step. Applying it twice must change nothing the second time (every write conditional),
// since a run that dies is resumed by running the step again from its last checkpoint.
struct Migration {
  int version = 0;     // 1, 2, 3, ... without gaps: the order steps apply in
  std::string name{};  // short and kebab-case: shown in plans and kept in the step record
  std::string description{};
  std::function<Status(MigrationContext&)> apply{};
  // For a dry run: how many items the step would write now. Absent: none (bookkeeping only).
  std::function<Result<std::int64_t>(const MigrationContext&)> count{};
};

// Every step this build knows, in version order (data/migration_steps.cpp).
[[nodiscard]] const std::vector<Migration>& migrations();

// INTERNAL unless versions run 1, 2, 3, ... in order, names are non-empty and unique, and each
// step can be applied.
[[nodiscard]] Status check_registry(const std::vector<Migration>& steps);

// What a run would do: the steps after `current` up to `to` (default: the latest).
struct MigrationPlan {
  int current = 0;
  int target = 0;
  std::vector<const Migration*> pending{};  // into the registry passed in
};

// INVALID_PARAMETER when `to` names no step (below 1 or past the latest) or lies below
// `current` (migrations only go forward); VERSION_CONFLICT when the table is at a version this
// build does not know (it was migrated by a newer one).
[[nodiscard]] Result<MigrationPlan> plan_migrations(const std::vector<Migration>& steps, int current,
                                                    std::optional<int> to);

}  // namespace hub::data
