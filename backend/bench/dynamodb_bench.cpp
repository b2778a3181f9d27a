// bench-dynamodb: DynamoDB round trips through the project's own client (DynamoDbClient over
// CurlHttpClient) against DynamoDB Local: GetItem and PutItem of a ~1 KB item, single thread with
// connection reuse (the default client) and without (a new TCP connection per request), and N
// threads sharing one reusing client. Each case warms up, then runs for a fixed time; every
// request's latency is kept, so p50/p99 are exact (nearest rank).
//
// A scratch table shaped like data/table.json is created (and seeded) first and deleted at the end.
// Results: one JSON object on stdout (scripts/bench-dynamodb turns it into docs/performance.md's
// table); progress on stderr.
//
// Environment:
//   EMULATOR_DYNAMODB_LOCAL_URL  the endpoint (scripts/with-emulators --only-dynamodb-local sets it)
//   BENCH_DYNAMODB_SECONDS=5     measured seconds per case
//   BENCH_DYNAMODB_WARMUP=1      warm-up seconds per case
//   BENCH_DYNAMODB_THREADS=4     threads of the multi-threaded cases (0: skip them)
// Credentials testing/testing, region us-east-1, one attempt per request (no retries).

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
#include <thread>
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
#include "data/table_definition.hpp"
#include "dynamodb_local.hpp"

namespace {

namespace aws = hub::aws;
namespace ddb = hub::aws::dynamodb;
using Clock = std::chrono::steady_clock;
using hub::bench::dynamodb_local_url;
using hub::bench::env_or;
using hub::bench::local_client;
using hub::bench::ScratchTable;

constexpr std::size_t kKeys = 1000;  // items seeded; reads and writes cycle over them

// One round trip per request: failures are counted, not hidden by retries.
ddb::DynamoDbClient make_client(const std::string& endpoint, aws::HttpTransport& transport) {
  return local_client(endpoint, transport, {.max_attempts = 1});
}

struct Case {
  std::string op;  // GetItem, PutItem
  bool reuse = true;
  int threads = 1;
};

struct Worker {
  std::vector<std::int64_t> latencies_ns;
  std::uint64_t errors = 0;
  std::string first_error;
};

// The requests, built before any timing starts: one GetItem and one PutItem per seeded item.
struct Requests {
  std::vector<ddb::GetItemRequest> gets;
  std::vector<ddb::PutItemRequest> puts;

  explicit Requests(const std::string& table) {
    for (std::size_t n = 0; n < kKeys; ++n) {
      gets.push_back({.table = table, .key = hub::bench::user_key(n)});
      puts.push_back({.table = table, .item = hub::bench::user_item(n)});
    }
  }
};

// One request of `op` on item `n`; an error message, empty on success.
std::string one_request(const ddb::DynamoDbClient& client, const Requests& requests, const std::string& op,
                        std::size_t n) {
  if (op == "GetItem") {
    auto got = client.get_item(requests.gets[n]);
    if (!got) return got.error().describe();
    return got.value() ? std::string{} : "GetItem found no item";
  }
  auto put = client.put_item(requests.puts[n]);
  return put ? std::string{} : put.error().describe();
}

// Runs `threads` loops of `op` until `seconds` have passed; each loop records its latencies.
std::vector<Worker> run_for(const ddb::DynamoDbClient& client, const Requests& requests, const Case& c,
                            double seconds) {
  std::vector<Worker> workers(static_cast<std::size_t>(c.threads));
  const auto end =
      Clock::now() + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(seconds));
  auto loop = [&](std::size_t t) {
    Worker& w = workers[t];
    w.latencies_ns.reserve(1 << 16);
    for (std::size_t i = t;; i += workers.size()) {
      const auto t0 = Clock::now();
      if (t0 >= end) break;
      auto error = one_request(client, requests, c.op, i % kKeys);
      w.latencies_ns.push_back(
          std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now() - t0).count());
      if (!error.empty() && w.errors++ == 0) w.first_error = std::move(error);
    }
  };
  std::vector<std::thread> pool;
  for (std::size_t t = 1; t < workers.size(); ++t) pool.emplace_back(loop, t);
  loop(0);
  for (auto& th : pool) th.join();
  return workers;
}

double percentile_us(const std::vector<std::int64_t>& sorted_ns, double p) {
  if (sorted_ns.empty()) return 0;
  const auto n = sorted_ns.size();
  auto rank = static_cast<std::size_t>(std::ceil(static_cast<double>(n) * p / 100.0));
  rank = std::clamp<std::size_t>(rank, 1, n);
  return static_cast<double>(sorted_ns[rank - 1]) / 1000.0;
}

boost::json::object run_case(const std::string& endpoint, const Requests& requests, const Case& c,
                             double warmup, double seconds) {
  aws::CurlHttpClientOptions options;
  options.reuse_connections = c.reuse;
  aws::CurlHttpClient transport{options};
  const auto client = make_client(endpoint, transport);

  if (warmup > 0) (void)run_for(client, requests, c, warmup);
  const auto before = transport.stats();
  const auto t0 = Clock::now();
  auto workers = run_for(client, requests, c, seconds);
  const double elapsed = std::chrono::duration<double>(Clock::now() - t0).count();
  const auto after = transport.stats();

  std::vector<std::int64_t> all;
  std::uint64_t errors = 0;
  std::string first_error;
  for (auto& w : workers) {
    all.insert(all.end(), w.latencies_ns.begin(), w.latencies_ns.end());
    errors += w.errors;
    if (first_error.empty()) first_error = w.first_error;
  }
  std::sort(all.begin(), all.end());
  const auto count = all.size();
  boost::json::object out{
      {"op", c.op},
      {"reuse", c.reuse},
      {"threads", c.threads},
      {"seconds", elapsed},
      {"requests", count},
      {"errors", errors},
      {"requests_per_second", static_cast<double>(count) / elapsed},
      {"p50_us", percentile_us(all, 50)},
      {"p90_us", percentile_us(all, 90)},
      {"p99_us", percentile_us(all, 99)},
      {"max_us", all.empty() ? 0.0 : static_cast<double>(all.back()) / 1000.0},
      {"transport_requests", after.requests - before.requests},
      {"connections_opened", after.connections_opened - before.connections_opened},
      {"connections_opened_total", after.connections_opened},
  };
  if (errors != 0) out["first_error"] = first_error;
  const auto opened = after.connections_opened - before.connections_opened;
  fmt::print(stderr,
             "bench-dynamodb: {:7} {:8} {} thread(s): {:8.0f} req/s  p50 {:7.0f} us  p99 {:7.0f} us  "
             "connections opened {} for {} requests{}\n",
             c.op, c.reuse ? "reuse" : "no-reuse", c.threads, static_cast<double>(count) / elapsed,
             percentile_us(all, 50), percentile_us(all, 99), opened, after.requests - before.requests,
             errors != 0 ? fmt::format(", {} errors (first: {})", errors, first_error) : std::string{});
  return out;
}

// The items the cases read and write.
void seed(const ddb::DynamoDbClient& client, const std::string& table) {
  ddb::BatchWriteRequest request{.table = table};
  for (std::size_t n = 0; n < kKeys; ++n)
    request.writes.emplace_back(ddb::PutRequest{hub::bench::user_item(n)});
  auto written = client.batch_write(request, hub::core::Deadline::after(std::chrono::seconds{60}));
  if (!written || !written.value().unprocessed.empty()) {
    throw std::runtime_error("cannot seed table " + table + ": " +
                             (written ? "items left unprocessed" : written.error().describe()));
  }
}

int run() {
  const std::string endpoint = dynamodb_local_url("bench-dynamodb");
  if (endpoint.empty()) return 2;
  const double seconds = std::stod(env_or("BENCH_DYNAMODB_SECONDS", "5"));
  const double warmup = std::stod(env_or("BENCH_DYNAMODB_WARMUP", "1"));
  const int threads = std::stoi(env_or("BENCH_DYNAMODB_THREADS", "4"));

  aws::CurlHttpClient setup_transport;
  const auto setup = make_client(endpoint, setup_transport);
  const ScratchTable table{setup, "bench-" + hub::core::new_ulid()};
  seed(setup, table.name());
  std::fprintf(stderr, "bench-dynamodb: table %s on %s, %zu items; %g s warm-up + %g s per case\n",
               table.name().c_str(), endpoint.c_str(), kKeys, warmup, seconds);

  std::vector<Case> cases;
  for (const char* op : {"GetItem", "PutItem"}) {
    cases.push_back({op, true, 1});
    cases.push_back({op, false, 1});
    if (threads > 1) cases.push_back({op, true, threads});
  }
  boost::json::array results;
  const Requests requests{table.name()};
  for (const auto& c : cases) results.push_back(run_case(endpoint, requests, c, warmup, seconds));

  const boost::json::object report{
      {"endpoint", endpoint},
      {"table", table.name()},
      {"items", kKeys},
      {"item_json_bytes", boost::json::serialize(aws::to_json(hub::bench::user_item(1))).size()},
      {"warmup_seconds", warmup},
      {"seconds_per_case", seconds},
      {"cases", std::move(results)},
  };
  std::printf("%s\n", boost::json::serialize(report).c_str());
  return 0;
}

}  // namespace

int main() { return hub::bench::bench_main("bench-dynamodb", run); }
