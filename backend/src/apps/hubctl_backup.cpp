// hubctl backup / restore: see kUsage in hubctl.cpp and docs/operations.md.
#include <chrono>
#include <cstdio>
#include <optional>
#include <string>
#include <string_view>

#include <fmt/format.h>

#include "apps/common/progress.hpp"
#include "core/text.hpp"
#include "data/backup.hpp"
#include "data/restore.hpp"
#include "hubctl_commands.hpp"

namespace hub::apps::hubctl {
namespace {

constexpr std::string_view kBackupUsage = "usage: hubctl backup --out FILE [--segments N]\n";
constexpr std::string_view kRestoreUsage = "usage: hubctl restore --in FILE [--table T] [--no-resume]\n";

// What the words after the command asked for; `exit_code` is set when the command should end
// at once (2 after bad usage, 0 after --help).
struct Args {
  std::string file{};
  std::string table{};
  int segments = 4;
  bool resume = true;
  std::optional<int> exit_code{};
};

Args bad_usage(std::string_view command, std::string_view problem, std::string_view usage) {
  fmt::print(stderr, "hubctl {}: {}\n{}", command, problem, usage);
  return Args{.exit_code = 2};
}

// `file_option` is --out or --in; backup takes --segments, restore --table and --no-resume.
Args parse(std::string_view command, std::span<char* const> args) {
  const bool backup = command == "backup";
  const std::string_view file_option = backup ? "--out" : "--in";
  const auto usage = backup ? kBackupUsage : kRestoreUsage;
  Args parsed;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string_view arg = args[i];
    const bool has_value = i + 1 < args.size();
    if (arg == "--help" || arg == "-h") {
      fmt::print("{}", usage);
      return Args{.exit_code = 0};
    }
    if (arg == file_option && has_value) {
      parsed.file = args[++i];
    } else if (backup && arg == "--segments" && has_value) {
      const auto segments = core::parse_number<int>(args[++i]);
      if (!segments || *segments < 1 || *segments > data::kMaxBackupSegments) {
        return bad_usage(
            command, fmt::format("--segments takes a number from 1 to {}", data::kMaxBackupSegments), usage);
      }
      parsed.segments = *segments;
    } else if (!backup && arg == "--table" && has_value) {
      parsed.table = args[++i];
    } else if (!backup && arg == "--no-resume") {
      parsed.resume = false;
    } else {
      return bad_usage(command, fmt::format("unexpected argument '{}'", arg), usage);
    }
  }
  if (parsed.file.empty()) return bad_usage(command, fmt::format("{} FILE is required", file_option), usage);
  return parsed;
}

double seconds_of(std::chrono::steady_clock::duration elapsed) {
  return std::chrono::duration<double>(elapsed).count();
}

std::int64_t per_second(std::int64_t count, double seconds) {
  return seconds > 0 ? static_cast<std::int64_t>(static_cast<double>(count) / seconds) : count;
}

int failed(std::string_view command, std::optional<Progress>& progress, const Error& error) {
  if (progress) progress->abandon();
  fmt::print(stderr, "hubctl: {} failed: {}\n", command, error.detail);
  return 1;
}

}  // namespace

int backup(std::span<char* const> args) {
  const auto parsed = parse("backup", args);
  if (parsed.exit_code) return *parsed.exit_code;
  const auto service = service_with_storage();
  if (!service) return 1;
  const auto& table = *service->storage->data;

  std::optional<Progress> progress;
  const data::BackupOptions options{
      .out = parsed.file, .segments = parsed.segments, .on_progress = [&](const data::BackupProgress& p) {
        // The first report, before the scan, brings DescribeTable's estimate of the total.
        if (!progress) {
          progress.emplace(
              Progress::Options{.label = "backup", .total = p.estimated_total, .approximate = true});
        }
        progress->update(p.items);
      }};
  auto result = data::backup_table(table, options);
  if (!result) return failed("backup", progress, result.error());
  const auto& m = result->manifest;
  if (progress) progress->finish(m.item_count);
  const double seconds = seconds_of(result->elapsed);
  fmt::print(
      "backup complete: table {}, {} items, {} bytes ({}), {:.2f} s, {} items/s, sha256 {}, file {}, "
      "manifest {}\n",
      m.table, m.item_count, m.data_bytes, human_bytes(m.data_bytes), seconds,
      per_second(m.item_count, seconds), m.sha256, result->file.string(), result->manifest_file.string());
  return 0;
}

int restore(std::span<char* const> args) {
  const auto parsed = parse("restore", args);
  if (parsed.exit_code) return *parsed.exit_code;
  const auto service = service_with_storage();
  if (!service) return 1;
  const auto& storage = *service->storage;
  // --table: another existing table, reached with the same client and settings.
  const std::optional<data::Table> other =
      parsed.table.empty() ? std::nullopt
                           : std::optional<data::Table>{std::in_place, *storage.dynamodb, parsed.table,
                                                        storage.pagination_key};
  const auto& target = other ? *other : *storage.data;

  std::optional<Progress> progress;
  const data::RestoreOptions options{
      .in = parsed.file,
      .resume = parsed.resume,
      .on_progress =
          [&](const data::RestoreProgress& p) {
            // The first report comes once the file is verified, before the first write.
            if (!progress) {
              progress.emplace(
                  Progress::Options{.label = "restore", .total = p.total, .baseline = p.resumed_from});
              if (p.resumed_from > 0) {
                fmt::print(stderr, "restore: resuming after line {} of {}\n", p.resumed_from, p.total);
              }
            }
            progress->update(p.items);
          },
  };
  auto result = data::restore_table(target, options);
  if (!result) return failed("restore", progress, result.error());
  const auto& m = result->manifest;
  if (progress) progress->finish(m.item_count);
  if (!result->checkpoint_note.empty()) fmt::print(stderr, "restore: {}\n", result->checkpoint_note);
  const double seconds = seconds_of(result->elapsed);
  fmt::print(
      "restore complete: table {}, {} items ({} written now, {} by an earlier run), {:.2f} s, {} items/s, "
      "count and sha256 {} verified, file {}\n",
      target.name(), m.item_count, result->items_written, result->resumed_from, seconds,
      per_second(result->items_written, seconds), m.sha256, parsed.file);
  return 0;
}

}  // namespace hub::apps::hubctl
