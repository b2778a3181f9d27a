#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "data/migration_lease.hpp"
#include "data/migration_state.hpp"
#include "data/migrations.hpp"
#include "data/table.hpp"

namespace hub::data {

// Something a run did, as it happens (for a command's progress output).
struct MigrationEvent {
  enum class Kind : std::uint8_t { step_started, checkpoint, step_applied };
  Kind kind = Kind::step_started;
  int version = 0;
  std::string_view name{};
  std::int64_t items_processed = 0;     // by this step so far, over every run of it
  bool resumed = false;                 // the step went on from an earlier run's checkpoint
  std::chrono::milliseconds elapsed{};  // since this run started the step
};

struct MigrationOptions {
  std::optional<int> to_version{};  // apply up to this version; default: the latest
  bool dry_run = false;             // report the plan and what it would touch; write nothing
  std::chrono::milliseconds lease_duration{std::chrono::seconds{30}};
  std::string runner_id{};   // names this runner in the lease and step records; default: a new ULID
  int scan_page_size = 200;  // items a backfill reads between checkpoints
  std::function<void(const MigrationEvent&)> on_progress{};
  // Tests only: stop right after this many saved checkpoints, as a crash would: the lease is
  // kept and the step stays `running`.
  std::optional<int> stop_after_checkpoints{};
};

// One step of a report: applied by this run, or (dry run) pending.
struct MigrationStepOutcome {
  int version = 0;
  std::string name{};
  std::int64_t items = 0;        // written by this run (dry run: that it would write now)
  std::int64_t items_total = 0;  // written by the step over every run of it
  bool resumed = false;
  std::chrono::milliseconds duration{};
};

struct MigrationReport {
  int from_version = 0;
  int to_version = 0;  // reached (dry run: that would be reached)
  bool dry_run = false;
  std::string runner_id{};
  std::vector<MigrationStepOutcome> steps{};  // empty when the table was up to date
};

// Applies the pending steps in order under the lease (data/migration_lease.hpp), recording each
// step's progress and the table's version in the table. Re-running when up to date writes
// nothing. Errors: LEASE_HELD (another runner holds or took the lease), INVALID_PARAMETER (a bad
// `to_version`), VERSION_CONFLICT (the table is newer than this build), or a step's failure.
class MigrationRunner {
 public:
  MigrationRunner(const Table& table, std::chrono::days activity_retention, MigrationOptions options = {},
                  const std::vector<Migration>& steps = migrations());

  [[nodiscard]] Result<MigrationReport> run();

  [[nodiscard]] const std::string& runner_id() const noexcept { return options_.runner_id; }

 private:
  [[nodiscard]] Result<MigrationReport> dry_run(const MigrationPlan& plan) const;
  [[nodiscard]] Result<MigrationReport> apply(MigrationReport report);
  [[nodiscard]] Status apply_pending(MigrationLease& lease, MigrationReport& report);
  [[nodiscard]] Result<MigrationStepOutcome> apply_step(MigrationLease& lease, const Migration& step,
                                                        const std::optional<MigrationStepRecord>& record);
  [[nodiscard]] Status after_checkpoint(const Migration& step, std::int64_t total, bool resumed,
                                        std::chrono::steady_clock::time_point started);
  [[nodiscard]] MigrationContext::Settings settings() const;
  void notify(const MigrationEvent& event) const;

  const Table& table_;
  std::chrono::days activity_retention_;
  MigrationOptions options_;
  const std::vector<Migration>& steps_;
  int checkpoints_saved_ = 0;
  bool stopped_ = false;  // the test hook stopped the run
};

}  // namespace hub::data
