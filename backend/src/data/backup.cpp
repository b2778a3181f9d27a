#include "data/backup.hpp"

#include <mutex>
#include <optional>
#include <string>
#include <utility>

#include <fmt/format.h>

#include "core/clock.hpp"
#include "data/gzip_file.hpp"
#include "data/local_file.hpp"
#include "data/storage_error.hpp"
#include "data/table_status.hpp"

namespace hub::data {
namespace {

// Removes a file on scope exit unless told it is wanted: every failure path cleans up.
class DiscardUnlessKept {
 public:
  explicit DiscardUnlessKept(std::filesystem::path path) : path_(std::move(path)) {}
  DiscardUnlessKept(const DiscardUnlessKept&) = delete;
  DiscardUnlessKept& operator=(const DiscardUnlessKept&) = delete;
  DiscardUnlessKept(DiscardUnlessKept&&) = delete;
  DiscardUnlessKept& operator=(DiscardUnlessKept&&) = delete;
  ~DiscardUnlessKept() {
    std::error_code ec;
    if (!kept_) std::filesystem::remove(path_, ec);
  }
  void keep() noexcept { kept_ = true; }

 private:
  std::filesystem::path path_;
  bool kept_ = false;
};

// The pages of the scan, from its threads: encoded in parallel, compressed one at a time.
class PageWriter {
 public:
  PageWriter(GzipWriter& writer, const BackupOptions& options, std::int64_t estimated_total)
      : writer_(writer), options_(options), estimated_total_(estimated_total) {}

  aws::AwsStatus write(const aws::dynamodb::Page& page) {
    std::string lines;
    for (const auto& item : page.items) {
      lines += encode_item_line(item);
      lines += '\n';
    }
    const std::scoped_lock lock{mutex_};
    if (auto written = writer_.write(lines); !written) {
      failure_ = std::move(written).error();
      return aws::AwsError::make(aws::AwsErrc::unknown, "the backup file could not be written");
    }
    items_ += static_cast<std::int64_t>(page.items.size());
    if (options_.on_progress) options_.on_progress({items_, writer_.bytes_written(), estimated_total_});
    return {};
  }

  // Why the scan was stopped from here, if it was.
  [[nodiscard]] std::optional<Error> failure() && { return std::move(failure_); }
  [[nodiscard]] std::int64_t items() const noexcept { return items_; }

 private:
  GzipWriter& writer_;
  const BackupOptions& options_;
  std::int64_t estimated_total_;
  std::mutex mutex_;
  std::int64_t items_ = 0;
  std::optional<Error> failure_{};
};

Status check_options(const BackupOptions& options) {
  if (options.segments < 1 || options.segments > kMaxBackupSegments) {
    return Error::make(ErrorCode::BAD_REQUEST, fmt::format("Segments must be 1 to {}, not {}.",
                                                           kMaxBackupSegments, options.segments));
  }
  if (!options.out.has_filename()) {
    return Error::make(ErrorCode::BAD_REQUEST, fmt::format("{} does not name a file.", options.out.string()));
  }
  return {};
}

}  // namespace

Result<BackupResult> backup_table(const Table& table, const BackupOptions& options) {
  if (auto valid = check_options(options); !valid) return std::move(valid).error();
  const auto started = std::chrono::steady_clock::now();
  const auto created_at = core::to_rfc3339(table.clock().now());
  auto described = describe_existing_table(table, "backup");
  if (!described) return std::move(described).error();

  auto partial = options.out;
  partial += ".partial";
  DiscardUnlessKept discard{partial};
  auto writer = GzipWriter::create(partial);
  if (!writer) return std::move(writer).error();

  PageWriter pages{*writer, options, described->item_count};
  if (options.on_progress) options.on_progress({0, 0, described->item_count});
  const aws::dynamodb::ScanRequest request{.table = table.name(), .consistent_read = true};
  auto scanned = table.client().parallel_scan(
      request, options.segments,
      [&pages](int /*segment*/, const aws::dynamodb::Page& page) { return pages.write(page); });
  const auto item_count = pages.items();
  if (auto failure = std::move(pages).failure()) return std::move(*failure);
  if (!scanned) return storage_error(scanned.error(), "backup");

  auto digest = writer->finish();
  if (!digest) return std::move(digest).error();
  const auto manifest_file = manifest_path(options.out);
  // An older backup's manifest must not describe the new file, even for a moment.
  if (auto removed = remove_if_present(manifest_file); !removed) return std::move(removed).error();
  std::error_code ec;
  std::filesystem::rename(partial, options.out, ec);
  if (ec) return file_error(ErrorCode::INTERNAL, "replace", options.out, ec);
  discard.keep();

  BackupResult result{.manifest = {.format = std::string{kBackupFormat},
                                   .format_version = kBackupFormatVersion,
                                   .table = table.name(),
                                   .created_at = created_at,
                                   .completed_at = core::to_rfc3339(table.clock().now()),
                                   .data_file = options.out.filename().string(),
                                   .item_count = item_count,
                                   .data_bytes = digest->bytes,
                                   .sha256 = digest->sha256,
                                   .segments = options.segments},
                      .file = options.out,
                      .manifest_file = manifest_file,
                      .elapsed = {}};
  if (auto written = write_file_atomically(manifest_file, manifest_json(result.manifest)); !written) {
    return std::move(written).error();
  }
  result.elapsed = std::chrono::steady_clock::now() - started;
  return result;
}

}  // namespace hub::data
