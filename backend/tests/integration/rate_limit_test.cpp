// Rate limiting on the real table: two independent middleware stacks, each with its own HTTP
// client, DynamoDB client, table and store (as two processes have), share one count per subject
// and window; and a store that cannot reach the table is an error the store-error rule handles.
#include <atomic>
#include <chrono>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "apps/common/rate_limit_store.hpp"
#include "aws/curl_http_client.hpp"
#include "core/metrics.hpp"
#include "core/ulid.hpp"
#include "data/repositories.hpp"
#include "emulators.hpp"
#include "http/middleware.hpp"
#include "middleware/rate_limit.hpp"

namespace hub::middleware {
namespace {

using namespace std::chrono_literals;

constexpr std::int64_t kLimit = 5;

std::shared_ptr<http::Router> public_router() {
  auto router = std::make_shared<http::Router>();
  router->add("GET", "/ping", [](const http::Request&) -> Result<http::Response> {
    return http::Response::json(200, json::object{{"pong", true}});
  });
  return router;
}

// What one process has: its own transport, clients, table, repositories, store and pipeline.
struct Instance {
  Instance(const std::string& endpoint, const std::string& table, core::RateLimitConfig config,
           int max_attempts = 3)
      : client(hub::testing::dynamodb_client(endpoint, max_attempts, transport)),
        data(client, table, "integration-test-cursor-key-0123456789abcdef"),
        repositories(data::dynamodb_repositories(data, std::chrono::days{1})),
        store(std::make_shared<apps::TableRateLimitStore>(
            std::shared_ptr<const data::RateCounterRepository>(std::move(repositories.rate_counters)))),
        router(public_router()),
        pipeline({std::make_shared<RateLimitMiddleware>(
                     std::make_shared<RateLimiter>(store, std::move(config), metrics), router)},
                 router) {}

  http::Response get(const std::string& address) const {
    http::Request request;
    request.method = "GET";
    request.path = "/ping";
    request.remote_address = address;
    request.request_id = core::new_ulid();
    return pipeline.handle(request);
  }

  aws::CurlHttpClient transport;
  aws::dynamodb::DynamoDbClient client;
  data::Table data;
  data::Repositories repositories;
  std::shared_ptr<const RateLimitStore> store;
  core::MetricsRegistry metrics;
  std::shared_ptr<http::Router> router;
  http::Pipeline pipeline;
};

core::RateLimitConfig limits(
    core::RateLimitStoreErrorPolicy on_store_error = core::RateLimitStoreErrorPolicy::allow) {
  core::RateLimitConfig config;
  // A day-long window: the test never straddles two windows in practice.
  config.limits.insert_or_assign("public", core::RateLimit{.limit = kLimit, .window = 24h});
  config.on_store_error = on_store_error;
  config.store_timeout = 5s;  // the emulators are slow; this test is about sharing, not speed
  return config;
}

class SharedRateLimit : public hub::testing::EmulatorTest {};

TEST_P(SharedRateLimit, TwoInstancesOnOneTableShareOneCount) {
  const Instance a(GetParam().url, table_name(), limits());
  const Instance b(GetParam().url, table_name(), limits());
  const std::string address = "198.51.100.7";

  std::vector<std::string> remaining;
  for (int i = 0; i < 4; ++i) {
    const auto& instance = i % 2 == 0 ? a : b;
    const auto res = instance.get(address);
    ASSERT_EQ(res.status, 200) << res.body;
    EXPECT_EQ(res.headers.get("RateLimit-Policy"), R"("public";q=5;w=86400)");
    remaining.emplace_back(res.headers.get("RateLimit")->substr(0, 14));
  }
  EXPECT_EQ(remaining, (std::vector<std::string>{R"("public";r=4;t)", R"("public";r=3;t)",
                                                 R"("public";r=2;t)", R"("public";r=1;t)"}))
      << "each instance sees the other's requests";
  EXPECT_EQ(b.get(address).status, 200) << "the fifth, from either";
  for (const auto* instance : {&a, &b}) {
    const auto refused = instance->get(address);
    EXPECT_EQ(refused.status, 429);
    EXPECT_TRUE(refused.headers.contains("Retry-After"));
    EXPECT_EQ(refused.headers.get("RateLimit")->substr(0, 14), R"("public";r=0;t)");
  }
  EXPECT_EQ(a.get("203.0.113.77").status, 200) << "another address has its own count";
  EXPECT_EQ(a.metrics.snapshot().rate_limit.rejected_total, 1U);
  EXPECT_EQ(b.metrics.snapshot().rate_limit.rejected_total, 1U);
}

TEST_P(SharedRateLimit, AnUnreachableTableIsAStoreErrorTheRuleDecides) {
  // Port 9 (discard) is closed on loopback: every attempt is refused at once.
  const Instance allow("http://127.0.0.1:9", table_name(), limits(), 1);
  const auto served = allow.get("192.0.2.201");
  EXPECT_EQ(served.status, 200);
  EXPECT_EQ(served.headers.get("RateLimit-Policy"), R"("public";q=5;w=86400)");
  EXPECT_FALSE(served.headers.contains("RateLimit"));
  EXPECT_EQ(allow.metrics.snapshot().rate_limit.store_errors, 1U);

  const Instance deny("http://127.0.0.1:9", table_name(), limits(core::RateLimitStoreErrorPolicy::deny), 1);
  EXPECT_EQ(deny.get("192.0.2.201").status, 503);
}

INSTANTIATE_TEST_SUITE_P(Emulators, SharedRateLimit, ::testing::ValuesIn(hub::testing::emulators()),
                         hub::testing::EmulatorName{});

// DynamoDB Local only: moto server checks a ConditionExpression and applies the update as two
// steps without a lock, so concurrent hits can pass the limit there (observed: 6 of 16 allowed
// with a limit of 5). DynamoDB, like DynamoDB Local, checks and updates atomically.
class AtomicSharedRateLimit : public hub::testing::EmulatorTest {};

TEST_P(AtomicSharedRateLimit, ConcurrentRequestsThroughBothInstancesAllowExactlyTheLimit) {
  const Instance a(GetParam().url, table_name(), limits());
  const Instance b(GetParam().url, table_name(), limits());
  std::atomic<int> allowed{0};
  std::atomic<int> refused{0};
  std::mutex mutex;
  std::vector<std::string> others;
  std::vector<std::thread> threads;
  threads.reserve(4);
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      const auto& instance = t % 2 == 0 ? a : b;
      for (int i = 0; i < 4; ++i) {
        const auto res = instance.get("192.0.2.200");
        if (res.status == 200) {
          ++allowed;
        } else if (res.status == 429) {
          ++refused;
        } else {
          const std::scoped_lock lock(mutex);
          others.push_back(std::to_string(res.status) + " " + res.body);
        }
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(allowed.load(), kLimit);
  EXPECT_EQ(refused.load(), 16 - kLimit);
  EXPECT_TRUE(others.empty()) << others.front();
}

std::vector<hub::testing::Emulator> atomic_emulators() {
  auto all = hub::testing::emulators();
  std::erase_if(all, [](const auto& e) { return e.name == "moto"; });
  return all;
}

INSTANTIATE_TEST_SUITE_P(Emulators, AtomicSharedRateLimit, ::testing::ValuesIn(atomic_emulators()),
                         hub::testing::EmulatorName{});

}  // namespace
}  // namespace hub::middleware
