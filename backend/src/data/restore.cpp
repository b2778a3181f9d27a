#include "data/restore.hpp"

#include <algorithm>
#include <iterator>
#include <string_view>
#include <thread>
#include <unordered_set>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "core/clock.hpp"
#include "data/batch.hpp"
#include "data/gzip_file.hpp"
#include "data/local_file.hpp"
#include "data/table_status.hpp"

namespace hub::data {
namespace {

constexpr std::size_t kMaxSmallFileBytes = std::size_t{64} << 10U;
// A DynamoDB item is at most 400 KB; its JSON line (base64, escapes) stays well under this.
constexpr std::size_t kMaxLineBytes = std::size_t{8} << 20U;
constexpr std::size_t kMaxChunkItems = 10'000;
constexpr std::size_t kItemsPerCall = 25;  // BatchWriteItem's limit: no use in smaller slices

Error refused(const std::filesystem::path& file, std::string_view why) {
  return Error::make(ErrorCode::BAD_REQUEST, fmt::format("Refusing to restore {}: {}", file.string(), why));
}

// Writes a chunk as `writers` slices at once, each by BatchWriteItem calls one after another, so
// that round trips overlap. The chunk counts as written only when every slice is.
Status write_chunk(const Table& target, std::vector<aws::dynamodb::WriteRequest> chunk, int writers) {
  const auto slices = std::clamp<std::size_t>(static_cast<std::size_t>(writers), 1,
                                              (chunk.size() + kItemsPerCall - 1) / kItemsPerCall);
  std::vector<std::optional<Error>> failures(slices);
  const auto write_slice = [&](std::size_t slice) {
    const auto from = chunk.size() * slice / slices;
    const auto to = chunk.size() * (slice + 1) / slices;
    auto outcomes = batch_write(target,
                                {std::make_move_iterator(chunk.begin() + static_cast<std::ptrdiff_t>(from)),
                                 std::make_move_iterator(chunk.begin() + static_cast<std::ptrdiff_t>(to))},
                                "restore");
    if (!outcomes) {
      failures[slice] = std::move(outcomes).error();
      return;
    }
    const auto failed = std::ranges::find_if(*outcomes, [](const ItemWrite& w) { return !w.ok(); });
    if (failed != outcomes->end()) failures[slice] = std::move(*failed->error);
  };
  {
    std::vector<std::jthread> threads;
    for (std::size_t slice = 1; slice < slices; ++slice) threads.emplace_back(write_slice, slice);
    write_slice(0);
  }
  for (auto& failure : failures) {
    if (failure) return std::move(*failure);
  }
  return {};
}

struct StartPoint {
  std::int64_t lines_done = 0;
  std::string note{};
};

// Where to start: after the lines a checkpoint of this file and table records, else at the top.
Result<StartPoint> start_point(const Table& target, const RestoreOptions& options,
                               const BackupManifest& manifest) {
  const auto state_file = restore_state_path(options.in);
  std::error_code ec;
  if (!std::filesystem::exists(state_file, ec)) return StartPoint{};
  if (!options.resume) {
    if (auto removed = remove_if_present(state_file); !removed) return std::move(removed).error();
    return StartPoint{.lines_done = 0, .note = "An earlier restore's checkpoint was discarded, as asked."};
  }
  auto text = read_small_file(state_file, kMaxSmallFileBytes);
  if (!text) return std::move(text).error();
  auto checkpoint = parse_checkpoint(*text);
  if (!checkpoint) {
    return Error::make(
        ErrorCode::BAD_REQUEST,
        fmt::format("{} is not a usable checkpoint. {} Remove it, or restore without resuming.",
                    state_file.string(), checkpoint.error().detail));
  }
  if (checkpoint->sha256 != manifest.sha256) {
    return StartPoint{
        .lines_done = 0,
        .note = "The checkpoint found was for another backup file; starting at the first item."};
  }
  if (checkpoint->table != target.name()) {
    return StartPoint{
        .lines_done = 0,
        .note = fmt::format("The checkpoint found was for table {}; starting at the first item.",
                            checkpoint->table)};
  }
  if (checkpoint->lines_done > manifest.item_count) {
    return Error::make(ErrorCode::BAD_REQUEST,
                       fmt::format("{} counts more lines than the backup holds. Remove it, "
                                   "or restore without resuming.",
                                   state_file.string()));
  }
  return StartPoint{.lines_done = checkpoint->lines_done, .note = {}};
}

// One run over the file: lines become put requests, written a chunk at a time, each chunk
// followed by the checkpoint.
class RestoreRun {
 public:
  RestoreRun(const Table& target, const RestoreOptions& options, const BackupManifest& manifest,
             std::int64_t resumed_from)
      : target_(target),
        options_(options),
        manifest_(manifest),
        state_file_(restore_state_path(options.in)),
        resumed_from_(resumed_from),
        lines_read_(resumed_from),
        lines_done_(resumed_from) {}

  Status run() {
    auto reader = GzipLineReader::open(options_.in, kMaxLineBytes);
    if (!reader) return std::move(reader).error();
    if (auto skipped = skip_done_lines(*reader); !skipped) return skipped;
    report();
    for (;;) {
      auto line = reader->next_line();
      if (!line) return std::move(line).error();
      if (!*line) break;
      ++lines_read_;
      auto item = decode_item_line(**line);
      if (!item) return refused(options_.in, fmt::format("line {} is {}.", lines_read_, item.error().detail));
      if (auto added = add(std::move(item).value()); !added) return added;
    }
    if (auto flushed = flush(); !flushed) return flushed;
    if (auto checked = check_the_whole_file(reader->digest()); !checked) return checked;
    return remove_if_present(state_file_);
  }

  [[nodiscard]] std::int64_t written() const noexcept { return lines_done_ - resumed_from_; }

 private:
  Status skip_done_lines(GzipLineReader& reader) const {
    for (std::int64_t n = 0; n < resumed_from_; ++n) {
      auto line = reader.next_line();
      if (!line) return std::move(line).error();
      if (!*line) return refused(options_.in, "its checkpoint counts more lines than the file has.");
    }
    return {};
  }

  // The same key twice in one BatchWriteItem is refused whole, so a repeat starts a new chunk.
  Status add(aws::Item item) {
    auto key = key_text(item);
    if (chunk_keys_.contains(key)) {
      if (auto flushed = flush(); !flushed) return flushed;
    }
    chunk_keys_.insert(std::move(key));
    chunk_.emplace_back(aws::dynamodb::PutRequest{std::move(item)});
    if (chunk_.size() >= options_.chunk_items) return flush();
    return {};
  }

  Status flush() {
    if (chunk_.empty()) return {};
    const auto count = static_cast<std::int64_t>(chunk_.size());
    auto written = write_chunk(target_, std::exchange(chunk_, {}), options_.writers);
    chunk_keys_.clear();
    if (!written) return chunk_failed(count, std::move(written).error());
    lines_done_ += count;
    if (auto saved = save_checkpoint(); !saved) return saved;
    report();
    if (options_.stop_after_chunks && ++chunks_ >= *options_.stop_after_chunks) {
      return Error::make(ErrorCode::INTERNAL, fmt::format("Stopped after {} chunks, as asked.", chunks_));
    }
    return {};
  }

  Error chunk_failed(std::int64_t count, Error error) const {
    error.detail = fmt::format(
        "Writing lines {} to {} failed: {} The {} items restored before them are recorded in {}: run the "
        "same restore again to resume.",
        lines_done_ + 1, lines_done_ + count, error.detail, lines_done_, state_file_.string());
    return error;
  }

  Status save_checkpoint() const {
    const RestoreCheckpoint checkpoint{.format = std::string{kRestoreStateFormat},
                                       .format_version = kBackupFormatVersion,
                                       .table = target_.name(),
                                       .sha256 = manifest_.sha256,
                                       .lines_done = lines_done_,
                                       .item_count = manifest_.item_count,
                                       .updated_at = core::to_rfc3339(target_.clock().now())};
    return write_file_atomically(state_file_, checkpoint_json(checkpoint));
  }

  void report() const {
    if (options_.on_progress) options_.on_progress({lines_done_, manifest_.item_count, resumed_from_});
  }

  // What was read is exactly what the manifest describes (the file did not change under us).
  Status check_the_whole_file(const StreamDigest& digest) const {
    if (lines_read_ != manifest_.item_count) {
      return refused(options_.in, fmt::format("it holds {} items, and its manifest says {}.", lines_read_,
                                              manifest_.item_count));
    }
    if (digest.bytes != manifest_.data_bytes || digest.sha256 != manifest_.sha256) {
      return refused(options_.in, "it changed while it was being restored; its SHA-256 no longer matches.");
    }
    return {};
  }

  const Table& target_;
  const RestoreOptions& options_;
  const BackupManifest& manifest_;
  std::filesystem::path state_file_;
  std::int64_t resumed_from_;
  std::int64_t lines_read_;
  std::int64_t lines_done_;
  int chunks_ = 0;
  std::vector<aws::dynamodb::WriteRequest> chunk_;
  std::unordered_set<std::string> chunk_keys_;
};

}  // namespace

Result<BackupManifest> verify_backup(const std::filesystem::path& file) {
  const auto manifest_file = manifest_path(file);
  auto text = read_small_file(manifest_file, kMaxSmallFileBytes);
  if (!text) {
    return refused(file, fmt::format("{} A backup is complete only once its manifest ({}) is written.",
                                     text.error().detail, manifest_file.filename().string()));
  }
  auto manifest = parse_manifest(*text);
  if (!manifest) return refused(file, manifest.error().detail);
  auto digest = digest_file(file);
  if (!digest) return refused(file, digest.error().detail);
  if (digest->bytes != manifest->data_bytes) {
    return refused(file, fmt::format("it has {} bytes, and its manifest says {} (truncated or altered).",
                                     digest->bytes, manifest->data_bytes));
  }
  if (digest->sha256 != manifest->sha256) {
    return refused(file, fmt::format("its SHA-256 is {}, and its manifest says {} (damaged or altered).",
                                     digest->sha256, manifest->sha256));
  }
  return manifest;
}

Result<RestoreResult> restore_table(const Table& target, const RestoreOptions& options) {
  if (options.chunk_items < 1 || options.chunk_items > kMaxChunkItems) {
    return Error::make(ErrorCode::BAD_REQUEST, fmt::format("A chunk holds 1 to {} items.", kMaxChunkItems));
  }
  if (options.writers < 1 || options.writers > kMaxRestoreWriters) {
    return Error::make(ErrorCode::BAD_REQUEST, fmt::format("Writers must be 1 to {}.", kMaxRestoreWriters));
  }
  const auto started = std::chrono::steady_clock::now();
  auto manifest = verify_backup(options.in);
  if (!manifest) return std::move(manifest).error();
  if (auto described = describe_existing_table(target, "restore"); !described) {
    return std::move(described).error();
  }
  auto start = start_point(target, options, *manifest);
  if (!start) return std::move(start).error();

  RestoreRun run{target, options, *manifest, start->lines_done};
  if (auto done = run.run(); !done) return std::move(done).error();
  return RestoreResult{.manifest = std::move(manifest).value(),
                       .items_written = run.written(),
                       .resumed_from = start->lines_done,
                       .checkpoint_note = std::move(start->note),
                       .elapsed = std::chrono::steady_clock::now() - started};
}

}  // namespace hub::data
