// Rate limiting: who a request counts against, under which class, what a refused caller is told
// (the exact RateLimit fields), what happens when the store fails, and where it sits in the stack.
#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "core/auth/permissions.hpp"
#include "core/config.hpp"
#include "core/deadline.hpp"
#include "core/metrics.hpp"
#include "middleware/authentication.hpp"
#include "middleware/rate_limit.hpp"
#include "middleware/standard_stack.hpp"
#include "support/capture_log.hpp"
#include "support/fake_auth.hpp"
#include "support/fake_clock.hpp"
#include "support/pipeline.hpp"

namespace hub::middleware {
namespace {

using namespace std::chrono_literals;
using core::auth::Permission;
using hub::testing::FakeAuth;
using hub::testing::FakeClock;
using hub::testing::json_body;
using hub::testing::LogCapture;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

// Counts in memory like the table does: a fixed window whose end is always `reset` away.
class FakeStore final : public RateLimitStore {
 public:
  struct Call {
    std::string key;
    std::int64_t limit = 0;
    std::chrono::seconds window{0};
    std::chrono::milliseconds budget{0};  // what was left of the deadline the call ran under
  };

  [[nodiscard]] Result<RateLimitCount> hit(std::string_view key, std::int64_t limit,
                                           std::chrono::seconds window) const override {
    const std::scoped_lock lock(mutex_);
    calls_.push_back({std::string(key), limit, window, core::current_deadline().remaining_ms()});
    if (failing)
      return Error::make(ErrorCode::DEPENDENCY_UNAVAILABLE, "Storage is unavailable; retry later.");
    auto& count = counts_[std::string(key)];
    if (count >= limit) return RateLimitCount{.count = count, .allowed = false, .reset = reset};
    ++count;
    return RateLimitCount{.count = count, .allowed = true, .reset = reset};
  }

  [[nodiscard]] std::vector<Call> calls() const {
    const std::scoped_lock lock(mutex_);
    return calls_;
  }
  [[nodiscard]] std::vector<std::string> keys() const {
    std::vector<std::string> out;
    for (const auto& call : calls()) out.push_back(call.key);
    return out;
  }
  void forget() {
    const std::scoped_lock lock(mutex_);
    counts_.clear();
  }

  bool failing = false;
  std::chrono::seconds reset{37};

 private:
  mutable std::mutex mutex_;
  mutable std::map<std::string, std::int64_t> counts_;
  mutable std::vector<Call> calls_;
};

// GET /public (public), GET /me (session:read), POST /notes (own-profile, 201), GET /admin
// (metrics:read: 403 for members), GET /search (class "search"), GET /bulk (class "bulk", which
// has no limit), GET /refuse (session:read; the handler itself answers 403).
std::shared_ptr<http::Router> limited_router(int& handler_calls) {
  auto router = std::make_shared<http::Router>();
  const auto ok = [&handler_calls](int status) {
    return [&handler_calls, status](const http::Request&) -> Result<http::Response> {
      ++handler_calls;
      return http::Response::json(status, json::object{{"ok", true}});
    };
  };
  router->add("GET", "/public", ok(200));
  router->add("GET", "/me", ok(200), "Me", Permission::session_read);
  router->add("POST", "/notes", ok(201), "Note", Permission::own_profile);
  router->add("GET", "/admin", ok(200), "Admin", Permission::metrics_read);
  router->add("GET", "/search", ok(200), "Search", Permission::session_read, "search");
  router->add("GET", "/bulk", ok(200), "Bulk", Permission::session_read, "bulk");
  router->add(
      "GET", "/refuse",
      [&handler_calls](const http::Request&) -> Result<http::Response> {
        ++handler_calls;
        return Error::make(ErrorCode::FORBIDDEN, "Not this one.");
      },
      "Refuse", Permission::session_read);
  return router;
}

core::RateLimitConfig small_limits() {
  core::RateLimitConfig config;
  config.limits = {{"public", {.limit = 2, .window = 60s}},
                   {"read", {.limit = 3, .window = 60s}},
                   {"write", {.limit = 1, .window = 3600s}},
                   {"search", {.limit = 1, .window = 10s}},
                   {"auth-failure", {.limit = 2, .window = 60s}}};
  return config;
}

struct RateLimiting : ::testing::Test {
  FakeAuth auth;
  int handler_calls = 0;
  std::shared_ptr<http::Router> router = limited_router(handler_calls);
  std::shared_ptr<FakeStore> store = std::make_shared<FakeStore>();
  core::MetricsRegistry metrics;
  FakeClock clock{1'800'000'000};
  core::RateLimitConfig config = small_limits();
  std::unique_ptr<http::Pipeline> pipeline;

  void SetUp() override { build(); }

  // What standard_stack puts around authentication.
  void build() {
    auto limiter = std::make_shared<RateLimiter>(store, config, metrics, clock);
    pipeline = std::make_unique<http::Pipeline>(
        std::vector<std::shared_ptr<const http::Middleware>>{
            std::make_shared<AuthenticationRateLimitMiddleware>(limiter, router),
            std::make_shared<AuthenticationMiddleware>(auth.authenticator, router),
            std::make_shared<RateLimitMiddleware>(limiter, router)},
        router);
  }

  http::Response call(std::string method, std::string path, std::string_view token = {},
                      std::string address = "192.0.2.10") const {
    auto req = hub::testing::request(std::move(method), std::move(path));
    req.request_id = "rid-rate";
    req.remote_address = std::move(address);
    if (!token.empty()) req.headers.set("Authorization", fmt::format("Bearer {}", token));
    return pipeline->handle(req);
  }
};

void expect_fields(const http::Response& res, std::string_view policy, std::string_view limit) {
  EXPECT_EQ(res.headers.get("RateLimit-Policy"), policy);
  EXPECT_EQ(res.headers.get("RateLimit"), limit);
}

void expect_rate_limited(const http::Response& res, std::string_view retry_after) {
  EXPECT_EQ(res.status, 429);
  EXPECT_EQ(res.headers.get("Content-Type"), "application/problem+json");
  EXPECT_EQ(res.headers.get("Retry-After"), retry_after);
  const auto body = json_body(res);
  EXPECT_EQ(body.at("code").as_string(), "RATE_LIMITED");
  EXPECT_EQ(body.at("status").as_int64(), 429);
  EXPECT_EQ(body.at("request_id").as_string(), "rid-rate");
}

TEST_F(RateLimiting, AUserGetsTheLimitThenA429WithRetryAfterAndTheFields) {
  for (const auto* remaining : {"2", "1", "0"}) {
    const auto res = call("GET", "/me", "good-alice");
    EXPECT_EQ(res.status, 200);
    expect_fields(res, R"("read";q=3;w=60)", fmt::format(R"("read";r={};t=37)", remaining));
    EXPECT_FALSE(res.headers.contains("Retry-After"));
  }
  const auto refused = call("GET", "/me", "good-alice");
  expect_rate_limited(refused, "37");
  expect_fields(refused, R"("read";q=3;w=60)", R"("read";r=0;t=37)");
  EXPECT_EQ(json_body(refused).at("detail").as_string(),
            "Too many requests: the read limit is 3 per 60 seconds. Retry after 37 seconds.");
  EXPECT_EQ(handler_calls, 3) << "the refused request never reached its handler";
  EXPECT_THAT(store->keys(),
              ElementsAre("read:user:alice", "read:user:alice", "read:user:alice", "read:user:alice"));
  EXPECT_EQ(store->calls().front().limit, 3);
  EXPECT_EQ(store->calls().front().window, 60s);
}

TEST_F(RateLimiting, EachUserHasTheirOwnCountWhateverTheAddress) {
  for (int i = 0; i < 3; ++i) EXPECT_EQ(call("GET", "/me", "good-alice").status, 200);
  EXPECT_EQ(call("GET", "/me", "good-alice", "198.51.100.7").status, 429) << "a new address is no way out";
  const auto bob = call("GET", "/me", "good-bob");
  EXPECT_EQ(bob.status, 200) << "same address, another user";
  expect_fields(bob, R"("read";q=3;w=60)", R"("read";r=2;t=37)");
}

TEST_F(RateLimiting, AnonymousRequestsCountPerClientAddress) {
  EXPECT_EQ(call("GET", "/public", {}, "192.0.2.1").status, 200);
  const auto second = call("GET", "/public", {}, "192.0.2.1");
  expect_fields(second, R"("public";q=2;w=60)", R"("public";r=0;t=37)");
  expect_rate_limited(call("GET", "/public", {}, "192.0.2.1"), "37");
  EXPECT_EQ(call("GET", "/public", {}, "192.0.2.2").status, 200);
  // A token on a public route is not read: the address still counts.
  EXPECT_EQ(call("GET", "/public", "good-alice", "192.0.2.1").status, 429);
  EXPECT_THAT(store->keys(), ElementsAre("public:ip:192.0.2.1", "public:ip:192.0.2.1", "public:ip:192.0.2.1",
                                         "public:ip:192.0.2.2"));
}

TEST_F(RateLimiting, ReadsAndWritesCountSeparately) {
  const auto written = call("POST", "/notes", "good-alice");
  EXPECT_EQ(written.status, 201);
  expect_fields(written, R"("write";q=1;w=3600)", R"("write";r=0;t=37)");
  expect_rate_limited(call("POST", "/notes", "good-alice"), "37");
  EXPECT_EQ(call("GET", "/me", "good-alice").status, 200) << "reading is another budget";
  EXPECT_THAT(store->keys(), ElementsAre("write:user:alice", "write:user:alice", "read:user:alice"));
}

TEST_F(RateLimiting, HeadCountsAsARead) {
  const auto res = call("HEAD", "/me", "good-alice");
  EXPECT_EQ(res.status, 200);
  expect_fields(res, R"("read";q=3;w=60)", R"("read";r=2;t=37)");
}

TEST_F(RateLimiting, ARouteMayNameItsOwnClassAndAnUnconfiguredOneCountsAsReadOrWrite) {
  const auto search = call("GET", "/search", "good-alice");
  expect_fields(search, R"("search";q=1;w=10)", R"("search";r=0;t=37)");
  EXPECT_EQ(call("GET", "/search", "good-alice").status, 429);
  const auto bulk = call("GET", "/bulk", "good-alice");
  EXPECT_EQ(bulk.status, 200);
  expect_fields(bulk, R"("read";q=3;w=60)", R"("read";r=2;t=37)");
  EXPECT_THAT(store->keys(), ElementsAre("search:user:alice", "search:user:alice", "read:user:alice"));
}

TEST_F(RateLimiting, ARouteWithoutALimitIsLoggedOnceAtStart) {
  LogCapture capture;
  build();
  const auto lines =
      capture.sink().with_message("a rate class has no limit: its routes count as read or write by method");
  ASSERT_EQ(lines.size(), 1U);
  EXPECT_EQ(lines[0].at("rate_class").as_string(), "bulk");
}

TEST_F(RateLimiting, PathsNoRouteServesCountAsPublicPerAddress) {
  const auto missing = call("GET", "/nope", "good-alice");
  EXPECT_EQ(missing.status, 404);
  expect_fields(missing, R"("public";q=2;w=60)", R"("public";r=1;t=37)");
  const auto wrong_method = call("DELETE", "/me", "good-alice");
  EXPECT_EQ(wrong_method.status, 405);
  expect_fields(wrong_method, R"("public";q=2;w=60)", R"("public";r=0;t=37)");
  expect_rate_limited(call("GET", "/nope"), "37");
  EXPECT_THAT(store->keys(),
              ElementsAre("public:ip:192.0.2.10", "public:ip:192.0.2.10", "public:ip:192.0.2.10"));
}

TEST_F(RateLimiting, OptionsRequestsAreNeverCounted) {
  for (int i = 0; i < 5; ++i) {
    for (const auto* path : {"/me", "/public", "/nope"}) {
      const auto res = call("OPTIONS", path, "good-alice");
      EXPECT_FALSE(res.headers.contains("RateLimit-Policy"));
      EXPECT_NE(res.status, 429);
    }
  }
  EXPECT_TRUE(store->calls().empty());
}

TEST_F(RateLimiting, FailedAuthenticationsCountAgainstTheAddressThenNoTokenIsEvenVerified) {
  const auto first = call("GET", "/me", "forged-1");
  EXPECT_EQ(first.status, 401);
  EXPECT_TRUE(first.headers.contains("WWW-Authenticate"));
  expect_fields(first, R"("auth-failure";q=2;w=60)", R"("auth-failure";r=1;t=37)");
  const auto second = call("GET", "/me");  // no token at all counts too
  EXPECT_EQ(second.status, 401);
  expect_fields(second, R"("auth-failure";q=2;w=60)", R"("auth-failure";r=0;t=37)");
  const auto third = call("POST", "/notes", "forged-2");
  expect_rate_limited(third, "37");
  expect_fields(third, R"("auth-failure";q=2;w=60)", R"("auth-failure";r=0;t=37)");
  EXPECT_FALSE(third.headers.contains("WWW-Authenticate"));

  // The address is refused for the rest of the window: no token from it is verified.
  const int verified = auth.verifier->calls;
  expect_rate_limited(call("GET", "/me", "forged-3"), "37");
  expect_rate_limited(call("GET", "/me", "good-alice"), "37");
  EXPECT_EQ(auth.verifier->calls, verified);
  EXPECT_EQ(call("GET", "/public").status, 200) << "public routes have their own budget";
  EXPECT_EQ(call("GET", "/me", "good-alice", "192.0.2.99").status, 200) << "another address is untouched";
  EXPECT_THAT(store->keys(),
              ElementsAre("auth-failure:ip:192.0.2.10", "auth-failure:ip:192.0.2.10",
                          "auth-failure:ip:192.0.2.10", "public:ip:192.0.2.10", "read:user:alice"));

  clock.advance(37s);
  store->forget();  // the window has ended
  EXPECT_EQ(call("GET", "/me", "good-alice").status, 200);
}

TEST_F(RateLimiting, AForbiddenRequestCountsAgainstItsUser) {
  for (const auto* remaining : {"2", "1", "0"}) {
    const auto res = call("GET", "/admin", "good-alice");
    EXPECT_EQ(res.status, 403);
    expect_fields(res, R"("read";q=3;w=60)", fmt::format(R"("read";r={};t=37)", remaining));
  }
  expect_rate_limited(call("GET", "/admin", "good-alice"), "37");
  EXPECT_EQ(call("GET", "/me", "good-alice").status, 429) << "one budget for the user's reads";
  EXPECT_EQ(handler_calls, 0);
}

TEST_F(RateLimiting, ARefusalAnsweredByTheHandlerCountsOnce) {
  const auto res = call("GET", "/refuse", "good-alice");
  EXPECT_EQ(res.status, 403);
  expect_fields(res, R"("read";q=3;w=60)", R"("read";r=2;t=37)");
  EXPECT_EQ(store->calls().size(), 1U);
}

TEST_F(RateLimiting, ARefusedSubjectIsRefusedWithoutAskingTheStoreUntilItsWindowEnds) {
  for (int i = 0; i < 4; ++i) (void)call("GET", "/me", "good-alice");
  ASSERT_EQ(store->calls().size(), 4U);
  clock.advance(30s);
  const auto again = call("GET", "/me", "good-alice");
  expect_rate_limited(again, "7");
  expect_fields(again, R"("read";q=3;w=60)", R"("read";r=0;t=7)");
  EXPECT_EQ(store->calls().size(), 4U) << "the table was not written for a known refusal";

  clock.advance(7s);
  store->forget();
  EXPECT_EQ(call("GET", "/me", "good-alice").status, 200);
  EXPECT_EQ(store->calls().size(), 5U);
}

TEST_F(RateLimiting, RejectionsAreCountedInTheMetricsByClass) {
  for (int i = 0; i < 4; ++i) (void)call("GET", "/me", "good-alice");
  for (int i = 0; i < 3; ++i) (void)call("GET", "/me", "forged");
  (void)call("GET", "/me", "forged");  // refused from memory: still a rejection
  const auto snapshot = metrics.snapshot();
  EXPECT_EQ(snapshot.rate_limit.rejected_total, 3U);
  EXPECT_EQ(snapshot.rate_limit.rejected_by_class,
            (std::map<std::string, std::uint64_t>{{"auth-failure", 2}, {"read", 1}}));
  EXPECT_EQ(snapshot.rate_limit.store_errors, 0U);
}

TEST_F(RateLimiting, TheStoreCallHasItsOwnBudget) {
  config.store_timeout = 250ms;
  build();
  const core::ScopedDeadline request_deadline{core::Deadline::after(10s)};
  (void)call("GET", "/me", "good-alice");
  ASSERT_EQ(store->calls().size(), 1U);
  EXPECT_LE(store->calls()[0].budget, 250ms);
}

TEST_F(RateLimiting, WhenTheStoreFailsAndTheRuleIsAllowTheRequestIsServedLoggedAndCounted) {
  LogCapture capture;
  store->failing = true;
  const auto res = call("GET", "/me", "good-alice");
  EXPECT_EQ(res.status, 200);
  EXPECT_EQ(res.headers.get("RateLimit-Policy"), R"("read";q=3;w=60)");
  EXPECT_FALSE(res.headers.contains("RateLimit")) << "the count is unknown";
  EXPECT_EQ(handler_calls, 1);
  EXPECT_EQ(call("GET", "/me", "forged").status, 401) << "a failed authentication stays a 401";
  EXPECT_EQ(metrics.snapshot().rate_limit.store_errors, 2U);
  EXPECT_EQ(metrics.snapshot().rate_limit.rejected_total, 0U);
  const auto lines = capture.sink().with_message("rate limit counter could not be updated");
  ASSERT_EQ(lines.size(), 2U);
  EXPECT_EQ(lines[0].at("level").as_string(), "WARNING");
  EXPECT_EQ(lines[0].at("rate_class").as_string(), "read");
  EXPECT_EQ(lines[0].at("on_store_error").as_string(), "allow");
  EXPECT_EQ(lines[0].at("code").as_string(), "DEPENDENCY_UNAVAILABLE");
}

TEST_F(RateLimiting, WhenTheStoreFailsAndTheRuleIsDenyTheRequestGets503) {
  config.on_store_error = core::RateLimitStoreErrorPolicy::deny;
  build();
  store->failing = true;
  const auto res = call("GET", "/me", "good-alice");
  EXPECT_EQ(res.status, 503);
  EXPECT_EQ(json_body(res).at("code").as_string(), "DEPENDENCY_UNAVAILABLE");
  EXPECT_EQ(res.headers.get("RateLimit-Policy"), R"("read";q=3;w=60)");
  EXPECT_FALSE(res.headers.contains("RateLimit"));
  EXPECT_EQ(handler_calls, 0);
  EXPECT_EQ(call("GET", "/me", "forged").status, 401);
  EXPECT_EQ(metrics.snapshot().rate_limit.store_errors, 2U);
}

TEST_F(RateLimiting, MissingStandardClassesTakeTheirDefaults) {
  config.limits = {{"read", {.limit = 1, .window = 1s}}};
  build();
  expect_fields(call("GET", "/public"), R"("public";q=300;w=60)", R"("public";r=299;t=37)");
  expect_fields(call("POST", "/notes", "good-alice"), R"("write";q=120;w=60)", R"("write";r=119;t=37)");
  expect_fields(call("GET", "/search", "good-alice"), R"("read";q=1;w=1)", R"("read";r=0;t=37)");
}

TEST(RateLimitSubjects, UsersByTheirIdAndAnonymousCallersByAddress) {
  EXPECT_EQ(RateLimiter::user_subject("3f2c9a4e"), "user:3f2c9a4e");
  EXPECT_EQ(RateLimiter::client_subject("203.0.113.9"), "ip:203.0.113.9");
  EXPECT_EQ(RateLimiter::client_subject("2001:db8:1:2:aa:bb:cc:dd"), "ip:2001:db8:1:2::/64");
  EXPECT_EQ(RateLimiter::client_subject("2001:db8:1:2::1"), "ip:2001:db8:1:2::/64");
  EXPECT_EQ(RateLimiter::client_subject("::ffff:203.0.113.9"), "ip:203.0.113.9");
  EXPECT_EQ(RateLimiter::client_subject("::1"), "ip:0:0:0:0::/64");
  EXPECT_EQ(RateLimiter::client_subject(""), "ip:unknown");
}

TEST(RefusalMemoryTest, ForgetsWhenFullAndNothingHasExpired) {
  FakeClock clock{1'000};
  RefusalMemory memory(clock, 2);
  memory.remember("a", 10s);
  memory.remember("b", 10s);
  EXPECT_EQ(memory.refused_for("a"), 10s);
  memory.remember("c", 5s);  // full, none expired: starts afresh
  EXPECT_FALSE(memory.refused_for("a").has_value());
  EXPECT_EQ(memory.refused_for("c"), 5s);
  clock.advance(5s);
  EXPECT_FALSE(memory.refused_for("c").has_value());
}

// ---- in the standard stack -------------------------------------------------------------------

constexpr std::string_view kOrigin = "https://hub.example.org";

struct StandardStackRateLimiting : ::testing::Test {
  FakeAuth auth;
  int handler_calls = 0;
  std::shared_ptr<http::Router> router = limited_router(handler_calls);
  std::shared_ptr<FakeStore> store = std::make_shared<FakeStore>();
  core::MetricsRegistry metrics;
  core::Config config = [] {
    core::Config c;
    c.cors_allowed_origins = {std::string(kOrigin)};
    c.rate_limit = small_limits();
    return c;
  }();

  [[nodiscard]] static http::Response call(const http::Pipeline& p, std::string method, std::string path) {
    auto req = hub::testing::request(std::move(method), std::move(path));
    req.remote_address = "192.0.2.10";
    req.headers.set("Origin", kOrigin);
    req.headers.set("X-Request-Id", "rid-stack-1");
    req.headers.set("Authorization", "Bearer good-alice");
    return p.handle(req);
  }
};

TEST_F(StandardStackRateLimiting, A429CarriesTheRequestIdSecurityAndCorsHeadersAndIsLoggedUnderItsRoute) {
  LogCapture capture;
  const http::Pipeline p(standard_stack(config, metrics, auth.authenticator, router, store), router);
  for (int i = 0; i < 3; ++i) EXPECT_EQ(call(p, "GET", "/me").status, 200);
  const auto res = call(p, "GET", "/me");
  EXPECT_EQ(res.status, 429);
  EXPECT_EQ(res.headers.get("X-Request-Id"), "rid-stack-1");
  EXPECT_EQ(json_body(res).at("request_id").as_string(), "rid-stack-1");
  EXPECT_EQ(res.headers.get("X-Content-Type-Options"), "nosniff");
  EXPECT_TRUE(res.headers.contains("Strict-Transport-Security"));
  EXPECT_EQ(res.headers.get("Access-Control-Allow-Origin"), kOrigin);
  EXPECT_THAT(std::string(*res.headers.get("Access-Control-Expose-Headers")),
              HasSubstr("Retry-After, RateLimit, RateLimit-Policy"));
  EXPECT_EQ(res.headers.get("Retry-After"), "37");
  EXPECT_EQ(res.headers.get("RateLimit"), R"("read";r=0;t=37)");

  const auto logged = capture.sink().with_message("request");
  ASSERT_EQ(logged.size(), 4U);
  EXPECT_EQ(logged.back().at("status").as_int64(), 429);
  EXPECT_EQ(logged.back().at("route").as_string(), "/me");
  for (const auto& route : metrics.snapshot().routes) {
    if (route.route == "GET /me") {
      EXPECT_EQ(route.status.at("4xx"), 1U);
    }
  }
}

TEST_F(StandardStackRateLimiting, APreflightIsAnsweredWithoutCounting) {
  const http::Pipeline p(standard_stack(config, metrics, auth.authenticator, router, store), router);
  auto req = hub::testing::request("OPTIONS", "/me");
  req.headers.set("Origin", kOrigin);
  req.headers.set("Access-Control-Request-Method", "GET");
  req.headers.set("Access-Control-Request-Headers", "Authorization");
  EXPECT_EQ(p.handle(req).status, 204);
  EXPECT_TRUE(store->calls().empty());
}

TEST_F(StandardStackRateLimiting, NoStoreOrDisabledMeansNoRateLimiting) {
  const http::Pipeline without_store(standard_stack(config, metrics, auth.authenticator, router), router);
  config.rate_limit.enabled = false;
  const http::Pipeline disabled(standard_stack(config, metrics, auth.authenticator, router, store), router);
  for (const auto* p : {&without_store, &disabled}) {
    for (int i = 0; i < 5; ++i) {
      const auto res = call(*p, "GET", "/me");
      EXPECT_EQ(res.status, 200);
      EXPECT_FALSE(res.headers.contains("RateLimit-Policy"));
    }
  }
  EXPECT_TRUE(store->calls().empty());
}

}  // namespace
}  // namespace hub::middleware
