// bench-backup: throughput of hubctl's backup and restore (data::backup_table / restore_table)
// against DynamoDB Local. A scratch table shaped like data/table.json is seeded with
// BENCH_BACKUP_ITEMS user profiles (bench_items.hpp, ~1 KB each, the bio varied per item so the
// file compresses like text rather than like copies); after one untimed backup (JIT warm-up), it
// is backed up with each count of scan segments, the file is verified (SHA-256 against the
// manifest), and restored with each count of writers, each time into a new, empty scratch table
// (500 items per chunk, a checkpoint after each). Every table is deleted at the end. Results: one JSON object
// on stdout (scripts/bench-backup records it); progress on stderr.
//
// Environment:
//   EMULATOR_DYNAMODB_LOCAL_URL  the endpoint (scripts/with-emulators --only-dynamodb-local sets it)
//   BENCH_BACKUP_ITEMS=20000     items seeded
//   BENCH_BACKUP_SEGMENTS="1 4 8"  the backups to time, by scan segments
//   BENCH_BACKUP_WRITERS="1 4"     the restores to time, by concurrent writers
//   BENCH_BACKUP_DIR             where the backup file goes (default: the system's temp folder)
// Credentials testing/testing, region us-east-1, the default retry policy (3 attempts).

#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

#include "aws/curl_http_client.hpp"
#include "aws/dynamodb_client.hpp"
#include "aws/json_service_client.hpp"
#include "aws/retry.hpp"
#include "bench_items.hpp"
#include "bench_main.hpp"
#include "core/deadline.hpp"
#include "core/ulid.hpp"
#include "data/backup.hpp"
#include "data/backup_format.hpp"
#include "data/restore.hpp"
#include "data/table.hpp"
#include "data/table_definition.hpp"
#include "dynamodb_local.hpp"

namespace {

namespace aws = hub::aws;
namespace ddb = hub::aws::dynamodb;
namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;
using hub::bench::dynamodb_local_url;
using hub::bench::env_or;
using hub::bench::local_client;
using hub::bench::ScratchTable;

constexpr const char* kCursorKey = "bench-backup-cursor-key-0123456789abcdef";

double since(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

// "1 4 8" -> {1, 4, 8}
std::vector<int> numbers(const std::string& text) {
  std::vector<int> out;
  std::istringstream in{text};
  for (int n = 0; in >> n;) out.push_back(n);
  return out;
}

// CPU seconds this process has used (user + system, every thread): what backup and restore cost
// here, beside DynamoDB's own work.
double cpu_seconds() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  const auto seconds = [](const timeval& tv) {
    return static_cast<double>(tv.tv_sec) + static_cast<double>(tv.tv_usec) / 1e6;
  };
  return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

// When a step started, by the wall clock and by this process's CPU.
struct Timer {
  Clock::time_point wall = Clock::now();
  double cpu = cpu_seconds();
};

// A profile whose bio is 40 words drawn from a small vocabulary: text that compresses like prose.
aws::Item bench_item(std::size_t n) {
  static const std::vector<std::string> kWords{
      "drought", "forecast", "rainfall",   "pastoral", "livestock", "market",   "border",   "trade",
      "climate", "season",   "advisory",   "county",   "extension", "officer",  "data",     "open",
      "Nairobi", "Djibouti", "Mogadishu",  "Kampala",  "Juba",      "Asmara",   "Khartoum", "Addis",
      "water",   "pasture",  "resilience", "early",    "warning",   "response", "food",     "security"};
  auto item = hub::bench::user_item(n);
  std::string bio;
  std::uint64_t state = n * 6364136223846793005ULL + 1442695040888963407ULL;
  for (int w = 0; w < 40; ++w) {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    if (w != 0) bio += ' ';
    bio += kWords[(state >> 33U) % kWords.size()];
  }
  item["bio"] = aws::AttributeValue::S(std::move(bio));
  return item;
}

// Seeds `count` items with four writers; returns the bytes of their JSON lines.
std::size_t seed(const ddb::DynamoDbClient& client, const std::string& table, std::size_t count) {
  constexpr std::size_t kWriters = 4;
  std::vector<std::string> failures(kWriters);
  std::size_t json_bytes = 0;
  for (std::size_t n = 0; n < count; ++n) json_bytes += hub::data::encode_item_line(bench_item(n)).size() + 1;
  {
    std::vector<std::jthread> writers;
    for (std::size_t w = 0; w < kWriters; ++w) {
      writers.emplace_back([&, w] {
        ddb::BatchWriteRequest request{.table = table, .writes = {}};
        for (std::size_t n = w; n < count; n += kWriters)
          request.writes.emplace_back(ddb::PutRequest{bench_item(n)});
        auto written = client.batch_write(request, hub::core::Deadline::after(std::chrono::minutes{10}));
        if (!written) failures[w] = written.error().describe();
        if (written && !written->unprocessed.empty()) failures[w] = "items left unprocessed";
      });
    }
  }
  for (const auto& failure : failures) {
    if (!failure.empty()) throw std::runtime_error("seeding failed: " + failure);
  }
  return json_bytes;
}

boost::json::object rates(const std::string& step, const Timer& timer, std::int64_t items,
                          std::size_t json_bytes, std::int64_t file_bytes) {
  constexpr double kMB = 1e6;
  const double seconds = since(timer.wall);
  const double cpu = cpu_seconds() - timer.cpu;
  std::fprintf(stderr, "bench-backup: %-8s %7.2f s  %8.0f items/s  %6.1f MB/s JSON  %5.2f s CPU here\n",
               step.c_str(), seconds, static_cast<double>(items) / seconds,
               static_cast<double>(json_bytes) / kMB / seconds, cpu);
  return {{"step", step},
          {"seconds", seconds},
          {"cpu_seconds", cpu},
          {"items", items},
          {"items_per_second", static_cast<double>(items) / seconds},
          {"json_mb_per_second", static_cast<double>(json_bytes) / kMB / seconds},
          {"file_mb_per_second", static_cast<double>(file_bytes) / kMB / seconds}};
}

int run() {
  const std::string endpoint = dynamodb_local_url("bench-backup");
  if (endpoint.empty()) return 2;
  const auto count = static_cast<std::size_t>(std::stoul(env_or("BENCH_BACKUP_ITEMS", "20000")));
  const auto segment_counts = numbers(env_or("BENCH_BACKUP_SEGMENTS", "1 4 8"));
  const auto writer_counts = numbers(env_or("BENCH_BACKUP_WRITERS", "1 4"));
  const fs::path dir = env_or("BENCH_BACKUP_DIR", fs::temp_directory_path().string());
  const auto file = dir / ("bench-backup-" + hub::core::new_ulid() + ".jsonl.gz");

  aws::CurlHttpClient transport;
  const auto client =
      local_client(endpoint, transport, {.attempt_timeout = std::chrono::milliseconds{30'000}});
  const ScratchTable source{client, "bench-backup-" + hub::core::new_ulid()};
  const hub::data::Table source_table{client, source.name(), kCursorKey};

  const auto t = Clock::now();
  const auto json_bytes = seed(client, source.name(), count);
  std::fprintf(stderr, "bench-backup: seeded %zu items (%.1f MB of JSON lines) in %.1f s\n", count,
               static_cast<double>(json_bytes) / 1e6, since(t));

  // DynamoDB Local is a JVM: an untimed backup first, so that its JIT has run.
  if (auto warm = hub::data::backup_table(source_table, {.out = file, .segments = 4, .on_progress = {}});
      !warm) {
    throw std::runtime_error("backup failed: " + warm.error().detail);
  }
  boost::json::array steps;
  hub::data::BackupManifest manifest;
  for (const int segments : segment_counts) {
    const Timer timer;
    auto backed_up =
        hub::data::backup_table(source_table, {.out = file, .segments = segments, .on_progress = {}});
    if (!backed_up) throw std::runtime_error("backup failed: " + backed_up.error().detail);
    manifest = backed_up->manifest;
    auto step = rates("backup", timer, manifest.item_count, json_bytes, manifest.data_bytes);
    step["segments"] = segments;
    steps.push_back(std::move(step));
  }
  const Timer verify_timer;
  if (auto verified = hub::data::verify_backup(file); !verified)
    throw std::runtime_error(verified.error().detail);
  steps.push_back(rates("verify", verify_timer, manifest.item_count, json_bytes, manifest.data_bytes));

  for (const int writers : writer_counts) {
    const ScratchTable target{
        client, "bench-backup-" + hub::core::new_ulid()};  // each restore into a new, empty table
    const hub::data::Table target_table{client, target.name(), kCursorKey};
    const Timer timer;
    auto restored = hub::data::restore_table(target_table, {.in = file,
                                                            .resume = false,
                                                            .chunk_items = 500,
                                                            .writers = writers,
                                                            .on_progress = {},
                                                            .stop_after_chunks = {}});
    if (!restored) throw std::runtime_error("restore failed: " + restored.error().detail);
    auto step = rates("restore", timer, restored->items_written, json_bytes, manifest.data_bytes);
    step["chunk_items"] = 500;
    step["writers"] = writers;
    steps.push_back(std::move(step));
  }

  std::error_code ec;
  fs::remove(file, ec);
  fs::remove(hub::data::manifest_path(file), ec);
  const boost::json::object report{
      {"endpoint", endpoint},
      {"items", count},
      {"json_bytes", json_bytes},
      {"file_bytes", manifest.data_bytes},
      {"item_json_bytes", hub::data::encode_item_line(bench_item(1)).size()},
      {"steps", std::move(steps)},
  };
  std::printf("%s\n", boost::json::serialize(report).c_str());
  return 0;
}

}  // namespace

int main() { return hub::bench::bench_main("bench-backup", run); }
