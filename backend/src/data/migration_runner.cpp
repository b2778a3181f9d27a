#include "data/migration_runner.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "core/clock.hpp"
#include "core/ulid.hpp"
#include "data/item_helpers.hpp"
#include "data/keys.hpp"

namespace hub::data {
namespace {

namespace attr = migration_attr;
using aws::AttributeValue;
using aws::dynamodb::TransactPut;
using aws::dynamodb::TransactUpdate;
using SteadyClock = std::chrono::steady_clock;

std::chrono::milliseconds since(SteadyClock::time_point started) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(SteadyClock::now() - started);
}

using detail::now_text;

// The step record's first write: `running`, nothing processed yet.
TransactPut start_step(const Table& table, const Migration& step, const std::string& runner) {
  const MigrationStepRecord record{.version = step.version,
                                   .name = step.name,
                                   .status = std::string(kStepRunning),
                                   .started_at = now_text(table),
                                   .runner = runner};
  return {
      .table = table.name(),
      .item = step_record_item(record),
      .expressions = {.condition = "attribute_not_exists(#pk)", .names = {{"#pk", std::string(keys::kPk)}}}};
}

// A run going on with a step an earlier run started.
TransactUpdate resume_step(const Table& table, const Migration& step, const std::string& runner) {
  return {.table = table.name(),
          .key = migration_key(keys::migration_step_sk(step.version)),
          .update = "SET #status = :running, #runner = :me, #resumed = :now",
          .expressions = {.condition = {},
                          .names = {{"#status", std::string(attr::kStatus)},
                                    {"#runner", std::string(attr::kRunner)},
                                    {"#resumed", std::string(attr::kResumedAt)}},
                          .values = {{":running", AttributeValue::S(std::string(kStepRunning))},
                                     {":me", AttributeValue::S(runner)},
                                     {":now", AttributeValue::S(now_text(table))}}}};
}

// Progress: how many items so far and where the scan goes on (none: it is finished).
TransactUpdate save_progress(const Table& table, const Migration& step, const std::string& runner,
                             std::int64_t total, const std::optional<aws::Item>& next_start) {
  TransactUpdate update{
      .table = table.name(),
      .key = migration_key(keys::migration_step_sk(step.version)),
      .update = "SET #items = :items, #runner = :me",
      .expressions = {.condition = {},
                      .names = {{"#items", std::string(attr::kItemsProcessed)},
                                {"#runner", std::string(attr::kRunner)},
                                {"#checkpoint", std::string(attr::kCheckpoint)}},
                      .values = {{":items", AttributeValue::N(total)}, {":me", AttributeValue::S(runner)}}}};
  if (next_start) {
    update.update += ", #checkpoint = :checkpoint";
    update.expressions.values.emplace(":checkpoint", AttributeValue::M(*next_start));
  } else {
    update.update += " REMOVE #checkpoint";
  }
  return update;
}

TransactUpdate finish_step(const Table& table, const Migration& step, const std::string& runner,
                           std::int64_t total) {
  return {
      .table = table.name(),
      .key = migration_key(keys::migration_step_sk(step.version)),
      .update = "SET #status = :applied, #finished = :now, #items = :items, #runner = :me REMOVE #checkpoint",
      .expressions = {.condition = {},
                      .names = {{"#status", std::string(attr::kStatus)},
                                {"#finished", std::string(attr::kFinishedAt)},
                                {"#items", std::string(attr::kItemsProcessed)},
                                {"#runner", std::string(attr::kRunner)},
                                {"#checkpoint", std::string(attr::kCheckpoint)}},
                      .values = {{":applied", AttributeValue::S(std::string(kStepApplied))},
                                 {":now", AttributeValue::S(now_text(table))},
                                 {":items", AttributeValue::N(total)},
                                 {":me", AttributeValue::S(runner)}}}};
}

// The table's version moves to the step's, and never back.
TransactUpdate advance_state(const Table& table, const Migration& step) {
  return {.table = table.name(),
          .key = migration_key(keys::kMigrationStateSk),
          .update = "SET #version = :version, #updated = :now, #entity = :entity",
          .expressions = {.condition = "attribute_not_exists(#version) OR #version < :version",
                          .names = {{"#version", std::string(attr::kCurrentVersion)},
                                    {"#updated", std::string(attr::kUpdatedAt)},
                                    {"#entity", std::string(keys::kEntity)}},
                          .values = {{":version", AttributeValue::N(step.version)},
                                     {":now", AttributeValue::S(now_text(table))},
                                     {":entity", AttributeValue::S(std::string(keys::kMigrationEntity))}}}};
}

}  // namespace

MigrationRunner::MigrationRunner(const Table& table, std::chrono::days activity_retention,
                                 MigrationOptions options, const std::vector<Migration>& steps)
    : table_(table), activity_retention_(activity_retention), options_(std::move(options)), steps_(steps) {
  if (options_.runner_id.empty()) options_.runner_id = core::new_ulid();
}

MigrationContext::Settings MigrationRunner::settings() const {
  return {.activity_retention = activity_retention_, .scan_page_size = options_.scan_page_size};
}

void MigrationRunner::notify(const MigrationEvent& event) const {
  if (options_.on_progress) options_.on_progress(event);
}

Result<MigrationReport> MigrationRunner::run() {
  if (auto valid = check_registry(steps_); !valid) return std::move(valid).error();
  if (options_.lease_duration.count() < 1 || options_.scan_page_size < 1) {
    return Error::make(ErrorCode::INVALID_PARAMETER,
                       "The lease duration and the scan page size must be positive.");
  }
  auto state = read_migration_state(table_);
  if (!state) return std::move(state).error();
  auto plan = plan_migrations(steps_, state->current_version, options_.to_version);
  if (!plan) return std::move(plan).error();
  if (options_.dry_run) return dry_run(*plan);
  MigrationReport report{
      .from_version = plan->current, .to_version = plan->current, .runner_id = runner_id()};
  if (plan->pending.empty()) return report;  // up to date: no lease, no writes
  return apply(std::move(report));
}

Result<MigrationReport> MigrationRunner::dry_run(const MigrationPlan& plan) const {
  MigrationReport report{
      .from_version = plan.current, .to_version = plan.target, .dry_run = true, .runner_id = runner_id()};
  const MigrationContext context{table_, settings()};
  for (const auto* step : plan.pending) {
    const auto started = SteadyClock::now();
    std::int64_t items = 0;
    if (step->count) {
      auto counted = step->count(context);
      if (!counted) return std::move(counted).error();
      items = *counted;
    }
    report.steps.push_back(
        {.version = step->version, .name = step->name, .items = items, .duration = since(started)});
  }
  return report;
}

Result<MigrationReport> MigrationRunner::apply(MigrationReport report) {
  MigrationLease lease{table_, options_.runner_id, options_.lease_duration};
  if (auto acquired = lease.acquire(); !acquired) return std::move(acquired).error();
  auto applied = apply_pending(lease, report);
  if (stopped_) return std::move(applied).error();  // as if the process died: the lease stays
  auto released = lease.release();
  if (!applied) return std::move(applied).error();
  if (!released) return std::move(released).error();
  return report;
}

Status MigrationRunner::apply_pending(MigrationLease& lease, MigrationReport& report) {
  // Read again under the lease: another runner may have gone on since the first read.
  auto state = read_migration_state(table_);
  if (!state) return std::move(state).error();
  auto plan = plan_migrations(steps_, state->current_version, options_.to_version);
  if (!plan) return std::move(plan).error();
  report.from_version = report.to_version = plan->current;
  for (const auto* step : plan->pending) {
    const auto found = std::ranges::find(state->steps, step->version, &MigrationStepRecord::version);
    const auto record = found == state->steps.end() ? std::nullopt : std::optional{*found};
    auto outcome = apply_step(lease, *step, record);
    if (!outcome) return std::move(outcome).error();
    report.steps.push_back(std::move(outcome).value());
    report.to_version = step->version;
  }
  return {};
}

Result<MigrationStepOutcome> MigrationRunner::apply_step(MigrationLease& lease, const Migration& step,
                                                         const std::optional<MigrationStepRecord>& record) {
  const auto started = SteadyClock::now();
  const bool resumed = record.has_value();
  const auto& me = options_.runner_id;
  const std::int64_t before = record ? record->items_processed : 0;
  std::int64_t total = before;

  constexpr std::string_view operation = "migrations.start_step";
  auto begun = resumed ? lease.commit({resume_step(table_, step, me)}, operation)
                       : lease.commit({start_step(table_, step, me)}, operation);
  if (!begun) return std::move(begun).error();
  notify({.kind = MigrationEvent::Kind::step_started,
          .version = step.version,
          .name = step.name,
          .items_processed = total,
          .resumed = resumed});

  MigrationContext context{table_,
                           settings(),
                           record ? record->checkpoint : std::nullopt,
                           before,
                           [&](const std::optional<aws::Item>& next_start, std::int64_t written) -> Status {
                             total += written;
                             auto saved = lease.commit({save_progress(table_, step, me, total, next_start)},
                                                       "migrations.checkpoint");
                             if (!saved) return saved;
                             return after_checkpoint(step, total, resumed, started);
                           },
                           [&lease] { return lease.renew_if_due(); }};
  if (auto applied = step.apply(context); !applied) return std::move(applied).error();

  // The step's record and the table's version change together.
  auto finished = lease.commit({finish_step(table_, step, me, total), advance_state(table_, step)},
                               "migrations.finish_step");
  if (!finished) return std::move(finished).error();
  const auto duration = since(started);
  notify({.kind = MigrationEvent::Kind::step_applied,
          .version = step.version,
          .name = step.name,
          .items_processed = total,
          .resumed = resumed,
          .elapsed = duration});
  return MigrationStepOutcome{.version = step.version,
                              .name = step.name,
                              .items = total - before,
                              .items_total = total,
                              .resumed = resumed,
                              .duration = duration};
}

Status MigrationRunner::after_checkpoint(const Migration& step, std::int64_t total, bool resumed,
                                         SteadyClock::time_point started) {
  ++checkpoints_saved_;
  notify({.kind = MigrationEvent::Kind::checkpoint,
          .version = step.version,
          .name = step.name,
          .items_processed = total,
          .resumed = resumed,
          .elapsed = since(started)});
  if (options_.stop_after_checkpoints && checkpoints_saved_ >= *options_.stop_after_checkpoints) {
    stopped_ = true;
    return Error::make(
        ErrorCode::INTERNAL,
        fmt::format("Stopped after {} checkpoints, as asked; the lease is kept.", checkpoints_saved_));
  }
  return {};
}

}  // namespace hub::data
