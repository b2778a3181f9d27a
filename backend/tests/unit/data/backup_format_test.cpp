// The backup file format: manifest and checkpoint documents, the item-per-line codec, and the
// gzip files with their streamed digests.
#include <fstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "aws/crypto.hpp"
#include "core/ulid.hpp"
#include "data/backup_format.hpp"
#include "data/gzip_file.hpp"
#include "data/local_file.hpp"

namespace hub::data {
namespace {

namespace fs = std::filesystem;
using aws::AttributeValue;

BackupManifest sample_manifest() {
  return {.format = std::string{kBackupFormat},
          .format_version = 1,
          .table = "innovation-hub",
          .created_at = "2026-11-24T10:00:00.000Z",
          .completed_at = "2026-11-24T10:00:04.250Z",
          .data_file = "hub.jsonl.gz",
          .item_count = 10'000,
          .data_bytes = 1'234'567,
          .sha256 = std::string(64, 'a'),
          .segments = 4};
}

void expect_same(const BackupManifest& a, const BackupManifest& b) {
  EXPECT_EQ(a.format, b.format);
  EXPECT_EQ(a.format_version, b.format_version);
  EXPECT_EQ(a.table, b.table);
  EXPECT_EQ(a.created_at, b.created_at);
  EXPECT_EQ(a.completed_at, b.completed_at);
  EXPECT_EQ(a.data_file, b.data_file);
  EXPECT_EQ(a.item_count, b.item_count);
  EXPECT_EQ(a.data_bytes, b.data_bytes);
  EXPECT_EQ(a.sha256, b.sha256);
  EXPECT_EQ(a.segments, b.segments);
}

TEST(BackupManifest, RoundTripsOneFieldALine) {
  const auto text = manifest_json(sample_manifest());
  EXPECT_NE(text.find("{\n  \"format\": \"igad-hub-dynamodb-backup\",\n  \"format_version\": 1,\n"),
            std::string::npos)
      << text;
  EXPECT_EQ(text.back(), '\n');
  auto parsed = parse_manifest(text);
  ASSERT_TRUE(parsed) << parsed.error().detail;
  expect_same(*parsed, sample_manifest());
}

// Replaces `field`'s JSON value in a valid manifest's text (or removes the field: nullptr).
std::string with_field(const std::string& field, const char* value) {
  auto text = manifest_json(sample_manifest());
  const auto at = text.find("\"" + field + "\": ");
  const auto end = text.find_first_of(",\n", at);
  if (value == nullptr) {
    const auto line_start = text.rfind('\n', at);
    text.erase(line_start, end - line_start + (text[end] == ',' ? 1 : 0));
    return text;
  }
  const auto value_at = at + field.size() + 4;
  return text.replace(value_at, end - value_at, value);
}

void expect_refused(const std::string& text, const std::string& mentions) {
  auto parsed = parse_manifest(text);
  ASSERT_FALSE(parsed) << "accepted: " << text;
  EXPECT_EQ(parsed.error().code, ErrorCode::BAD_REQUEST);
  EXPECT_NE(parsed.error().detail.find(mentions), std::string::npos) << parsed.error().detail;
}

TEST(BackupManifest, ParsingIsStrict) {
  expect_refused("{\"format\": ", "not valid JSON");
  expect_refused("[]", "must be an object");
  expect_refused(with_field("segments", "4, \"extra\": true"), "/extra is not a known field");
  expect_refused(with_field("sha256", nullptr), "/sha256 is required");
  expect_refused(with_field("item_count", "\"10000\""), "/item_count must be an integer");
  expect_refused(with_field("item_count", "-1"), "/item_count");
  expect_refused(with_field("item_count", "1.5"), "/item_count");
  expect_refused(with_field("format", "\"some-other-backup\""), "/format");
  expect_refused(with_field("format_version", "2"),
                 "/format_version is 2, and this hubctl reads version 1 only");
  expect_refused(with_field("sha256", ("\"" + std::string(63, 'a') + "\"").c_str()), "/sha256");
  expect_refused(with_field("sha256", ("\"" + std::string(64, 'A') + "\"").c_str()),
                 "/sha256 must be lowercase hex");
  expect_refused(with_field("created_at", "\"yesterday\""), "/created_at");
  expect_refused(with_field("segments", "0"), "/segments");
  expect_refused(with_field("data_file", "\"../etc/passwd\""),
                 "/data_file must be a file name without a folder");
  expect_refused(with_field("table", "\"\""), "/table");
}

TEST(RestoreCheckpoint, RoundTripsAndIsStrict) {
  const RestoreCheckpoint checkpoint{.format = std::string{kRestoreStateFormat},
                                     .format_version = 1,
                                     .table = "restored",
                                     .sha256 = std::string(64, '0'),
                                     .lines_done = 1500,
                                     .item_count = 10'000,
                                     .updated_at = "2026-11-24T10:00:00.000Z"};
  auto parsed = parse_checkpoint(checkpoint_json(checkpoint));
  ASSERT_TRUE(parsed) << parsed.error().detail;
  EXPECT_EQ(parsed->table, "restored");
  EXPECT_EQ(parsed->sha256, checkpoint.sha256);
  EXPECT_EQ(parsed->lines_done, 1500);
  EXPECT_EQ(parsed->item_count, 10'000);

  EXPECT_FALSE(parse_checkpoint(manifest_json(sample_manifest())));  // a manifest is not a checkpoint
  auto text = checkpoint_json(checkpoint);
  text.replace(text.find("1500"), 4, "-3");
  auto negative = parse_checkpoint(text);
  ASSERT_FALSE(negative);
  EXPECT_NE(negative.error().detail.find("/lines_done"), std::string::npos) << negative.error().detail;
}

// One value of every kind, with the awkward cases of each.
aws::Item every_kind() {
  std::string all_bytes;
  for (int b = 0; b < 256; ++b) all_bytes.push_back(static_cast<char>(b));
  return {
      {"PK", AttributeValue::S("USER#01JX")},
      {"SK", AttributeValue::S("PROFILE")},
      {"s", AttributeValue::S("line one\nline \"two\"\t\\ Nairobi – Addis Ababa – Djibouti ☀ 𝄞 \x01")},
      {"empty", AttributeValue::S("")},
      {"n", AttributeValue::N("-12345678901234567890123456789012345678")},
      {"n_exp", AttributeValue::N("1.5E-130")},
      {"b", AttributeValue::B(all_bytes)},
      {"t", AttributeValue::BOOL(true)},
      {"f", AttributeValue::BOOL(false)},
      {"null", AttributeValue::NUL()},
      {"m", AttributeValue::M(
                {{"inner", AttributeValue::M({{"deep", AttributeValue::L({AttributeValue::N("0")})}})},
                 {"empty", AttributeValue::M({})}})},
      {"l", AttributeValue::L({AttributeValue::S("x"), AttributeValue::L({}), AttributeValue::NUL(),
                               AttributeValue::M({{"k", AttributeValue::BOOL(false)}})})},
      {"ss", AttributeValue::SS({"b", "a", "é"})},
      {"ns", AttributeValue::NS({"3", "-1.25", "1e3"})},
      {"bs", AttributeValue::BS({std::string("\0\xff", 2), "plain"})},
      {"key with spaces/and~slashes", AttributeValue::S("v")},
  };
}

TEST(BackupLines, EveryAttributeTypeRoundTripsOnOneLine) {
  const auto item = every_kind();
  const auto line = encode_item_line(item);
  EXPECT_EQ(line.find('\n'), std::string::npos) << "a newline in a value must be escaped";
  EXPECT_EQ(line.rfind("{\"", 0), 0U) << line;
  auto decoded = decode_item_line(line);
  ASSERT_TRUE(decoded) << decoded.error().detail;
  EXPECT_TRUE(*decoded == item);
  EXPECT_EQ(encode_item_line(*decoded), line);
}

TEST(BackupLines, ABadLineIsRefusedWithItsReason) {
  for (const std::string_view line :
       {"", "not json", "[]", "{}", R"({"PK":{"X":"1"}})", R"({"PK":{"N":"abc"}})",
        R"({"PK":{"S":"a"}} trailing)", R"({"PK":{"B":"!!"}})"}) {
    auto decoded = decode_item_line(line);
    ASSERT_FALSE(decoded) << line;
    EXPECT_EQ(decoded.error().code, ErrorCode::BAD_REQUEST) << line;
    EXPECT_FALSE(decoded.error().detail.empty());
  }
}

TEST(BackupLines, CompanionFilesSitBesideTheBackup) {
  EXPECT_EQ(manifest_path("/backups/hub.jsonl.gz"), fs::path("/backups/hub.jsonl.gz.manifest.json"));
  EXPECT_EQ(restore_state_path("hub.jsonl.gz"), fs::path("hub.jsonl.gz.restore-state.json"));
}

// ---- gzip files ---------------------------------------------------------------------------------

class GzipFile : public ::testing::Test {
 protected:
  void SetUp() override { fs::create_directories(dir_); }
  void TearDown() override { fs::remove_all(dir_); }

  [[nodiscard]] fs::path path(const std::string& name) const { return dir_ / name; }

  // Writes `lines` (each ended by '\n'), fed to the writer in uneven pieces.
  StreamDigest write_lines(const fs::path& file, const std::vector<std::string>& lines) const {
    auto writer = GzipWriter::create(file);
    EXPECT_TRUE(writer);
    std::string all;
    for (const auto& line : lines) all += line + "\n";
    for (std::size_t at = 0; at < all.size(); at += 7919) {
      EXPECT_TRUE(writer->write(std::string_view{all}.substr(at, 7919)));
    }
    auto digest = writer->finish();
    EXPECT_TRUE(digest);
    return *digest;
  }

  static Result<std::vector<std::string>> read_lines(const fs::path& file, std::size_t max_line = 1 << 20) {
    auto reader = GzipLineReader::open(file, max_line);
    if (!reader) return std::move(reader).error();
    std::vector<std::string> lines;
    for (;;) {
      auto line = reader->next_line();
      if (!line) return std::move(line).error();
      if (!*line) return lines;
      lines.emplace_back(**line);
    }
  }

  static std::string contents(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), {}};
  }
  static void replace_contents(const fs::path& file, const std::string& bytes) {
    std::ofstream(file, std::ios::binary | std::ios::trunc) << bytes;
  }

 private:
  fs::path dir_ = fs::temp_directory_path() / ("hub-gzip-" + core::new_ulid());
};

TEST_F(GzipFile, LinesRoundTripAndBothDigestsMatchTheFile) {
  std::vector<std::string> lines;
  for (int i = 0; i < 20'000; ++i)
    lines.push_back(encode_item_line({{"PK", AttributeValue::S(std::to_string(i))}}));
  lines.emplace_back(300'000, 'x');  // longer than the reader's buffers
  lines.emplace_back("");
  const auto file = path("lines.gz");
  const auto written = write_lines(file, lines);

  const auto bytes = contents(file);
  EXPECT_EQ(written.bytes, static_cast<std::int64_t>(bytes.size()));
  EXPECT_EQ(written.sha256, aws::sha256_hex(bytes));
  EXPECT_EQ(bytes.substr(0, 2), "\x1f\x8b") << "a gzip header";
  auto digest = digest_file(file);
  ASSERT_TRUE(digest);
  EXPECT_EQ(digest->sha256, written.sha256);

  auto reader = GzipLineReader::open(file, 1 << 20);
  ASSERT_TRUE(reader);
  std::size_t n = 0;
  for (;;) {
    auto line = reader->next_line();
    ASSERT_TRUE(line) << line.error().detail;
    if (!*line) break;
    ASSERT_LT(n, lines.size());
    EXPECT_EQ(**line, lines[n]) << "line " << n;
    ++n;
  }
  EXPECT_EQ(n, lines.size());
  EXPECT_EQ(reader->digest().sha256, written.sha256);
  EXPECT_EQ(reader->digest().bytes, written.bytes);
}

TEST_F(GzipFile, AnEmptyStreamHasNoLines) {
  const auto file = path("empty.gz");
  write_lines(file, {});
  auto lines = read_lines(file);
  ASSERT_TRUE(lines) << lines.error().detail;
  EXPECT_TRUE(lines->empty());
}

TEST_F(GzipFile, DamageIsReportedNotRead) {
  std::vector<std::string> lines;
  for (int i = 0; i < 5'000; ++i) lines.push_back("line " + std::to_string(i) + " " + core::new_ulid());
  const auto file = path("good.gz");
  write_lines(file, lines);
  const auto good = contents(file);

  const auto expect_damaged = [&](const std::string& bytes, const std::string& mentions) {
    const auto damaged = path("damaged.gz");
    replace_contents(damaged, bytes);
    auto read = read_lines(damaged);
    ASSERT_FALSE(read) << mentions;
    EXPECT_EQ(read.error().code, ErrorCode::BAD_REQUEST);
    EXPECT_NE(read.error().detail.find(mentions), std::string::npos) << read.error().detail;
  };
  expect_damaged(good.substr(0, good.size() / 2), "ends early");
  expect_damaged(good.substr(0, good.size() - 4), "ends early");  // no length in the trailer
  expect_damaged(good + "more", "data after the end");
  auto flipped = good;
  flipped[flipped.size() - 6] = static_cast<char>(flipped[flipped.size() - 6] ^ 0x01);  // the CRC-32
  expect_damaged(flipped, "not a valid gzip stream");
  expect_damaged("plain text, not gzip\n", "not a valid gzip stream");

  auto too_long = read_lines(file, 8);
  ASSERT_FALSE(too_long);
  EXPECT_NE(too_long.error().detail.find("longer than 8 bytes"), std::string::npos);
}

TEST_F(GzipFile, AnUnterminatedLastLineIsRefused) {
  const auto file = path("unterminated.gz");
  auto writer = GzipWriter::create(file);
  ASSERT_TRUE(writer);
  ASSERT_TRUE(writer->write("one\ntwo"));
  ASSERT_TRUE(writer->finish());
  auto read = read_lines(file);
  ASSERT_FALSE(read);
  EXPECT_NE(read.error().detail.find("last line is not complete"), std::string::npos);
}

TEST_F(GzipFile, SmallFilesAreReplacedWholeAndMissingOnesNamed) {
  const auto file = path("state.json");
  ASSERT_TRUE(write_file_atomically(file, "first"));
  ASSERT_TRUE(write_file_atomically(file, "second"));
  auto text = read_small_file(file, 100);
  ASSERT_TRUE(text);
  EXPECT_EQ(*text, "second");
  EXPECT_FALSE(fs::exists(path("state.json.partial")));
  EXPECT_FALSE(read_small_file(file, 3)) << "over the limit";

  auto missing = read_small_file(path("nope.json"), 100);
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, ErrorCode::BAD_REQUEST);
  EXPECT_NE(missing.error().detail.find("nope.json: No such file or directory"), std::string::npos)
      << missing.error().detail;
  EXPECT_TRUE(remove_if_present(file));
  EXPECT_TRUE(remove_if_present(file)) << "already gone is fine";
  EXPECT_FALSE(write_file_atomically(path("no-such-dir") / "x.json", "x"));
}

}  // namespace
}  // namespace hub::data
