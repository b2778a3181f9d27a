#include <chrono>
#include <cstdint>
#include <map>
#include <regex>
#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>
#include <boost/json/parse.hpp>

#include "core/clock.hpp"
#include "core/latency_histogram.hpp"
#include "core/log.hpp"
#include "core/metrics.hpp"

namespace hub::core {
namespace {

using std::chrono::microseconds;
using std::chrono::milliseconds;
using std::chrono::nanoseconds;
using std::chrono::seconds;
using H = LatencyHistogram;

TEST(LatencyHistogram, FirstOctaveIsExact) {
  for (std::uint64_t us = 0; us < 8; ++us) {
    EXPECT_EQ(H::bucket_of(us), static_cast<int>(us));
    EXPECT_EQ(H::upper_bound_micros(static_cast<int>(us)), us + 1);
  }
}

TEST(LatencyHistogram, BucketOfIsMonotonicAndUpperBoundsContainTheValue) {
  int previous = 0;
  // Every value up to 64 Ki µs, then a geometric walk up to the top bucket.
  std::uint64_t us = 0;
  while (us < (std::uint64_t{1} << 34)) {
    const int b = H::bucket_of(us);
    ASSERT_GE(b, previous) << us;
    ASSERT_LT(b, H::kBuckets);
    ASSERT_LT(us, H::upper_bound_micros(b)) << us;
    if (b > 0) {
      ASSERT_GE(us, H::upper_bound_micros(b - 1)) << us;
    }
    previous = b;
    us = us < 65536 ? us + 1 : us + us / 97;
  }
}

TEST(LatencyHistogram, UpperBoundsStrictlyIncrease) {
  for (int b = 1; b < H::kBuckets; ++b) {
    EXPECT_GT(H::upper_bound_micros(b), H::upper_bound_micros(b - 1)) << b;
  }
}

TEST(LatencyHistogram, HugeValuesLandInTheLastBucket) {
  EXPECT_EQ(H::bucket_of(std::uint64_t{1} << 40), H::kBuckets - 1);
  EXPECT_EQ(H::bucket_of(UINT64_MAX), H::kBuckets - 1);
}

TEST(LatencyHistogram, EmptyGivesZero) {
  const H h;
  EXPECT_EQ(h.count(), 0U);
  EXPECT_EQ(h.quantile_ms(0.5), 0.0);
  EXPECT_EQ(h.quantile_ms(0.99), 0.0);
}

TEST(LatencyHistogram, NegativeDurationCountsAsZero) {
  H h;
  h.record(nanoseconds{-5000});
  EXPECT_EQ(h.count(), 1U);
  EXPECT_LE(h.quantile_ms(1.0), 0.001);
}

void expect_within_an_eighth(double got, double truth) {
  EXPECT_GE(got, truth * (1 - 1.0 / 8)) << "true " << truth;
  EXPECT_LE(got, truth * (1 + 1.0 / 8)) << "true " << truth;
}

TEST(LatencyHistogram, QuantilesOfUniformDistributionWithinAnEighth) {
  H h;
  for (int ms = 1; ms <= 1000; ++ms) h.record(milliseconds{ms});
  EXPECT_EQ(h.count(), 1000U);
  expect_within_an_eighth(h.quantile_ms(0.50), 500.0);
  expect_within_an_eighth(h.quantile_ms(0.95), 950.0);
  expect_within_an_eighth(h.quantile_ms(0.99), 990.0);
  expect_within_an_eighth(h.quantile_ms(0.0), 1.0);
  expect_within_an_eighth(h.quantile_ms(1.0), 1000.0);
}

TEST(LatencyHistogram, QuantilesOfSkewedDistributionWithinAnEighth) {
  H h;
  // 90 fast requests at 2 ms, 9 at 40 ms, 1 at 3 s.
  for (int i = 0; i < 90; ++i) h.record(milliseconds{2});
  for (int i = 0; i < 9; ++i) h.record(milliseconds{40});
  h.record(seconds{3});
  expect_within_an_eighth(h.quantile_ms(0.50), 2.0);
  expect_within_an_eighth(h.quantile_ms(0.90), 2.0);
  expect_within_an_eighth(h.quantile_ms(0.95), 40.0);
  expect_within_an_eighth(h.quantile_ms(0.99), 40.0);
  expect_within_an_eighth(h.quantile_ms(1.0), 3000.0);
}

TEST(LatencyHistogram, MicrosecondValuesAreExact) {
  H h;
  h.record(microseconds{3});
  EXPECT_DOUBLE_EQ(h.quantile_ms(0.5), 0.004);  // upper bound of the 3 µs bucket
}

TEST(MetricsRegistry, ColdStartUntilFirstRecord) {
  MetricsRegistry m;
  auto s = m.snapshot();
  EXPECT_TRUE(s.cold_start);
  EXPECT_EQ(s.requests_total, 0U);
  EXPECT_TRUE(s.routes.empty());
  m.record("GET /x", 200, milliseconds{1});
  s = m.snapshot();
  EXPECT_FALSE(s.cold_start);
  EXPECT_EQ(s.requests_total, 1U);
}

TEST(MetricsRegistry, CountsByRouteAndStatusClass) {
  MetricsRegistry m;
  m.record("GET /x", 200, milliseconds{10});
  m.record("GET /x", 201, milliseconds{10});
  m.record("GET /x", 404, milliseconds{10});
  m.record("GET /x", 503, milliseconds{10});
  m.record("GET /x", 302, milliseconds{10});
  m.record("unmatched", 404, milliseconds{1});
  m.record("POST /y", 100, milliseconds{1});
  const auto s = m.snapshot();
  EXPECT_EQ(s.requests_total, 7U);
  ASSERT_EQ(s.routes.size(), 3U);
  const RouteMetrics* x = nullptr;
  const RouteMetrics* unmatched = nullptr;
  const RouteMetrics* y = nullptr;
  for (const auto& r : s.routes) {
    if (r.route == "GET /x") x = &r;
    if (r.route == "unmatched") unmatched = &r;
    if (r.route == "POST /y") y = &r;
  }
  ASSERT_NE(x, nullptr);
  ASSERT_NE(unmatched, nullptr);
  ASSERT_NE(y, nullptr);
  EXPECT_EQ(x->requests, 5U);
  EXPECT_EQ(x->status.at("1xx"), 0U);
  EXPECT_EQ(x->status.at("2xx"), 2U);
  EXPECT_EQ(x->status.at("3xx"), 1U);
  EXPECT_EQ(x->status.at("4xx"), 1U);
  EXPECT_EQ(x->status.at("5xx"), 1U);
  EXPECT_GE(x->latency_ms.p50, 10.0);
  EXPECT_LE(x->latency_ms.p99, 10.0 * 9 / 8);
  EXPECT_EQ(unmatched->requests, 1U);
  EXPECT_EQ(unmatched->status.at("4xx"), 1U);
  EXPECT_EQ(y->status.at("1xx"), 1U);
}

TEST(MetricsRegistry, CountsRateLimitRejectionsByClassAndStoreErrors) {
  MetricsRegistry m;
  auto s = m.snapshot();
  EXPECT_EQ(s.rate_limit.rejected_total, 0U);
  EXPECT_TRUE(s.rate_limit.rejected_by_class.empty());
  EXPECT_EQ(s.rate_limit.store_errors, 0U);
  m.record_rate_limited("read");
  m.record_rate_limited("read");
  m.record_rate_limited("auth-failure");
  m.record_rate_limit_store_error();
  s = m.snapshot();
  EXPECT_EQ(s.rate_limit.rejected_total, 3U);
  EXPECT_EQ(s.rate_limit.rejected_by_class,
            (std::map<std::string, std::uint64_t>{{"auth-failure", 1}, {"read", 2}}));
  EXPECT_EQ(s.rate_limit.store_errors, 1U);
  EXPECT_EQ(s.requests_total, 0U) << "rejections are requests the middleware counts, not extra ones";
}

TEST(MetricsRegistry, OutOfRangeStatusesAreClamped) {
  MetricsRegistry m;
  m.record("r", 0, milliseconds{1});
  m.record("r", 999, milliseconds{1});
  const auto s = m.snapshot();
  ASSERT_EQ(s.routes.size(), 1U);
  EXPECT_EQ(s.routes[0].status.at("1xx"), 1U);
  EXPECT_EQ(s.routes[0].status.at("5xx"), 1U);
}

TEST(MetricsRegistry, StartedAtIsRfc3339AndReadyFixesInitDuration) {
  MetricsRegistry m;
  m.mark_ready();
  const auto s = m.snapshot();
  EXPECT_TRUE(std::regex_match(s.started_at, std::regex(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z)")))
      << s.started_at;
  EXPECT_GE(s.init_duration_ms, 0.0);
  EXPECT_GE(s.uptime_seconds, 0.0);
  EXPECT_GE(s.uptime_seconds * 1000.0 + 1e-9, s.init_duration_ms);
}

TEST(Emf, DocumentShapeAndValues) {
  const SystemTime now{milliseconds{1'795'498'017'123}};
  const auto doc = boost::json::parse(emf_request_document("Hub/Test", "svc", "GET /users/{id}", 503,
                                                           microseconds{1500}, now))
                       .as_object();
  const auto& aws = doc.at("_aws").as_object();
  EXPECT_EQ(aws.at("Timestamp").to_number<std::int64_t>(), 1'795'498'017'123);
  const auto& cw = aws.at("CloudWatchMetrics").as_array();
  ASSERT_EQ(cw.size(), 1U);
  const auto& directive = cw[0].as_object();
  EXPECT_EQ(directive.at("Namespace").as_string(), "Hub/Test");
  EXPECT_EQ(directive.at("Dimensions"), (json::array{json::array{"service", "route"}}));
  std::vector<std::string> names;
  for (const auto& metric : directive.at("Metrics").as_array()) {
    names.emplace_back(metric.at("Name").as_string());
    EXPECT_TRUE(metric.as_object().contains("Unit"));
  }
  EXPECT_EQ(names, (std::vector<std::string>{"RequestCount", "ErrorCount", "ClientErrorCount", "Latency"}));
  // Every dimension and metric named in the directive is a member of the document.
  EXPECT_EQ(doc.at("service").as_string(), "svc");
  EXPECT_EQ(doc.at("route").as_string(), "GET /users/{id}");
  EXPECT_EQ(doc.at("RequestCount").to_number<int>(), 1);
  EXPECT_EQ(doc.at("ErrorCount").to_number<int>(), 1);
  EXPECT_EQ(doc.at("ClientErrorCount").to_number<int>(), 0);
  EXPECT_DOUBLE_EQ(doc.at("Latency").to_number<double>(), 1.5);
}

TEST(Emf, CarriesTheInvocationsIdsSoItJoinsItsLogLinesAndTrace) {
  const auto now = std::chrono::system_clock::now();
  const auto outside = boost::json::parse(emf_request_document("N", "s", "r", 200, milliseconds{1}, now));
  EXPECT_FALSE(outside.as_object().contains("xray_trace_id"));
  const ScopedLogContext scope(LogContext{.function_request_id = "fn-1",
                                          .xray_trace_id = "1-5759e988-bd862e3fe1be46a994272793",
                                          .correlation_id = "c",
                                          .request_id = "req-1"});
  const auto doc =
      boost::json::parse(emf_request_document("N", "s", "r", 200, milliseconds{1}, now)).as_object();
  EXPECT_EQ(doc.at("function_request_id"), "fn-1");
  EXPECT_EQ(doc.at("xray_trace_id"), "1-5759e988-bd862e3fe1be46a994272793");
  EXPECT_EQ(doc.at("request_id"), "req-1");
  EXPECT_EQ(doc.at("_aws").at("CloudWatchMetrics").at(0).at("Dimensions"),
            (json::array{json::array{"service", "route"}}))
      << "ids are properties, never dimensions";
}

TEST(Emf, ErrorCountsFollowStatusClass) {
  const SystemTime now{};
  auto counts = [&](int status) {
    const auto doc =
        boost::json::parse(emf_request_document("N", "s", "r", status, milliseconds{1}, now)).as_object();
    return std::pair{doc.at("ErrorCount").to_number<int>(), doc.at("ClientErrorCount").to_number<int>()};
  };
  EXPECT_EQ(counts(200), (std::pair{0, 0}));
  EXPECT_EQ(counts(304), (std::pair{0, 0}));
  EXPECT_EQ(counts(404), (std::pair{0, 1}));
  EXPECT_EQ(counts(499), (std::pair{0, 1}));
  EXPECT_EQ(counts(500), (std::pair{1, 0}));
}

}  // namespace
}  // namespace hub::core
