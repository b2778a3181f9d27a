// hubctl migrate: see kUsage in hubctl.cpp and docs/operations.md.
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include <fmt/format.h>

#include "core/clock.hpp"
#include "core/text.hpp"
#include "data/migration_runner.hpp"
#include "data/migration_state.hpp"
#include "data/migrations.hpp"
#include "hubctl_commands.hpp"

namespace hub::apps::hubctl {
namespace {

constexpr std::string_view kMigrateUsage =
    "usage: hubctl migrate [--dry-run] [--to N] [--lease-seconds S]\n"
    "       hubctl migrate status\n";

// How often a long step reports its progress.
constexpr auto kProgressEvery = std::chrono::seconds{2};

struct MigrateArgs {
  bool status = false;
  bool dry_run = false;
  std::optional<int> to{};
  int lease_seconds = 30;
};

// The arguments, or why they are wrong.
Result<MigrateArgs, std::string> parse_args(std::span<char* const> args) {
  MigrateArgs parsed;
  const auto latest = static_cast<int>(data::migrations().size());
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string_view arg = args[i];
    const auto value = [&]() -> std::optional<std::string_view> {
      if (i + 1 >= args.size()) return std::nullopt;
      return std::string_view{args[++i]};
    };
    if (arg == "status" && i == 0 && args.size() == 1) {
      parsed.status = true;
    } else if (arg == "--dry-run") {
      parsed.dry_run = true;
    } else if (arg == "--to") {
      const auto text = value();
      parsed.to = text ? core::parse_number<int>(*text) : std::nullopt;
      if (!parsed.to || *parsed.to < 1 || *parsed.to > latest) {
        return fmt::format("--to needs a version from 1 to {} (the latest this build knows)", latest);
      }
    } else if (arg == "--lease-seconds") {
      const auto text = value();
      const auto seconds = text ? core::parse_number<int>(*text) : std::nullopt;
      if (!seconds || *seconds < 1 || *seconds > 3600) return std::string{"--lease-seconds needs 1 to 3600"};
      parsed.lease_seconds = *seconds;
    } else {
      return fmt::format("unexpected argument '{}'", arg);
    }
  }
  return parsed;
}

std::string step_label(int version, std::string_view name) { return fmt::format("{:04} {}", version, name); }

// Prints each step as it ends (a long one's progress now and then), so a run of several steps
// shows where it is.
class ProgressPrinter {
 public:
  void operator()(const data::MigrationEvent& event) {
    using Kind = data::MigrationEvent::Kind;
    const auto label = step_label(event.version, event.name);
    switch (event.kind) {
      case Kind::step_started:
        last_ = std::chrono::steady_clock::now();
        done_before_ = event.items_processed;
        if (event.resumed) {
          fmt::print("  {:<24} resuming from its checkpoint ({} items done before)\n", label, done_before_);
        }
        break;
      case Kind::checkpoint:
        if (std::chrono::steady_clock::now() - last_ >= kProgressEvery) {
          last_ = std::chrono::steady_clock::now();
          fmt::print("  {:<24} ... {} items so far\n", label, event.items_processed);
        }
        break;
      case Kind::step_applied:
        fmt::print(
            "  {:<24} applied: {} items in {} ms{}\n", label, event.items_processed - done_before_,
            event.elapsed.count(),
            event.resumed ? fmt::format(" (resumed; {} items over every run)", event.items_processed) : "");
        break;
    }
    (void)std::fflush(stdout);
  }

 private:
  std::chrono::steady_clock::time_point last_{};
  std::int64_t done_before_ = 0;
};

int print_status(const data::Table& table) {
  auto state = data::read_migration_state(table);
  if (!state) {
    fmt::print(stderr, "hubctl: migrate status: {}\n", state.error().detail);
    return 1;
  }
  const auto& steps = data::migrations();
  fmt::print("table {} is at version {} (this build knows up to {})\n", table.name(), state->current_version,
             steps.size());
  if (state->lease) {
    const auto now =
        std::chrono::duration_cast<std::chrono::milliseconds>(table.clock().now().time_since_epoch());
    fmt::print("lease: {}{}\n", data::describe(*state->lease),
               state->lease->lease_until_ms < now.count() ? " (run out: the next run takes over)" : "");
  } else {
    fmt::print("lease: free\n");
  }
  for (const auto& step : steps) {
    const auto label = step_label(step.version, step.name);
    const auto record = std::ranges::find(state->steps, step.version, &data::MigrationStepRecord::version);
    if (record == state->steps.end()) {
      fmt::print("  {:<24} pending\n", label);
      continue;
    }
    fmt::print("  {:<24} {:<8} {} items  started {}{}{}  runner {}{}\n", label, record->status,
               record->items_processed, record->started_at,
               record->resumed_at.empty() ? "" : "  resumed " + record->resumed_at,
               record->finished_at.empty() ? "" : "  finished " + record->finished_at, record->runner,
               record->checkpoint ? "  (a checkpoint is saved: the next run resumes there)" : "");
  }
  return 0;
}

void print_report(const data::Table& table, const data::MigrationReport& report) {
  if (report.dry_run) {
    if (report.steps.empty()) {
      fmt::print("dry run: table {} is up to date at version {}; nothing to apply\n", table.name(),
                 report.from_version);
      return;
    }
    fmt::print("dry run: table {} is at version {}; a run would apply {} step(s), up to version {}:\n",
               table.name(), report.from_version, report.steps.size(), report.to_version);
    for (const auto& step : report.steps) {
      fmt::print("  {:<24} would write {} items (counted in {} ms)\n", step_label(step.version, step.name),
                 step.items, step.duration.count());
    }
    fmt::print("dry run: nothing was written\n");
    return;
  }
  if (report.steps.empty()) {
    fmt::print("table {} is up to date at version {}\n", table.name(), report.to_version);
    return;
  }
  // Each step was printed as it ended (ProgressPrinter).
  fmt::print("table {} is at version {} (was {})\n", table.name(), report.to_version, report.from_version);
}

}  // namespace

int migrate(std::span<char* const> args) {
  auto parsed = parse_args(args);
  if (!parsed) {
    fmt::print(stderr, "hubctl: migrate: {}\n{}", parsed.error(), kMigrateUsage);
    return 2;
  }
  const auto service = service_with_storage();
  if (!service) return 1;
  const auto& table = *service->storage->data;
  if (parsed->status) return print_status(table);

  data::MigrationOptions options{.to_version = parsed->to,
                                 .dry_run = parsed->dry_run,
                                 .lease_duration = std::chrono::seconds{parsed->lease_seconds},
                                 .on_progress = ProgressPrinter{}};
  data::MigrationRunner runner{table, service->config.storage.activity_retention, std::move(options)};
  if (!parsed->dry_run) fmt::print("runner {} on table {}\n", runner.runner_id(), table.name());
  (void)std::fflush(stdout);
  auto report = runner.run();
  if (!report) {
    fmt::print(stderr, "hubctl: migrate: {} ({})\n", report.error().detail, name(report.error().code));
    return 1;
  }
  print_report(table, *report);
  return 0;
}

}  // namespace hub::apps::hubctl
