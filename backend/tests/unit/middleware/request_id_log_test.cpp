#include <map>
#include <memory>
#include <string>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "core/log.hpp"
#include "core/metrics.hpp"
#include "core/ulid.hpp"
#include "middleware/access_log.hpp"
#include "middleware/request_id.hpp"
#include "support/capture_log.hpp"
#include "support/pipeline.hpp"

namespace hub::middleware {
namespace {

using hub::testing::json_body;
using hub::testing::LogCapture;
using hub::testing::pipeline;
using hub::testing::request;

http::Pipeline with_request_id() { return pipeline({std::make_shared<RequestIdMiddleware>()}); }

TEST(RequestId, WellFormedIncomingIdIsHonouredAndEchoed) {
  const auto p = with_request_id();
  auto req = request("GET", "/log");
  req.headers.set("x-request-id", "client-id_1.2:3=4+5/6");
  req.gateway_request_id = "gw-123";
  const auto res = p.handle(req);
  EXPECT_EQ(req.request_id, "client-id_1.2:3=4+5/6");
  EXPECT_EQ(res.headers.get("X-Request-Id"), "client-id_1.2:3=4+5/6");
  EXPECT_EQ(json_body(res).at("request_id").as_string(), "client-id_1.2:3=4+5/6");
  // Without an incoming correlation id, it is the request id.
  EXPECT_EQ(res.headers.get("X-Correlation-Id"), "client-id_1.2:3=4+5/6");
}

TEST(RequestId, MalformedIncomingIdIsReplaced) {
  const auto p = with_request_id();
  for (const std::string& bad : {std::string(129, 'a'), std::string("has space"), std::string("<script>"),
                                 std::string("semi;colon"), std::string("new\nline"), std::string("")}) {
    auto req = request("GET", "/x");
    req.headers.set("X-Request-Id", bad);
    const auto res = p.handle(req);
    EXPECT_NE(req.request_id, bad);
    EXPECT_TRUE(core::is_ulid(req.request_id)) << req.request_id;
    EXPECT_EQ(res.headers.get("X-Request-Id"), req.request_id);
  }
  auto longest_ok = request("GET", "/x");
  longest_ok.headers.set("X-Request-Id", std::string(128, 'a'));
  (void)p.handle(longest_ok);
  EXPECT_EQ(longest_ok.request_id, std::string(128, 'a'));
}

TEST(RequestId, FallsBackToGatewayIdThenUlid) {
  const auto p = with_request_id();
  auto gw = request("GET", "/x");
  gw.headers.set("X-Request-Id", "bad id");
  gw.gateway_request_id = "Kx1AbCdEfGhIjk=";
  EXPECT_EQ(p.handle(gw).headers.get("X-Request-Id"), "Kx1AbCdEfGhIjk=");

  auto fresh1 = request("GET", "/x");
  auto fresh2 = request("GET", "/x");
  const auto r1 = p.handle(fresh1);
  const auto r2 = p.handle(fresh2);
  EXPECT_TRUE(core::is_ulid(std::string(*r1.headers.get("X-Request-Id"))));
  EXPECT_NE(fresh1.request_id, fresh2.request_id);
}

TEST(RequestId, CorrelationIdPropagatedOrDefaulted) {
  const auto p = with_request_id();
  auto req = request("GET", "/x");
  req.headers.set("X-Request-Id", "rid-1");
  req.headers.set("X-Correlation-Id", "flow-77");
  const auto res = p.handle(req);
  EXPECT_EQ(req.correlation_id, "flow-77");
  EXPECT_EQ(res.headers.get("X-Correlation-Id"), "flow-77");

  auto bad = request("GET", "/x");
  bad.headers.set("X-Request-Id", "rid-2");
  bad.headers.set("X-Correlation-Id", "not ok!");
  EXPECT_EQ(p.handle(bad).headers.get("X-Correlation-Id"), "rid-2");
}

TEST(RequestId, EchoedOnErrorResponsesToo) {
  const auto p = with_request_id();
  auto missing = request("GET", "/nope");
  missing.headers.set("X-Request-Id", "rid-404");
  const auto res = p.handle(missing);
  EXPECT_EQ(res.status, 404);
  EXPECT_EQ(res.headers.get("X-Request-Id"), "rid-404");
  EXPECT_EQ(json_body(res).at("request_id").as_string(), "rid-404");

  LogCapture capture;
  auto boom = request("GET", "/boom");
  boom.headers.set("X-Request-Id", "rid-500");
  const auto res500 = p.handle(boom);
  EXPECT_EQ(res500.status, 500);
  EXPECT_EQ(res500.headers.get("X-Request-Id"), "rid-500");
  EXPECT_EQ(json_body(res500).at("request_id").as_string(), "rid-500");
  // The handler's exception is logged with the request's ids.
  const auto logged = capture.sink().with_message("unhandled exception in handler");
  ASSERT_EQ(logged.size(), 1U);
  EXPECT_EQ(logged[0].at("request_id").as_string(), "rid-500");
}

TEST(RequestId, IdsAreInLogLinesDuringTheRequestOnly) {
  LogCapture capture;
  const auto p = with_request_id();
  core::LogContext invocation;
  invocation.function_request_id = "lambda-req-1";
  invocation.in_invocation = true;
  invocation.cold_start = true;
  {
    const core::ScopedLogContext scope(invocation);
    auto req = request("GET", "/log");
    req.headers.set("X-Request-Id", "rid-9");
    req.headers.set("X-Correlation-Id", "corr-9");
    (void)p.handle(req);
    core::logger().info("between");
  }
  core::logger().info("after");
  const auto lines = capture.sink().objects();
  ASSERT_EQ(lines.size(), 3U) << capture.sink().all_text();
  EXPECT_EQ(lines[0].at("message").as_string(), "inside");
  EXPECT_EQ(lines[0].at("request_id").as_string(), "rid-9");
  EXPECT_EQ(lines[0].at("correlation_id").as_string(), "corr-9");
  EXPECT_EQ(lines[0].at("function_request_id").as_string(), "lambda-req-1")
      << "the invocation's fields are kept";
  EXPECT_EQ(lines[0].at("cold_start").as_bool(), true);
  EXPECT_FALSE(lines[1].contains("request_id"));
  EXPECT_FALSE(lines[1].contains("correlation_id"));
  EXPECT_EQ(lines[1].at("function_request_id").as_string(), "lambda-req-1");
  EXPECT_FALSE(lines[2].contains("request_id"));
  EXPECT_FALSE(lines[2].contains("function_request_id"));
}

TEST(RequestId, XrayTraceRootOfTheRequestIsLoggedUnlessTheInvocationHasOne) {
  LogCapture capture;
  const auto p = with_request_id();
  auto req = request("GET", "/log");
  req.trace_id = "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1";
  (void)p.handle(req);
  {
    core::LogContext invocation;
    invocation.xray_trace_id = "1-00000000-111111111111111111111111";
    const core::ScopedLogContext scope(invocation);
    auto inner = request("GET", "/log");
    inner.trace_id = "Root=1-5759e988-bd862e3fe1be46a994272793";
    (void)p.handle(inner);
  }
  auto malformed = request("GET", "/log");
  malformed.trace_id = "Root=<bad>";
  (void)p.handle(malformed);
  const auto lines = capture.sink().with_message("inside");
  ASSERT_EQ(lines.size(), 3U);
  EXPECT_EQ(lines[0].at("xray_trace_id").as_string(), "1-5759e988-bd862e3fe1be46a994272793");
  EXPECT_EQ(lines[1].at("xray_trace_id").as_string(), "1-00000000-111111111111111111111111");
  EXPECT_FALSE(lines[2].contains("xray_trace_id"));
}

TEST(RequestId, WellFormedRule) {
  EXPECT_TRUE(RequestIdMiddleware::well_formed("a"));
  EXPECT_TRUE(RequestIdMiddleware::well_formed("01ARZ3NDEKTSV4RRFFQ69G5FAV"));
  EXPECT_TRUE(RequestIdMiddleware::well_formed("Root=1-5759e988-bd862e3fe1be46a994272793"));
  EXPECT_TRUE(RequestIdMiddleware::well_formed(std::string(128, 'z')));
  EXPECT_FALSE(RequestIdMiddleware::well_formed(""));
  EXPECT_FALSE(RequestIdMiddleware::well_formed(std::string(129, 'z')));
  for (const char* bad : {"a b", "a\tb", "a\"b", "a'b", "a;b", "a,b", "a<b", "a%20b", "é"}) {
    EXPECT_FALSE(RequestIdMiddleware::well_formed(bad)) << bad;
  }
}

TEST(AccessLog, OneLinePerRequestWithTheRequestFacts) {
  LogCapture capture;
  const auto p = pipeline({std::make_shared<RequestIdMiddleware>(), std::make_shared<AccessLogMiddleware>()});
  auto req = request("GET", "/items/7");
  req.headers.set("X-Request-Id", "rid-a");
  req.headers.set("X-Correlation-Id", "corr-a");
  (void)p.handle(req);
  const auto lines = capture.sink().with_message("request");
  ASSERT_EQ(lines.size(), 1U) << capture.sink().all_text();
  ASSERT_EQ(capture.sink().lines().size(), 1U);
  const auto& line = lines[0];
  EXPECT_EQ(line.at("level").as_string(), "INFO");
  EXPECT_EQ(line.at("method").as_string(), "GET");
  EXPECT_EQ(line.at("route").as_string(), "/items/{id}");
  EXPECT_EQ(line.at("path").as_string(), "/items/7");
  EXPECT_EQ(line.at("status").to_number<int>(), 200);
  EXPECT_TRUE(line.at("duration_ms").is_number());
  EXPECT_GE(line.at("duration_ms").to_number<double>(), 0.0);
  EXPECT_EQ(line.at("request_id").as_string(), "rid-a");
  EXPECT_EQ(line.at("correlation_id").as_string(), "corr-a");
}

TEST(AccessLog, UnmatchedAndFailingRequests) {
  LogCapture capture;
  const auto p = pipeline({std::make_shared<RequestIdMiddleware>(), std::make_shared<AccessLogMiddleware>()});
  auto missing = request("GET", "/does/not/exist");
  (void)p.handle(missing);
  auto wrong_method = request("DELETE", "/x");
  (void)p.handle(wrong_method);
  auto boom = request("GET", "/boom");
  (void)p.handle(boom);
  const auto lines = capture.sink().with_message("request");
  ASSERT_EQ(lines.size(), 3U) << capture.sink().all_text();
  EXPECT_EQ(lines[0].at("route").as_string(), "(unmatched)");
  EXPECT_EQ(lines[0].at("path").as_string(), "/does/not/exist");
  EXPECT_EQ(lines[0].at("status").to_number<int>(), 404);
  EXPECT_TRUE(core::is_ulid(std::string(lines[0].at("request_id").as_string())));
  EXPECT_EQ(lines[1].at("route").as_string(), "(unmatched)");
  EXPECT_EQ(lines[1].at("status").to_number<int>(), 405);
  EXPECT_EQ(lines[2].at("route").as_string(), "/boom");
  EXPECT_EQ(lines[2].at("status").to_number<int>(), 500);
}

TEST(AccessLog, SilentWhenInfoIsDisabled) {
  LogCapture capture(core::LogLevel::WARNING);
  const auto p = pipeline({std::make_shared<AccessLogMiddleware>()});
  auto req = request("GET", "/x");
  EXPECT_EQ(p.handle(req).status, 200);
  EXPECT_TRUE(capture.sink().lines().empty());
}

TEST(RouteKey, MethodAndTemplateOrUnmatched) {
  http::Request r;
  r.method = "GET";
  EXPECT_EQ(route_key(r), "unmatched");
  r.route = "/users/{id}";
  EXPECT_EQ(route_key(r), "GET /users/{id}");
}

TEST(RequestMetrics, CountsByRouteKey) {
  LogCapture capture;
  core::MetricsRegistry registry;
  const auto p = pipeline({std::make_shared<RequestMetricsMiddleware>(registry, false, "Ns", "svc")});
  for (const char* path : {"/items/1", "/items/2", "/x", "/nope", "/nope/again"}) {
    auto req = request("GET", path);
    (void)p.handle(req);
  }
  auto post = request("POST", "/x");
  (void)p.handle(post);  // 405: no route matched
  const auto snapshot = registry.snapshot();
  EXPECT_EQ(snapshot.requests_total, 6U);
  std::map<std::string, std::uint64_t> by_route;
  for (const auto& r : snapshot.routes) by_route[r.route] = r.requests;
  EXPECT_EQ(by_route,
            (std::map<std::string, std::uint64_t>{{"GET /items/{id}", 2}, {"GET /x", 1}, {"unmatched", 3}}));
  for (const auto& r : snapshot.routes) {
    if (r.route == "unmatched") {
      EXPECT_EQ(r.status.at("4xx"), 3U);
    }
  }
  EXPECT_TRUE(capture.sink().lines().empty()) << "no EMF output when disabled";
}

TEST(RequestMetrics, WritesOneEmfDocumentPerRequestWhenEnabled) {
  LogCapture capture(core::LogLevel::CRITICAL);  // EMF bypasses the level
  core::MetricsRegistry registry;
  const auto p = pipeline({std::make_shared<RequestMetricsMiddleware>(registry, true, "Hub/Test", "svc-x")});
  auto ok = request("GET", "/items/3");
  (void)p.handle(ok);
  auto missing = request("GET", "/nope");
  (void)p.handle(missing);
  const auto docs = capture.sink().objects();
  ASSERT_EQ(docs.size(), 2U);
  EXPECT_EQ(docs[0].at("_aws").at("CloudWatchMetrics").at(0).at("Namespace").as_string(), "Hub/Test");
  EXPECT_EQ(docs[0].at("service").as_string(), "svc-x");
  EXPECT_EQ(docs[0].at("route").as_string(), "GET /items/{id}");
  EXPECT_EQ(docs[0].at("ClientErrorCount").to_number<int>(), 0);
  EXPECT_EQ(docs[1].at("route").as_string(), "unmatched");
  EXPECT_EQ(docs[1].at("ClientErrorCount").to_number<int>(), 1);
}

}  // namespace
}  // namespace hub::middleware
