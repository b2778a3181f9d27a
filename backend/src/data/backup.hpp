#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>

#include "core/result.hpp"
#include "data/backup_format.hpp"
#include "data/table.hpp"

namespace hub::data {

struct BackupProgress {
  std::int64_t items = 0;  // written to the file so far
  std::int64_t bytes = 0;  // compressed bytes so far
  // DescribeTable's item count when the backup started; DynamoDB refreshes it about every six
  // hours, so it is an estimate (0 when it has none).
  std::int64_t estimated_total = 0;
};

inline constexpr int kMaxBackupSegments = 64;

struct BackupOptions {
  std::filesystem::path out{};
  int segments = 4;  // parallel scan segments, one thread each (1 to kMaxBackupSegments)
  // Once before the scan, then after each page: from the scan's threads, never two at once.
  std::function<void(const BackupProgress&)> on_progress{};
};

struct BackupResult {
  BackupManifest manifest{};
  std::filesystem::path file{};
  std::filesystem::path manifest_file{};
  std::chrono::steady_clock::duration elapsed{};
};

// Reads the whole table with a parallel scan (strongly consistent pages) into `out`: one item
// per line in DynamoDB JSON, gzip. The data goes to `<out>.partial` first and is renamed to
// `out` once complete and synced; the manifest (`<out>.manifest.json`, manifest_path) is written
// last, atomically, so a backup that has one is whole. An older manifest at that path is removed
// before `out` is replaced.
//
// A scan is not a snapshot: an item written while it runs may or may not be in the file (point-in-
// time recovery is the consistent alternative; docs/operations.md compares them).
[[nodiscard]] Result<BackupResult> backup_table(const Table& table, const BackupOptions& options);

}  // namespace hub::data
