// bench-storage-calls: the storage calls one API request makes, made directly, without HTTP, so
// that the API benchmark (backend/bench/api_bench.py) can tell the emulator's time from the
// server's. The calls go through what hub-server itself uses: the storage built by
// apps::connect_storage from the same environment (HUB_TABLE_NAME, AWS_ENDPOINT_URL*, timeouts),
// the repositories and the activity recorder, so the items, conditions and client are the same.
//
// Usage: bench-storage-calls --sequence NAME --users FILE --out FILE [--threads N] [--seconds S]
//                            [--warmup S]
//   --sequence  Each starts with the request's rate-limit count (the conditional UpdateItem of the
//               counter "<class>:user:<sub>", as middleware::RateLimiter makes it, under a limit
//               no run reaches), then:
//               session:     nothing more (GET /auth/session, class read)
//               get-profile: the profile's GetItem (GET /users/profile, class read)
//               put-profile: what PUT /users/profile (class write) makes when the display name
//                            changes (services::UserService::update_own_profile): the profile's
//                            GetItem, the repository's versioned update (GetItem, PutItem on
//                            condition of the version) and the activity entry's PutItem
//   --users     a file of user ids (Cognito subs), one a line, whose profiles exist; user i goes
//               to thread i mod N, so no two threads write the same profile
//   --threads   concurrent loops (default 1), as the HTTP run's connections
//   --seconds   measured seconds (default 5), after --warmup seconds (default 1)
//   --out       where the results go (stdout carries the service's log lines)
//
// Output: one JSON object: the sequence's latency (all its calls back to back, as one
// request waits for them) and each operation's, p50/p95/p99 exact (every latency is kept).

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <fstream>
#include <map>
#include <mutex>
#include <stdexcept>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include <fmt/format.h>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

#include "apps/common/storage.hpp"
#include "bench_main.hpp"
#include "core/call_observer.hpp"
#include "core/config.hpp"
#include "services/activity_recorder.hpp"

namespace {

using Clock = std::chrono::steady_clock;

struct Options {
  std::string sequence;
  std::string users_file;
  std::string out_file;
  int threads = 1;
  double seconds = 5;
  double warmup = 1;
};

Options parse(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (i + 1 >= argc) throw std::invalid_argument(fmt::format("{} needs a value", arg));
    const std::string value = argv[++i];
    if (arg == "--sequence") {
      o.sequence = value;
    } else if (arg == "--users") {
      o.users_file = value;
    } else if (arg == "--out") {
      o.out_file = value;
    } else if (arg == "--threads") {
      o.threads = std::stoi(value);
    } else if (arg == "--seconds") {
      o.seconds = std::stod(value);
    } else if (arg == "--warmup") {
      o.warmup = std::stod(value);
    } else {
      throw std::invalid_argument(fmt::format("unknown argument {}", arg));
    }
  }
  if (o.sequence != "session" && o.sequence != "get-profile" && o.sequence != "put-profile")
    throw std::invalid_argument("--sequence must be session, get-profile or put-profile");
  if (o.users_file.empty() || o.out_file.empty())
    throw std::invalid_argument("--users and --out are required");
  if (o.threads < 1) throw std::invalid_argument("--threads must be at least 1");
  return o;
}

std::vector<std::string> read_users(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::vector<std::string> users;
  for (std::string line; std::getline(in, line);) {
    if (!line.empty()) users.push_back(line);
  }
  if (users.empty()) throw std::runtime_error(path + " holds no user ids");
  return users;
}

// Every call's latency, by operation, while `recording` is set.
class CallLatencies final : public hub::core::CallObserver {
 public:
  void on_call(const hub::core::DependencyCall& call) override {
    if (!recording.load(std::memory_order_relaxed)) return;
    const std::scoped_lock lock{mutex_};
    by_operation_[std::string(call.operation)].push_back(
        std::chrono::duration_cast<std::chrono::nanoseconds>(call.latency).count());
  }
  [[nodiscard]] std::map<std::string, std::vector<std::int64_t>> take() {
    const std::scoped_lock lock{mutex_};
    return std::exchange(by_operation_, {});
  }
  std::atomic<bool> recording{false};

 private:
  std::mutex mutex_;
  std::map<std::string, std::vector<std::int64_t>> by_operation_;
};

double percentile_us(const std::vector<std::int64_t>& sorted_ns, double p) {
  if (sorted_ns.empty()) return 0;
  const auto n = sorted_ns.size();
  auto rank = static_cast<std::size_t>(std::ceil(static_cast<double>(n) * p / 100.0));
  rank = std::clamp<std::size_t>(rank, 1, n);
  return static_cast<double>(sorted_ns[rank - 1]) / 1000.0;
}

boost::json::object quantiles(std::vector<std::int64_t> ns) {
  std::ranges::sort(ns);
  return {{"count", ns.size()},
          {"p50_us", percentile_us(ns, 50)},
          {"p95_us", percentile_us(ns, 95)},
          {"p99_us", percentile_us(ns, 99)}};
}

// The calls of one request of `sequence` for `user_id`; an error message, empty on success.
std::string one_sequence(const hub::apps::Storage& storage, const hub::services::ActivityRecorder& recorder,
                         const std::string& sequence, const std::string& user_id, std::uint64_t n) {
  constexpr std::int64_t kUnreachedLimit = 1'000'000'000;
  const std::string_view rate_class = sequence == "put-profile" ? "write" : "read";
  auto counted = storage.repositories.rate_counters->hit(fmt::format("{}:user:{}", rate_class, user_id),
                                                         kUnreachedLimit, std::chrono::seconds{60});
  if (!counted) return counted.error().detail;
  if (sequence == "session") return {};
  auto profile = storage.repositories.profiles->find(user_id);
  if (!profile) return profile.error().detail;
  if (!profile.value()) return "no profile for user " + user_id;
  if (sequence == "get-profile") return {};
  const auto& stored = *profile.value();
  auto changed = stored;
  changed.display_name = fmt::format("Bench {}", n);
  auto updated = storage.repositories.profiles->update(stored, std::move(changed));
  if (!updated) return updated.error().detail;
  // A failure to record is counted by the recorder (and logged), as in the service.
  recorder.record({.user_id = user_id, .request_id = fmt::format("bench-{}", n)}, "profile.updated",
                  std::nullopt, "changed display_name");
  return {};
}

struct Worker {
  std::vector<std::int64_t> latencies_ns;
  std::uint64_t errors = 0;
  std::string first_error;
};

std::vector<Worker> run_for(const hub::apps::Storage& storage,
                            const hub::services::ActivityRecorder& recorder, const Options& o,
                            const std::vector<std::string>& users, double seconds) {
  std::vector<Worker> workers(static_cast<std::size_t>(o.threads));
  const auto end =
      Clock::now() + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(seconds));
  auto loop = [&](std::size_t t) {
    Worker& w = workers[t];
    std::vector<const std::string*> mine;
    for (std::size_t i = t; i < users.size(); i += workers.size()) mine.push_back(&users[i]);
    if (mine.empty()) mine.push_back(&users[t % users.size()]);
    for (std::uint64_t n = 0;; ++n) {
      const auto t0 = Clock::now();
      if (t0 >= end) break;
      auto error = one_sequence(storage, recorder, o.sequence, *mine[n % mine.size()], n);
      w.latencies_ns.push_back(
          std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now() - t0).count());
      if (!error.empty() && w.errors++ == 0) w.first_error = std::move(error);
    }
  };
  {
    std::vector<std::jthread> pool;
    pool.reserve(workers.size());
    for (std::size_t t = 0; t < workers.size(); ++t) pool.emplace_back(loop, t);
  }
  return workers;
}

int run(int argc, char** argv) {
  const auto options = parse(argc, argv);
  const auto users = read_users(options.users_file);
  const auto env = hub::core::process_environment();
  auto config = hub::core::load_config(env, hub::core::process_environment_names());
  if (!config) throw std::runtime_error(hub::core::describe_config_error(config.error()));
  auto observer = std::make_shared<CallLatencies>();
  auto storage = hub::apps::connect_storage(config.value(), env, observer);
  if (!storage) throw std::runtime_error(hub::core::describe_config_error(storage.error()));
  const hub::services::ActivityRecorder recorder{*storage.value()->repositories.activity};

  if (options.warmup > 0) (void)run_for(*storage.value(), recorder, options, users, options.warmup);
  observer->recording = true;
  const auto failures_before = recorder.failures();
  const auto t0 = Clock::now();
  auto workers = run_for(*storage.value(), recorder, options, users, options.seconds);
  const double elapsed = std::chrono::duration<double>(Clock::now() - t0).count();
  observer->recording = false;

  std::vector<std::int64_t> all;
  std::uint64_t errors = recorder.failures() - failures_before;
  std::string first_error = errors != 0 ? "activity entries not recorded (see the log)" : "";
  for (auto& w : workers) {
    all.insert(all.end(), w.latencies_ns.begin(), w.latencies_ns.end());
    errors += w.errors;
    if (first_error.empty()) first_error = w.first_error;
  }
  boost::json::object operations;
  for (auto& [operation, ns] : observer->take()) operations[operation] = quantiles(std::move(ns));
  const auto count = all.size();
  boost::json::object out{{"sequence", options.sequence},
                          {"threads", options.threads},
                          {"users", users.size()},
                          {"seconds", elapsed},
                          {"iterations_per_second", static_cast<double>(count) / elapsed},
                          {"errors", errors},
                          {"sequence_latency", quantiles(std::move(all))},
                          {"operations", std::move(operations)}};
  if (errors != 0) out["first_error"] = first_error;
  std::ofstream file(options.out_file);
  file << boost::json::serialize(out) << '\n';
  if (!file) throw std::runtime_error("cannot write " + options.out_file);
  return errors == 0 ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  return hub::bench::bench_main("bench-storage-calls", [&] { return run(argc, argv); });
}
