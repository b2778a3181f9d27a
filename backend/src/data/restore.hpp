#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>

#include "core/result.hpp"
#include "data/backup_format.hpp"
#include "data/table.hpp"

namespace hub::data {

struct RestoreProgress {
  std::int64_t items = 0;  // lines of the file in the table, those of a resumed run included
  std::int64_t total = 0;  // the manifest's item count
  std::int64_t resumed_from = 0;
};

inline constexpr int kMaxRestoreWriters = 32;

struct RestoreOptions {
  std::filesystem::path in{};
  bool resume = true;             // continue from `<in>.restore-state.json` when it fits
  std::size_t chunk_items = 500;  // items per checkpoint
  int writers = 4;                // slices of a chunk written at once (1 to kMaxRestoreWriters)
  std::function<void(const RestoreProgress&)> on_progress{};  // after each chunk
  // Tests: fail after this many chunks, as an interrupted run would, keeping the checkpoint.
  std::optional<int> stop_after_chunks{};
};

struct RestoreResult {
  BackupManifest manifest{};
  std::int64_t items_written = 0;  // by this run
  std::int64_t resumed_from = 0;   // lines an earlier run had restored
  std::string checkpoint_note{};   // why a checkpoint that was there was not used; empty otherwise
  std::chrono::steady_clock::duration elapsed{};
};

// Checks a backup before anything is written: its manifest is there and valid, and the file has
// the manifest's size and SHA-256. The manifest, or BAD_REQUEST saying what is wrong.
[[nodiscard]] Result<BackupManifest> verify_backup(const std::filesystem::path& file);

// Writes every item of a verified backup into `target`, an existing table (not necessarily the
// one backed up), `chunk_items` at a time, each chunk by `writers` concurrent batch writers
// (DynamoDB's latency, not its work, bounds one writer). After each chunk a checkpoint
// (`<in>.restore-state.json`: table, the file's SHA-256, lines done) is replaced atomically; a
// later run for the same file and table resumes after those lines (items are put whole, so
// writing a line twice is harmless). At the end the lines read must equal the manifest's count
// and the streamed SHA-256 its digest; then the checkpoint is removed.
//
// Items already in `target` under other keys stay; items with the same keys are replaced.
[[nodiscard]] Result<RestoreResult> restore_table(const Table& target, const RestoreOptions& options);

}  // namespace hub::data
