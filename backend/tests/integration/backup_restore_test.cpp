// hubctl's backup and restore, in the data layer, against both emulators: a table of mixed items
// (10,000 on DynamoDB Local, 2,000 on moto) survives backup -> delete everything -> restore item
// for item; damaged files are refused before anything is written; an interrupted restore resumes;
// a backup restores into another table.
#include <chrono>
#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "core/ulid.hpp"
#include "data/backup.hpp"
#include "data/local_file.hpp"
#include "data/restore.hpp"
#include "emulators.hpp"
#include "mixed_items.hpp"

namespace hub::testing {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

class BackupRestoreTest : public EmulatorTest {
 protected:
  void SetUp() override {
    EmulatorTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    fs::create_directories(dir_);
  }
  void TearDown() override {
    std::error_code ec;
    fs::remove_all(dir_, ec);
    EmulatorTest::TearDown();
  }

  [[nodiscard]] fs::path file(const std::string& name) const { return dir_ / name; }

  void seed(const std::vector<aws::Item>& items) const {
    ASSERT_EQ(write_all(client(), table_name(), items), "");
  }

  [[nodiscard]] Result<data::BackupResult> backup(const fs::path& out, int segments = 4) const {
    return data::backup_table(data_table(), {.out = out, .segments = segments, .on_progress = {}});
  }

  static Result<data::RestoreResult> restore(const data::Table& target, const fs::path& in,
                                             std::optional<int> stop_after_chunks = std::nullopt,
                                             std::size_t chunk_items = 500) {
    return data::restore_table(target, {.in = in,
                                        .resume = true,
                                        .chunk_items = chunk_items,
                                        .on_progress = {},
                                        .stop_after_chunks = stop_after_chunks});
  }

  [[nodiscard]] std::vector<std::string> table_contents(const std::string& table) const {
    return canonical(scan_all(client(), table));
  }

  void delete_everything() const {
    const auto items = scan_all(client(), table_name());
    ASSERT_EQ(write_all(client(), table_name(), items, /*del=*/true), "");
    ASSERT_TRUE(scan_all(client(), table_name()).empty());
  }

 private:
  fs::path dir_ = fs::temp_directory_path() / ("hub-backup-it-" + core::new_ulid());
};

// Mixed items, shown side by side when two sets differ (the first few differences only).
void expect_same_items(const std::vector<std::string>& expected, const std::vector<std::string>& actual) {
  ASSERT_EQ(expected.size(), actual.size());
  std::size_t shown = 0;
  for (std::size_t i = 0; i < expected.size() && shown < 3; ++i) {
    if (expected[i] != actual[i]) {
      ADD_FAILURE() << "item " << i << " differs:\n  expected " << expected[i] << "\n  actual   "
                    << actual[i];
      ++shown;
    }
  }
}

// moto scans the whole table for every page it returns (one 10,000-item scan takes ~10 s there,
// and mixed items make many pages), so it gets a fifth of the items; DynamoDB Local all of them.
std::size_t round_trip_items(const Emulator& emulator) { return emulator.name == "moto" ? 2'000 : 10'000; }

TEST_P(BackupRestoreTest, MixedItemsSurviveBackupDeleteEverythingRestore) {
  const std::size_t kItems = round_trip_items(GetParam());
  auto t = Clock::now();
  seed(mixed_items(kItems));
  const auto before = table_contents(table_name());
  ASSERT_EQ(before.size(), kItems);
  const double seeded = seconds_since(t);

  t = Clock::now();
  std::int64_t reports = 0;
  std::int64_t last_reported = -1;
  auto backed_up = data::backup_table(
      data_table(),
      {.out = file("table.jsonl.gz"), .segments = 4, .on_progress = [&](const data::BackupProgress& p) {
         ++reports;
         EXPECT_GE(p.items, last_reported);
         last_reported = p.items;
       }});
  ASSERT_TRUE(backed_up) << backed_up.error().detail;
  const double backup_seconds = seconds_since(t);
  const auto& manifest = backed_up->manifest;
  EXPECT_EQ(manifest.item_count, static_cast<std::int64_t>(kItems));
  EXPECT_EQ(manifest.table, table_name());
  EXPECT_EQ(manifest.segments, 4);
  EXPECT_EQ(manifest.data_file, "table.jsonl.gz");
  EXPECT_GT(reports, 1);
  EXPECT_EQ(last_reported, static_cast<std::int64_t>(kItems));
  const auto digest = data::digest_file(file("table.jsonl.gz"));
  ASSERT_TRUE(digest);
  EXPECT_EQ(digest->sha256, manifest.sha256);
  EXPECT_EQ(digest->bytes, manifest.data_bytes);
  EXPECT_TRUE(fs::exists(file("table.jsonl.gz.manifest.json")));
  EXPECT_FALSE(fs::exists(file("table.jsonl.gz.partial")));

  t = Clock::now();
  delete_everything();
  const double delete_seconds = seconds_since(t);

  t = Clock::now();
  auto restored = restore(data_table(), file("table.jsonl.gz"));
  ASSERT_TRUE(restored) << restored.error().detail;
  const double restore_seconds = seconds_since(t);
  EXPECT_EQ(restored->items_written, static_cast<std::int64_t>(kItems));
  EXPECT_EQ(restored->resumed_from, 0);
  EXPECT_FALSE(fs::exists(file("table.jsonl.gz.restore-state.json"))) << "the checkpoint goes once done";

  expect_same_items(before, table_contents(table_name()));
  std::printf("[ %s ] %zu items: seed %.1f s, backup %.1f s (%lld bytes), delete %.1f s, restore %.1f s\n",
              GetParam().name.c_str(), kItems, seeded, backup_seconds,
              static_cast<long long>(manifest.data_bytes), delete_seconds, restore_seconds);
}

TEST_P(BackupRestoreTest, ADamagedOrIncompleteBackupIsRefusedBeforeAnythingIsWritten) {
  seed(mixed_items(300));
  ASSERT_TRUE(backup(file("good.gz")));
  const ScratchTable target_table{client()};
  ASSERT_TRUE(target_table.ok()) << target_table.error();
  const data::Table target{client(), target_table.name(), kTestCursorKey};

  std::ifstream in(file("good.gz"), std::ios::binary);
  const std::string good{std::istreambuf_iterator<char>(in), {}};
  const auto manifest_text = data::read_small_file(file("good.gz.manifest.json"), 1 << 16);
  ASSERT_TRUE(manifest_text);
  // A copy of the backup under `name`, its bytes as given, with the manifest (unless told not to).
  const auto copy = [&](const std::string& name, const std::string& bytes, bool with_manifest = true) {
    std::ofstream(file(name), std::ios::binary) << bytes;
    if (with_manifest) std::ofstream(file(name + ".manifest.json")) << *manifest_text;
    return file(name);
  };
  const auto expect_refused = [&](const fs::path& path, const std::string& mentions) {
    auto restored = restore(target, path);
    ASSERT_FALSE(restored) << path;
    EXPECT_EQ(restored.error().code, ErrorCode::BAD_REQUEST);
    EXPECT_NE(restored.error().detail.find(mentions), std::string::npos) << restored.error().detail;
    EXPECT_TRUE(scan_all(client(), target.name()).empty()) << "nothing may be written: " << path;
  };

  auto flipped = good;
  flipped[flipped.size() / 2] = static_cast<char>(flipped[flipped.size() / 2] ^ 0x20);
  expect_refused(copy("flipped.gz", flipped), "its SHA-256 is");
  expect_refused(copy("truncated.gz", good.substr(0, good.size() / 2)), "truncated or altered");
  expect_refused(copy("no-manifest.gz", good, false), "A backup is complete only once its manifest");
  std::ofstream(file("bad-manifest.gz.manifest.json")) << "{\"format\": \"igad-hub-dynamodb-backup\"}";
  expect_refused(copy("bad-manifest.gz", good, false), "/sha256 is required");
  expect_refused(file("missing.gz"), "No such file or directory");

  // The manifest's count is checked at the end (the checksum cannot cover the manifest itself).
  auto wrong_count = *manifest_text;
  wrong_count.replace(wrong_count.find("\"item_count\": 300"), 17, "\"item_count\": 301");
  std::ofstream(file("count.gz"), std::ios::binary) << good;
  std::ofstream(file("count.gz.manifest.json")) << wrong_count;
  auto counted = restore(target, file("count.gz"));
  ASSERT_FALSE(counted);
  EXPECT_NE(counted.error().detail.find("it holds 300 items, and its manifest says 301"), std::string::npos)
      << counted.error().detail;
}

TEST_P(BackupRestoreTest, AnInterruptedRestoreResumesFromItsCheckpoint) {
  seed(mixed_items(600));
  const auto before = table_contents(table_name());
  ASSERT_TRUE(backup(file("b.gz"), 2));
  delete_everything();

  auto interrupted = restore(data_table(), file("b.gz"), /*stop_after_chunks=*/2, /*chunk_items=*/150);
  ASSERT_FALSE(interrupted);
  EXPECT_NE(interrupted.error().detail.find("Stopped after 2 chunks"), std::string::npos);
  EXPECT_EQ(scan_all(client(), table_name()).size(), 300U);
  const auto state = data::read_small_file(file("b.gz.restore-state.json"), 1 << 16);
  ASSERT_TRUE(state);
  auto checkpoint = data::parse_checkpoint(*state);
  ASSERT_TRUE(checkpoint) << checkpoint.error().detail;
  EXPECT_EQ(checkpoint->lines_done, 300);
  EXPECT_EQ(checkpoint->item_count, 600);
  EXPECT_EQ(checkpoint->table, table_name());

  // A restore of the same file into another table does not take this table's checkpoint.
  const ScratchTable other_table{client()};
  ASSERT_TRUE(other_table.ok()) << other_table.error();
  const data::Table other{client(), other_table.name(), kTestCursorKey};
  auto elsewhere = restore(other, file("b.gz"), /*stop_after_chunks=*/1, /*chunk_items=*/150);
  ASSERT_FALSE(elsewhere);
  EXPECT_EQ(scan_all(client(), other.name()).size(), 150U) << "started at the first item";

  // The checkpoint now records the other table's run: resuming there continues after its lines.
  auto resumed = restore(other, file("b.gz"), std::nullopt, 150);
  ASSERT_TRUE(resumed) << resumed.error().detail;
  EXPECT_EQ(resumed->resumed_from, 150);
  EXPECT_EQ(resumed->items_written, 450);
  EXPECT_TRUE(resumed->checkpoint_note.empty());
  EXPECT_FALSE(fs::exists(file("b.gz.restore-state.json")));
  expect_same_items(before, table_contents(other.name()));

  auto finished = restore(data_table(), file("b.gz"));
  ASSERT_TRUE(finished) << finished.error().detail;
  EXPECT_EQ(finished->resumed_from, 0) << "no checkpoint is left for this table";
  expect_same_items(before, table_contents(table_name()));
}

TEST_P(BackupRestoreTest, ARestoreWithoutResumingStartsOverAndSaysSo) {
  seed(mixed_items(600));
  ASSERT_TRUE(backup(file("c.gz")));
  ASSERT_FALSE(restore(data_table(), file("c.gz"), 1, 200));
  auto again = data::restore_table(
      data_table(),
      {.in = file("c.gz"), .resume = false, .chunk_items = 200, .on_progress = {}, .stop_after_chunks = {}});
  ASSERT_TRUE(again) << again.error().detail;
  EXPECT_EQ(again->resumed_from, 0);
  EXPECT_EQ(again->items_written, 600);
  EXPECT_NE(again->checkpoint_note.find("discarded"), std::string::npos);
}

TEST_P(BackupRestoreTest, RestoresIntoAnotherExistingTable) {
  seed(mixed_items(400));
  const auto before = table_contents(table_name());
  ASSERT_TRUE(backup(file("d.gz"), 1));
  const ScratchTable copy_table{client()};
  ASSERT_TRUE(copy_table.ok()) << copy_table.error();
  const data::Table copy{client(), copy_table.name(), kTestCursorKey};

  auto restored = restore(copy, file("d.gz"));
  ASSERT_TRUE(restored) << restored.error().detail;
  EXPECT_EQ(restored->manifest.table, table_name()) << "the manifest names the source";
  expect_same_items(before, table_contents(copy.name()));
  expect_same_items(before, table_contents(table_name()));

  const data::Table missing{client(), "no-such-table-" + core::new_ulid(), kTestCursorKey};
  auto refused = restore(missing, file("d.gz"));
  ASSERT_FALSE(refused);
  EXPECT_NE(refused.error().detail.find("does not exist"), std::string::npos) << refused.error().detail;
  EXPECT_FALSE(data::backup_table(missing, {.out = file("e.gz"), .segments = 4, .on_progress = {}}));
  EXPECT_FALSE(fs::exists(file("e.gz.partial")));
}

TEST_P(BackupRestoreTest, AnEmptyTableMakesAnEmptyBackupThatRestores) {
  auto backed_up = backup(file("empty.gz"));
  ASSERT_TRUE(backed_up) << backed_up.error().detail;
  EXPECT_EQ(backed_up->manifest.item_count, 0);
  auto restored = restore(data_table(), file("empty.gz"));
  ASSERT_TRUE(restored) << restored.error().detail;
  EXPECT_EQ(restored->items_written, 0);
}

INSTANTIATE_TEST_SUITE_P(Emulators, BackupRestoreTest, ::testing::ValuesIn(emulators()), EmulatorName{});

}  // namespace
}  // namespace hub::testing
