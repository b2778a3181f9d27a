#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

#include <boost/describe.hpp>

#include "aws/attribute_value.hpp"
#include "core/result.hpp"
#include "models/model.hpp"

// The files of a backup (docs/operations.md describes them for operators):
//   FILE                       gzip of JSON Lines: one item per line, in DynamoDB JSON
//                              ({"PK":{"S":"USER#1"},"version":{"N":"3"},...}), lossless for every type
//   FILE.manifest.json         written last, so a backup without one is incomplete: what FILE holds,
//                              its size and its SHA-256
//   FILE.restore-state.json    while a restore of FILE runs: how far it got, to resume from
namespace hub::data {

inline constexpr std::string_view kBackupFormat = "igad-hub-dynamodb-backup";
inline constexpr std::string_view kRestoreStateFormat = "igad-hub-restore-state";
inline constexpr int kBackupFormatVersion = 1;

struct BackupManifest {
  std::string format{};
  int format_version = 0;
  std::string table{};         // the table it was read from
  std::string created_at{};    // when the scan started, RFC 3339 UTC
  std::string completed_at{};  // when the file was complete
  std::string data_file{};     // FILE's name, without its folder
  std::int64_t item_count = 0;
  std::int64_t data_bytes = 0;  // FILE's size
  std::string sha256{};         // of FILE (the gzip bytes), lowercase hex
  int segments = 0;             // of the parallel scan that read it
};
BOOST_DESCRIBE_STRUCT(BackupManifest, (),
                      (format, format_version, table, created_at, completed_at, data_file, item_count,
                       data_bytes, sha256, segments))

// Where a restore got to: lines_done lines of the file with this SHA-256 are in `table`.
struct RestoreCheckpoint {
  std::string format{};
  int format_version = 0;
  std::string table{};
  std::string sha256{};
  std::int64_t lines_done = 0;
  std::int64_t item_count = 0;
  std::string updated_at{};
};
BOOST_DESCRIBE_STRUCT(RestoreCheckpoint, (),
                      (format, format_version, table, sha256, lines_done, item_count, updated_at))

// The JSON documents, one field a line (people read manifests), ending in a newline.
[[nodiscard]] std::string manifest_json(const BackupManifest& manifest);
[[nodiscard]] std::string checkpoint_json(const RestoreCheckpoint& checkpoint);

// Strict: valid JSON, no unknown or missing fields, the right types, this format and version, a
// 64-digit hex SHA-256, counts not negative. BAD_REQUEST saying every problem found.
[[nodiscard]] Result<BackupManifest> parse_manifest(std::string_view text);
[[nodiscard]] Result<RestoreCheckpoint> parse_checkpoint(std::string_view text);

// One item as one line of DynamoDB JSON (no newline; JSON escapes any in the values).
[[nodiscard]] std::string encode_item_line(const aws::Item& item);
// The item of one line: BAD_REQUEST when the line is not one item in DynamoDB JSON.
[[nodiscard]] Result<aws::Item> decode_item_line(std::string_view line);

[[nodiscard]] std::filesystem::path manifest_path(const std::filesystem::path& backup_file);
[[nodiscard]] std::filesystem::path restore_state_path(const std::filesystem::path& backup_file);

}  // namespace hub::data

namespace hub::models {

HUB_MODEL(data::BackupManifest, "The manifest of a table backup (FILE.manifest.json).",
          field("format").one_of({data::kBackupFormat}), field("format_version").minimum(1),
          field("table").min_length(1).max_length(255), field("created_at").format(Format::date_time),
          field("completed_at").format(Format::date_time), field("data_file").min_length(1),
          field("item_count").minimum(0), field("data_bytes").minimum(0),
          field("sha256").min_length(64).max_length(64), field("segments").minimum(1));

HUB_MODEL(data::RestoreCheckpoint, "Where a restore got to (FILE.restore-state.json).",
          field("format").one_of({data::kRestoreStateFormat}), field("format_version").minimum(1),
          field("table").min_length(1).max_length(255), field("sha256").min_length(64).max_length(64),
          field("lines_done").minimum(0), field("item_count").minimum(0),
          field("updated_at").format(Format::date_time));

}  // namespace hub::models
