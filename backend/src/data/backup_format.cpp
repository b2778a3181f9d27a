#include "data/backup_format.hpp"

#include <algorithm>
#include <vector>

#include <fmt/format.h>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "aws/dynamodb_json.hpp"
#include "core/json.hpp"
#include "models/codec.hpp"

namespace hub::data {
namespace {

// A flat object one member a line: diffs and eyes both read it easily.
std::string one_field_a_line(const json::value& document) {
  std::string out = "{\n";
  bool first = true;
  for (const auto& member : document.as_object()) {
    if (!first) out += ",\n";
    first = false;
    out += fmt::format("  {}: {}", json::serialize(json::string_view{member.key()}),
                       json::serialize(member.value()));
  }
  out += "\n}\n";
  return out;
}

bool is_lower_hex(std::string_view text) {
  return std::ranges::all_of(text, [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

Error invalid(std::string_view what, std::vector<FieldError> fields) {
  std::vector<std::string> parts;
  parts.reserve(fields.size());
  for (const auto& f : fields)
    parts.push_back(fmt::format("{} {}", f.pointer.empty() ? "/" : f.pointer, f.message));
  return Error{ErrorCode::BAD_REQUEST,
               fmt::format("The {} is not valid: {}.", what, fmt::join(parts, "; ")),
               std::move(fields),
               {}};
}

// Parses and checks what the model's rules cannot say: the version and the digest's digits.
template <class T>
Result<T> parse_document(std::string_view text, std::string_view what) {
  auto document = parse_json(text);
  if (!document) {
    return Error::make(ErrorCode::BAD_REQUEST,
                       fmt::format("The {} is not valid JSON: {}", what, document.error().detail));
  }
  auto parsed = models::from_json<T>(*document);
  if (!parsed) return invalid(what, std::move(parsed).error().fields);
  std::vector<FieldError> problems;
  if (parsed->format_version != kBackupFormatVersion) {
    problems.push_back({"/format_version", fmt::format("is {}, and this hubctl reads version {} only",
                                                       parsed->format_version, kBackupFormatVersion)});
  }
  if (!is_lower_hex(parsed->sha256)) problems.push_back({"/sha256", "must be lowercase hex digits"});
  if (!problems.empty()) return invalid(what, std::move(problems));
  return parsed;
}

}  // namespace

std::string manifest_json(const BackupManifest& manifest) {
  return one_field_a_line(models::to_json(manifest));
}

std::string checkpoint_json(const RestoreCheckpoint& checkpoint) {
  return one_field_a_line(models::to_json(checkpoint));
}

Result<BackupManifest> parse_manifest(std::string_view text) {
  auto manifest = parse_document<BackupManifest>(text, "backup manifest");
  if (manifest && manifest->data_file.find('/') != std::string::npos) {
    return invalid("backup manifest", {{"/data_file", "must be a file name without a folder"}});
  }
  return manifest;
}

Result<RestoreCheckpoint> parse_checkpoint(std::string_view text) {
  return parse_document<RestoreCheckpoint>(text, "restore checkpoint");
}

std::string encode_item_line(const aws::Item& item) { return json::serialize(aws::to_json(item)); }

Result<aws::Item> decode_item_line(std::string_view line) {
  boost::system::error_code ec;
  const auto document = json::parse(line, ec);
  if (ec) return Error::make(ErrorCode::BAD_REQUEST, fmt::format("not JSON ({})", ec.message()));
  auto item = aws::item_from_json(document);
  if (!item) return Error::make(ErrorCode::BAD_REQUEST, fmt::format("not an item: {}", item.error().message));
  if (item->empty()) return Error::make(ErrorCode::BAD_REQUEST, "an item without attributes");
  return std::move(item).value();
}

std::filesystem::path manifest_path(const std::filesystem::path& backup_file) {
  auto path = backup_file;
  path += ".manifest.json";
  return path;
}

std::filesystem::path restore_state_path(const std::filesystem::path& backup_file) {
  auto path = backup_file;
  path += ".restore-state.json";
  return path;
}

}  // namespace hub::data
