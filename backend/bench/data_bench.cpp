// bench-data: the data layer's bulk paths against DynamoDB Local: data::batch_write of N items
// (10,000 by default) into one partition, then full walks of that partition with data::list_page
// at page sizes 100 and 20, every page's cursor passed to the next as a client would. Timing
// loops in plain C++; each case runs several times and the median run is reported beside each
// run's figures.
//
// A scratch table shaped like data/table.json is created first and deleted at the end.
// Results: one JSON object on stdout (scripts/bench-data turns it into docs/performance.md's
// table); progress on stderr.
//
// Environment:
//   EMULATOR_DYNAMODB_LOCAL_URL  the endpoint (scripts/with-emulators --only-dynamodb-local sets it)
//   BENCH_DATA_ITEMS=10000       items written and walked
//   BENCH_DATA_RUNS=3            measured runs per case (after one warm-up run of each)
//   BENCH_DATA_LIMITS=100,20     page sizes of the walks
// Credentials testing/testing, region us-east-1, up to 3 attempts per request (as the service).

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include <fmt/format.h>
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

#include "aws/curl_http_client.hpp"
#include "aws/dynamodb_client.hpp"
#include "aws/dynamodb_json.hpp"
#include "aws/json_service_client.hpp"
#include "aws/retry.hpp"
#include "bench_items.hpp"
#include "bench_main.hpp"
#include "core/deadline.hpp"
#include "core/ulid.hpp"
#include "data/batch.hpp"
#include "data/listing.hpp"
#include "data/table.hpp"
#include "data/table_definition.hpp"
#include "dynamodb_local.hpp"

namespace {

namespace aws = hub::aws;
namespace ddb = hub::aws::dynamodb;
namespace data = hub::data;
using Clock = std::chrono::steady_clock;
using hub::bench::dynamodb_local_url;
using hub::bench::env_or;
using hub::bench::local_client;
using hub::bench::ScratchTable;

constexpr const char* kPartition = "BENCH#LIST";
constexpr const char* kWarmupPartition = "BENCH#WARMUP";

std::vector<int> limits_from(const std::string& text) {
  std::vector<int> out;
  std::size_t start = 0;
  while (start <= text.size()) {
    const auto comma = std::min(text.find(',', start), text.size());
    const int limit = std::stoi(text.substr(start, comma - start));
    if (limit < 1 || limit > data::kMaxPageSize) throw std::runtime_error("BENCH_DATA_LIMITS: 1-100 each");
    out.push_back(limit);
    start = comma + 1;
  }
  return out;
}

// The profile-shaped item of the AWS-layer benchmarks (~1 KB), re-keyed into one partition and
// out of the indexes: item n of a listing.
aws::Item list_item(const char* partition, std::size_t n) {
  aws::Item item = hub::bench::user_item(n);
  item.insert_or_assign("PK", aws::AttributeValue::S(partition));
  item.insert_or_assign("SK", aws::AttributeValue::S(fmt::format("ITEM#{:06}", n)));
  for (const char* name : {"GSI1PK", "GSI1SK", "GSI2PK", "GSI2SK"}) item.erase(std::string{name});
  return item;
}

std::vector<ddb::WriteRequest> puts(const char* partition, std::size_t count) {
  std::vector<ddb::WriteRequest> writes;
  writes.reserve(count);
  for (std::size_t n = 0; n < count; ++n) writes.emplace_back(ddb::PutRequest{list_item(partition, n)});
  return writes;
}

double percentile_ms(std::vector<double> values, double p) {
  if (values.empty()) return 0;
  std::sort(values.begin(), values.end());
  auto rank = static_cast<std::size_t>(std::ceil(static_cast<double>(values.size()) * p / 100.0));
  rank = std::clamp<std::size_t>(rank, 1, values.size());
  return values[rank - 1];
}

// The run whose `key` is the median (runs sorted by it; the lower middle for an even count).
const boost::json::object& median_run(const boost::json::array& runs, const char* key) {
  std::vector<const boost::json::object*> sorted;
  for (const auto& r : runs) sorted.push_back(&r.as_object());
  std::sort(sorted.begin(), sorted.end(),
            [key](const auto* a, const auto* b) { return a->at(key).as_double() < b->at(key).as_double(); });
  return *sorted[(sorted.size() - 1) / 2];
}

// One data::batch_write of `count` items; throws unless every item was written.
boost::json::object write_run(const data::Table& table, aws::CurlHttpClient& transport, const char* partition,
                              std::size_t count) {
  auto writes = puts(partition, count);
  const auto before = transport.stats();
  const auto t0 = Clock::now();
  auto written = data::batch_write(table, std::move(writes), "bench.batch_write");
  const double seconds = std::chrono::duration<double>(Clock::now() - t0).count();
  const auto after = transport.stats();
  if (!written) throw std::runtime_error("batch_write: " + written.error().detail);
  const auto failed = std::count_if(written->begin(), written->end(), [](const auto& w) { return !w.ok(); });
  if (failed != 0)
    throw std::runtime_error(fmt::format("batch_write: {} of {} items not written", failed, count));
  const auto requests = after.requests - before.requests;
  return {{"seconds", seconds},
          {"items", count},
          {"items_per_second", static_cast<double>(count) / seconds},
          {"requests", requests},
          {"ms_per_request", seconds * 1000 / static_cast<double>(std::max<std::uint64_t>(requests, 1))}};
}

// One walk of the partition from the first page to the last; throws unless it saw every item
// once, in order.
boost::json::object walk_run(const data::Table& table, aws::CurlHttpClient& transport, int limit,
                             std::size_t expected) {
  const data::Listing listing{
      .index = "",
      .key_condition = "PK = :pk",
      .expressions = {.condition = {}, .names = {}, .values = {{":pk", aws::AttributeValue::S(kPartition)}}},
      .descending = false};
  std::vector<double> page_ms;
  page_ms.reserve(expected / static_cast<std::size_t>(limit) + 1);
  std::size_t items = 0;
  std::string cursor;
  const auto before = transport.stats();
  const auto t0 = Clock::now();
  for (;;) {
    const auto p0 = Clock::now();
    auto page = data::list_page(table, listing, {.limit = limit, .cursor = cursor}, "bench.walk");
    page_ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - p0).count());
    if (!page) throw std::runtime_error("list_page: " + page.error().detail);
    for (const auto& item : page->items) {
      if (*item.at("SK").as_string() != fmt::format("ITEM#{:06}", items)) {
        throw std::runtime_error(
            fmt::format("walk at limit {}: item {} missed or out of order", limit, items));
      }
      ++items;
    }
    if (!page->next_cursor) break;
    cursor = std::move(*page->next_cursor);
  }
  const double seconds = std::chrono::duration<double>(Clock::now() - t0).count();
  const auto after = transport.stats();
  if (items != expected)
    throw std::runtime_error(fmt::format("walk at limit {}: {} items of {}", limit, items, expected));
  const auto pages = page_ms.size();
  return {{"limit", limit},
          {"seconds", seconds},
          {"items", items},
          {"pages", pages},
          {"queries", after.requests - before.requests},
          {"items_per_second", static_cast<double>(items) / seconds},
          {"pages_per_second", static_cast<double>(pages) / seconds},
          {"ms_per_page", seconds * 1000 / static_cast<double>(pages)},
          {"p50_page_ms", percentile_ms(page_ms, 50)},
          {"p99_page_ms", percentile_ms(page_ms, 99)}};
}

int run() {
  const std::string endpoint = dynamodb_local_url("bench-data");
  if (endpoint.empty()) return 2;
  const auto items = static_cast<std::size_t>(std::stoul(env_or("BENCH_DATA_ITEMS", "10000")));
  const int runs = std::max(1, std::stoi(env_or("BENCH_DATA_RUNS", "3")));
  const auto limits = limits_from(env_or("BENCH_DATA_LIMITS", "100,20"));

  aws::CurlHttpClient transport;
  const auto client = local_client(endpoint, transport);
  const ScratchTable scratch{client, "bench-data-" + hub::core::new_ulid()};
  const data::Table table{client, scratch.name(), "bench-data-cursor-key-0123456789abcdef"};
  fmt::print(stderr, "bench-data: table {} on {}, {} items, {} run(s) per case after a warm-up\n",
             scratch.name(), endpoint, items, runs);

  // Warm-up (DynamoDB Local is a JVM): a write of a tenth of the items elsewhere, then the
  // first full write, whose figures are kept apart.
  (void)write_run(table, transport, kWarmupPartition, std::max<std::size_t>(items / 10, 1));
  boost::json::array write_runs;
  for (int r = 0; r <= runs; ++r) {
    auto result = write_run(table, transport, kPartition, items);
    fmt::print(stderr, "bench-data: batch_write {} items{}: {:.2f} s, {:.0f} items/s, {} requests\n", items,
               r == 0 ? " (warm-up)" : "", result.at("seconds").as_double(),
               result.at("items_per_second").as_double(), result.at("requests").as_uint64());
    if (r > 0) write_runs.push_back(std::move(result));
  }
  boost::json::object write{{"runs", write_runs}, {"median", median_run(write_runs, "seconds")}};

  boost::json::array walks;
  for (const int limit : limits) {
    boost::json::array walk_runs;
    for (int r = 0; r <= runs; ++r) {
      auto result = walk_run(table, transport, limit, items);
      fmt::print(
          stderr, "bench-data: walk at limit {}{}: {:.2f} s, {} pages, {:.2f} ms a page, {:.0f} items/s\n",
          limit, r == 0 ? " (warm-up)" : "", result.at("seconds").as_double(), result.at("pages").as_uint64(),
          result.at("ms_per_page").as_double(), result.at("items_per_second").as_double());
      if (r > 0) walk_runs.push_back(std::move(result));
    }
    walks.push_back(boost::json::object{
        {"limit", limit}, {"runs", walk_runs}, {"median", median_run(walk_runs, "seconds")}});
  }

  const boost::json::object report{
      {"endpoint", endpoint},
      {"table", scratch.name()},
      {"items", items},
      {"item_json_bytes", boost::json::serialize(aws::to_json(list_item(kPartition, 1))).size()},
      {"runs", runs},
      {"batch_write", std::move(write)},
      {"walks", std::move(walks)},
  };
  fmt::print("{}\n", boost::json::serialize(report));
  return 0;
}

}  // namespace

int main() { return hub::bench::bench_main("bench-data", run); }
