#include <algorithm>
#include <atomic>
#include <functional>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <boost/json/parse.hpp>

#include "core/build_info.hpp"
#include "core/clock.hpp"
#include "core/metrics.hpp"
#include "core/table_figures.hpp"
#include "handlers/api.hpp"
#include "handlers/health/health_routes.hpp"
#include "middleware/access_log.hpp"
#include "middleware/authentication.hpp"
#include "models/codec.hpp"
#include "models/health.hpp"
#include "models/metrics.hpp"
#include "models/version.hpp"
#include "services/cached_check.hpp"
#include "services/health_service.hpp"
#include "support/capture_log.hpp"
#include "support/fake_auth.hpp"

namespace hub {
namespace {

using namespace std::chrono;
using hub::testing::LogCapture;

class FixedClock final : public core::Clock {
 public:
  explicit FixedClock(core::SystemTime t) : t_(t) {}
  [[nodiscard]] core::SystemTime now() const override { return t_; }

 private:
  core::SystemTime t_;
};

class FakeCheck final : public services::ComponentCheck {
 public:
  FakeCheck(std::string name, Status outcome) : name_(std::move(name)), outcome_(std::move(outcome)) {}
  [[nodiscard]] std::string name() const override { return name_; }
  [[nodiscard]] Status check() const override {
    ++calls;
    return outcome_;
  }
  mutable std::atomic<int> calls{0};

 private:
  std::string name_;
  Status outcome_;
};

const core::SystemTime kNow = sys_days{year{2026} / November / 24} + hours{5} + minutes{26} + seconds{57};

std::shared_ptr<FakeCheck> passing(std::string name) {
  return std::make_shared<FakeCheck>(std::move(name), Status{});
}
std::shared_ptr<FakeCheck> failing(std::string name, std::string detail) {
  return std::make_shared<FakeCheck>(std::move(name),
                                     Error::make(ErrorCode::DEPENDENCY_UNAVAILABLE, std::move(detail)));
}

TEST(HealthService, AllChecksOk) {
  const FixedClock clock(kNow);
  auto storage = passing("storage");
  auto idp = passing("identity");
  const services::HealthService service({storage, idp}, clock, "hub-svc", "1.2.3");
  const auto report = service.report();
  EXPECT_EQ(report.status, "ok");
  EXPECT_EQ(report.service, "hub-svc");
  EXPECT_EQ(report.version, "1.2.3");
  EXPECT_EQ(report.timestamp, "2026-11-24T05:26:57.000Z");
  EXPECT_GE(report.uptime_seconds, 0.0);
  ASSERT_EQ(report.checks.size(), 2U);
  EXPECT_EQ(report.checks[0].name, "storage");
  EXPECT_EQ(report.checks[0].status, "ok");
  EXPECT_FALSE(report.checks[0].detail.has_value());
  EXPECT_GE(report.checks[0].duration_ms, 0.0);
  EXPECT_EQ(report.checks[1].name, "identity");
  EXPECT_EQ(storage->calls.load(), 1);
  EXPECT_TRUE(models::validate(report).ok());
}

TEST(HealthService, NoChecksIsOk) {
  const FixedClock clock(kNow);
  const services::HealthService service({}, clock, "s", "v");
  const auto report = service.report();
  EXPECT_EQ(report.status, "ok");
  EXPECT_TRUE(report.checks.empty());
}

TEST(HealthService, OneFailingCheckFailsTheReportButOthersStillRun) {
  LogCapture capture;
  const FixedClock clock(kNow);
  auto first = passing("cache");
  auto broken = failing("storage", "DynamoDB did not answer within 2 s");
  auto last = passing("identity");
  const services::HealthService service({first, broken, last}, clock, "s", "v");
  const auto report = service.report();
  EXPECT_EQ(report.status, "failing");
  ASSERT_EQ(report.checks.size(), 3U);
  EXPECT_EQ(report.checks[0].status, "ok");
  EXPECT_EQ(report.checks[1].status, "failing");
  EXPECT_EQ(report.checks[1].detail, "DynamoDB did not answer within 2 s");
  EXPECT_EQ(report.checks[2].status, "ok");
  EXPECT_EQ(first->calls.load(), 1);
  EXPECT_EQ(broken->calls.load(), 1);
  EXPECT_EQ(last->calls.load(), 1);
  EXPECT_TRUE(models::validate(report).ok());
  const auto logged = capture.sink().with_message("health check failing");
  ASSERT_EQ(logged.size(), 1U);
  EXPECT_EQ(logged[0].at("level").as_string(), "WARNING");
  EXPECT_EQ(logged[0].at("check").as_string(), "storage");
}

// The health routes wired by hand (no apps::load_service), over a pipeline that counts requests.
struct HealthRoutes : ::testing::Test {
  FixedClock clock{kNow};
  std::shared_ptr<FakeCheck> storage = passing("storage");
  std::shared_ptr<FakeCheck> identity = passing("identity");
  std::vector<std::shared_ptr<const services::ComponentCheck>> checks{storage, identity};
  std::unique_ptr<services::HealthService> health;
  core::MetricsRegistry metrics;
  std::shared_ptr<http::Router> router = std::make_shared<http::Router>();
  handlers::Api api{*router};
  std::unique_ptr<http::Pipeline> pipeline;
  testing::FakeAuth auth;
  std::shared_ptr<const core::TableFiguresSource> table;  // none: a process without storage

  // With `authenticate`, the pipeline enforces the routes' permissions as the standard stack does.
  void build(bool authenticate = false) {
    health = std::make_unique<services::HealthService>(checks, clock, "hub-test", "9.9.9");
    handlers::health::register_health_routes(api, *health, metrics, table);
    handlers::health::register_openapi_route(api);
    std::vector<std::shared_ptr<const http::Middleware>> stack{
        std::make_shared<middleware::RequestMetricsMiddleware>(metrics, false, "Ns", "hub-test")};
    if (authenticate) {
      stack.push_back(std::make_shared<middleware::AuthenticationMiddleware>(auth.authenticator, router));
    }
    pipeline = std::make_unique<http::Pipeline>(std::move(stack), router);
  }
  http::Response get(std::string path, std::string authorization = {}) {
    http::Request r;
    r.method = "GET";
    r.path = std::move(path);
    r.request_id = "rid-h";
    if (!authorization.empty()) r.headers.set("Authorization", authorization);
    return pipeline->handle(r);
  }
};

TEST_F(HealthRoutes, HealthIs200WhenAllPass) {
  build();
  const auto res = get("/health");
  EXPECT_EQ(res.status, 200);
  EXPECT_EQ(res.headers.get("Content-Type"), "application/json");
  const auto report = models::from_json<models::HealthReport>(boost::json::parse(res.body));
  ASSERT_TRUE(report.ok()) << res.body;
  EXPECT_EQ(report->status, "ok");
  EXPECT_EQ(report->service, "hub-test");
  EXPECT_EQ(report->version, "9.9.9");
  EXPECT_EQ(report->checks.size(), 2U);
}

TEST_F(HealthRoutes, HealthIs503WhenACheckFails) {
  LogCapture quiet;
  checks.push_back(failing("queue", "SQS endpoint unreachable"));
  build();
  const auto res = get("/health");
  EXPECT_EQ(res.status, 503);
  const auto report = models::from_json<models::HealthReport>(boost::json::parse(res.body));
  ASSERT_TRUE(report.ok()) << res.body;
  EXPECT_EQ(report->status, "failing");
  ASSERT_EQ(report->checks.size(), 3U);
  EXPECT_EQ(report->checks[2].detail, "SQS endpoint unreachable");
  EXPECT_EQ(report->checks[0].status, "ok");
}

TEST_F(HealthRoutes, VersionMatchesBuildInfo) {
  build();
  const auto res = get("/version");
  EXPECT_EQ(res.status, 200);
  const auto v = models::from_json<models::VersionInfo>(boost::json::parse(res.body));
  ASSERT_TRUE(v.ok()) << res.body;
  const auto& b = core::build_info();
  EXPECT_EQ(v->name, b.name);
  EXPECT_EQ(v->version, b.version);
  EXPECT_EQ(v->git_commit, b.git_commit);
  EXPECT_EQ(v->build_time, b.build_time);
  EXPECT_EQ(v->compiler, b.compiler);
  EXPECT_EQ(v->build_type, b.build_type);
  EXPECT_TRUE(models::validate(*v).ok()) << "build info must satisfy the VersionInfo rules";
  EXPECT_EQ(get("/version").body, res.body);
}

TEST_F(HealthRoutes, MetricsReflectEarlierRequests) {
  build();
  EXPECT_TRUE(metrics.snapshot().cold_start);
  (void)get("/health");
  (void)get("/health");
  (void)get("/version");
  (void)get("/nope");
  const auto res = get("/metrics");
  EXPECT_EQ(res.status, 200);
  const auto snapshot = models::from_json<models::MetricsSnapshot>(boost::json::parse(res.body));
  ASSERT_TRUE(snapshot.ok()) << res.body;
  EXPECT_FALSE(snapshot->cold_start);
  EXPECT_EQ(snapshot->requests_total, 4U) << "the /metrics request itself completes after the snapshot";
  std::map<std::string, std::uint64_t> by_route;
  for (const auto& r : snapshot->routes) by_route[r.route] = r.requests;
  EXPECT_EQ(by_route, (std::map<std::string, std::uint64_t>{
                          {"GET /health", 2}, {"GET /version", 1}, {"unmatched", 1}}));
  for (const auto& r : snapshot->routes) {
    if (r.route == "GET /health") {
      EXPECT_EQ(r.status.at("2xx"), 2U);
      EXPECT_GT(r.latency_ms.p50, 0.0);
    }
  }
}

// Hands out fixed figures and counts how often it was asked.
class FakeTableFigures final : public core::TableFiguresSource {
 public:
  explicit FakeTableFigures(core::TableFigures figures) : figures_(std::move(figures)) {}
  [[nodiscard]] core::TableFigures figures() const override {
    ++calls;
    return figures_;
  }
  mutable std::atomic<int> calls{0};

 private:
  core::TableFigures figures_;
};

TEST_F(HealthRoutes, MetricsReportTheAwsCallsPerOperation) {
  build();
  auto& dependencies = *metrics.dependencies();
  dependencies.on_call({.service = "dynamodb", .operation = "GetItem", .consumed_capacity_units = 0.5});
  dependencies.on_call({.service = "dynamodb",
                        .operation = "PutItem",
                        .outcome = core::CallOutcome::conditional_check_failed,
                        .attempts = 1});
  dependencies.on_call({.service = "dynamodb", .operation = "PutItem", .attempts = 3});
  const auto res = get("/metrics");
  ASSERT_EQ(res.status, 200);
  const auto snapshot = models::from_json<models::MetricsSnapshot>(boost::json::parse(res.body));
  ASSERT_TRUE(snapshot.ok()) << res.body;
  ASSERT_EQ(snapshot->dependencies.size(), 2U);
  const auto& get_item = snapshot->dependencies[0];
  EXPECT_EQ(get_item.service, "dynamodb");
  EXPECT_EQ(get_item.operation, "GetItem");
  EXPECT_EQ(get_item.calls, 1U);
  EXPECT_EQ(get_item.consumed_capacity_units, 0.5);
  const auto& put_item = snapshot->dependencies[1];
  EXPECT_EQ(put_item.operation, "PutItem");
  EXPECT_EQ(put_item.calls, 2U);
  EXPECT_EQ(put_item.errors.conditional_check_failed, 1U);
  EXPECT_EQ(put_item.errors.throttled + put_item.errors.other, 0U);
  EXPECT_EQ(put_item.retries, 2U);
  EXPECT_FALSE(put_item.consumed_capacity_units.has_value());
  EXPECT_FALSE(boost::json::parse(res.body).as_object().contains("table")) << "no storage, no table";
}

TEST_F(HealthRoutes, MetricsReportTheTableFigures) {
  auto figures = std::make_shared<FakeTableFigures>(core::TableFigures{
      .name = "hub",
      .as_of = "2026-11-24T05:26:57.000Z",
      .status = "ACTIVE",
      .billing_mode = "PAY_PER_REQUEST",
      .item_count = 1200,
      .size_bytes = 345678,
      .indexes = std::vector<core::IndexFigures>{{.name = "GSI1", .status = "ACTIVE", .item_count = 800}}});
  table = figures;
  build();
  const auto res = get("/metrics");
  ASSERT_EQ(res.status, 200);
  const auto snapshot = models::from_json<models::MetricsSnapshot>(boost::json::parse(res.body));
  ASSERT_TRUE(snapshot.ok()) << res.body;
  ASSERT_TRUE(snapshot->table.has_value());
  EXPECT_EQ(snapshot->table->name, "hub");
  EXPECT_EQ(snapshot->table->item_count, 1200);
  ASSERT_TRUE(snapshot->table->indexes.has_value());
  EXPECT_EQ(snapshot->table->indexes->at(0).name, "GSI1");
  EXPECT_EQ(figures->calls, 1);
}

TEST_F(HealthRoutes, MetricsSayWhyTheTableHasNoFigures) {
  table = std::make_shared<FakeTableFigures>(
      core::TableFigures{.name = "hub", .as_of = "2026-11-24T05:26:57.000Z", .error = "timeout"});
  build();
  const auto failed = get("/metrics");
  EXPECT_EQ(failed.status, 200) << "a table that cannot be described does not fail /metrics";
  const auto body = boost::json::parse(failed.body);
  EXPECT_EQ(body.at("table"),
            (json::object{{"name", "hub"}, {"as_of", "2026-11-24T05:26:57.000Z"}, {"error", "timeout"}}));
  EXPECT_TRUE(models::from_json<models::MetricsSnapshot>(body).ok()) << failed.body;
}

TEST_F(HealthRoutes, TheMetricsSchemaIsExact) {
  build();
  const auto doc = boost::json::parse(get("/openapi.json").body);
  const auto& schemas = doc.at("components").at("schemas").as_object();
  for (const char* name : {"MetricsSnapshot", "OperationMetrics", "OperationErrors", "TableFigures",
                           "IndexFigures", "LatencyQuantiles", "RouteMetrics"}) {
    ASSERT_TRUE(schemas.contains(name)) << name;
    EXPECT_EQ(schemas.at(name).at("additionalProperties"), json::value(false)) << name;
  }
  const auto& snapshot = schemas.at("MetricsSnapshot").as_object();
  EXPECT_EQ(snapshot.at("properties").at("dependencies").at("items"),
            (json::object{{"$ref", "#/components/schemas/OperationMetrics"}}));
  EXPECT_EQ(snapshot.at("properties").at("table").at("$ref"), "#/components/schemas/TableFigures");
  const auto& required = snapshot.at("required").as_array();
  EXPECT_NE(std::find(required.begin(), required.end(), json::value("dependencies")), required.end());
  EXPECT_EQ(std::find(required.begin(), required.end(), json::value("table")), required.end());
  const auto& table_required = schemas.at("TableFigures").at("required").as_array();
  EXPECT_EQ(table_required, (json::array{"name", "as_of"}));
  EXPECT_EQ(schemas.at("TableFigures").at("properties").at("billing_mode").at("enum"),
            (json::array{"PAY_PER_REQUEST", "PROVISIONED"}));
}

TEST_F(HealthRoutes, OpenApiRouteServesTheDocumentOfEveryOperation) {
  build();
  const auto res = get("/openapi.json");
  EXPECT_EQ(res.status, 200);
  EXPECT_EQ(res.headers.get("Content-Type"), "application/json");
  const auto doc = boost::json::parse(res.body);
  EXPECT_EQ(doc, json::value(handlers::openapi_document(api.operations())));
  std::set<std::string> paths;
  for (const auto& p : doc.at("paths").as_object()) paths.emplace(p.key());
  EXPECT_EQ(paths, (std::set<std::string>{"/health", "/version", "/metrics", "/openapi.json"}));
  EXPECT_EQ(doc.at("paths")
                .at("/health")
                .at("get")
                .at("responses")
                .at("200")
                .at("content")
                .at("application/json")
                .at("schema"),
            (json::object{{"$ref", "#/components/schemas/HealthReport"}}));
  EXPECT_TRUE(doc.at("paths").at("/health").at("get").at("responses").as_object().contains("503"));
}

TEST_F(HealthRoutes, MetricsAreForAdministratorsOnly) {
  LogCapture quiet;
  build(true);
  EXPECT_EQ(get("/metrics").status, 401);
  EXPECT_EQ(get("/metrics", "Bearer good-someone").status, 403) << "a member";
  EXPECT_EQ(get("/metrics", "Bearer good-editor").status, 403);
  const auto admin = get("/metrics", "Bearer good-admin");
  EXPECT_EQ(admin.status, 200);
  EXPECT_TRUE(models::from_json<models::MetricsSnapshot>(boost::json::parse(admin.body)).ok()) << admin.body;
}

TEST_F(HealthRoutes, HealthVersionAndTheContractArePublic) {
  build(true);
  for (const std::string path : {"/health", "/version", "/openapi.json"}) {
    EXPECT_EQ(get(path).status, 200) << path;
    EXPECT_EQ(get(path, "Bearer not-a-valid-token").status, 200) << path << ": a bad token is not even read";
  }
  EXPECT_EQ(auth.verifier->calls, 0);
}

TEST_F(HealthRoutes, TheContractSaysWhichOperationsNeedWhichPermission) {
  build();
  const auto doc = boost::json::parse(get("/openapi.json").body);
  const auto& metrics_op = doc.at("paths").at("/metrics").at("get").as_object();
  EXPECT_EQ(metrics_op.at("x-required-permission").as_string(), "metrics:read");
  EXPECT_EQ(metrics_op.at("security"), (json::array{json::object{{"bearerAuth", json::array{}}}}));
  EXPECT_TRUE(metrics_op.at("responses").as_object().contains("401"));
  EXPECT_TRUE(metrics_op.at("responses").as_object().contains("403"));
  for (const char* path : {"/health", "/version", "/openapi.json"}) {
    EXPECT_EQ(doc.at("paths").at(path).at("get").at("security"), json::array{}) << path;
  }
}

TEST(CachedCheck, ReusesAnOutcomeForItsTtlThenChecksAgain) {
  auto inner = failing("storage", "down");
  std::chrono::steady_clock::time_point now{};
  const services::CachedCheck cached{inner, std::chrono::milliseconds{1000}, [&] { return now; }};
  EXPECT_EQ(cached.name(), "storage");
  EXPECT_FALSE(cached.check());
  now += std::chrono::milliseconds{999};
  EXPECT_FALSE(cached.check());
  EXPECT_EQ(inner->calls, 1);
  now += std::chrono::milliseconds{1};
  EXPECT_EQ(cached.check().error().detail, "down");
  EXPECT_EQ(inner->calls, 2);
}

TEST(CachedCheck, AHealthyOutcomeIsReusedUntilItExpires) {
  auto inner = passing("storage");
  std::chrono::steady_clock::time_point now{std::chrono::seconds{5}};
  const services::CachedCheck cached{inner, std::chrono::milliseconds{1000}, [&] { return now; }};
  for (int i = 0; i < 3; ++i) EXPECT_TRUE(cached.check());
  EXPECT_EQ(inner->calls, 1);
  now += std::chrono::milliseconds{1000};
  EXPECT_TRUE(cached.check());
  EXPECT_EQ(inner->calls, 2);
}

TEST(CachedCheck, AZeroTtlChecksEveryTime) {
  auto inner = passing("storage");
  const services::CachedCheck cached{inner, std::chrono::milliseconds{0}};
  for (int i = 0; i < 3; ++i) EXPECT_TRUE(cached.check());
  EXPECT_EQ(inner->calls, 3);
}

}  // namespace
}  // namespace hub
