#include "core/dependency_metrics.hpp"

#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "core/metrics.hpp"

namespace hub::core {
namespace {

using std::chrono::milliseconds;

DependencyCall call(std::string_view operation, CallOutcome outcome = CallOutcome::ok, int attempts = 1,
                    std::optional<double> capacity = std::nullopt, milliseconds latency = milliseconds{4}) {
  return {.service = "dynamodb",
          .operation = operation,
          .outcome = outcome,
          .attempts = attempts,
          .latency = latency,
          .consumed_capacity_units = capacity};
}

const OperationMetrics& find(const std::vector<OperationMetrics>& all, std::string_view service,
                             std::string_view operation) {
  for (const auto& m : all) {
    if (m.service == service && m.operation == operation) return m;
  }
  throw std::runtime_error("no entry for " + std::string(service) + " " + std::string(operation));
}

TEST(DependencyMetrics, NothingCalledNothingReported) {
  const DependencyMetrics metrics;
  EXPECT_TRUE(metrics.snapshot().empty());
}

TEST(DependencyMetrics, CountsCallsErrorsByKindAndRetriesPerOperation) {
  DependencyMetrics metrics;
  metrics.on_call(call("GetItem"));
  metrics.on_call(call("GetItem", CallOutcome::ok, 2));
  metrics.on_call(call("GetItem", CallOutcome::throttled, 3));
  metrics.on_call(call("PutItem", CallOutcome::conditional_check_failed));
  metrics.on_call(call("PutItem", CallOutcome::failed, 2));
  metrics.on_call(call("PutItem"));

  const auto all = metrics.snapshot();
  ASSERT_EQ(all.size(), 2U);
  const auto& get = find(all, "dynamodb", "GetItem");
  EXPECT_EQ(get.calls, 3U);
  EXPECT_EQ(get.errors.throttled, 1U);
  EXPECT_EQ(get.errors.conditional_check_failed, 0U);
  EXPECT_EQ(get.errors.other, 0U);
  EXPECT_EQ(get.retries, 3U) << "1 + 2 attempts beyond the first";
  const auto& put = find(all, "dynamodb", "PutItem");
  EXPECT_EQ(put.calls, 3U);
  EXPECT_EQ(put.errors.throttled, 0U);
  EXPECT_EQ(put.errors.conditional_check_failed, 1U);
  EXPECT_EQ(put.errors.other, 1U);
  EXPECT_EQ(put.retries, 1U);
}

TEST(DependencyMetrics, LatencyQuantilesPerOperation) {
  DependencyMetrics metrics;
  for (int i = 0; i < 99; ++i)
    metrics.on_call(call("Query", CallOutcome::ok, 1, std::nullopt, milliseconds{2}));
  metrics.on_call(call("Query", CallOutcome::ok, 1, std::nullopt, milliseconds{400}));
  const auto snapshot = metrics.snapshot();  // find() refers into it
  const auto& query = find(snapshot, "dynamodb", "Query");
  EXPECT_GE(query.latency_ms.p50, 2.0);
  EXPECT_LE(query.latency_ms.p50, 2.0 * 9 / 8);
  EXPECT_LE(query.latency_ms.p95, 2.0 * 9 / 8);
  EXPECT_GE(query.latency_ms.p99, 2.0);
}

TEST(DependencyMetrics, ConsumedCapacityIsSummedAndAbsentWhenNeverReported) {
  DependencyMetrics metrics;
  metrics.on_call(call("GetItem", CallOutcome::ok, 1, 0.5));
  metrics.on_call(call("GetItem", CallOutcome::ok, 1, 0.5));
  metrics.on_call(call("GetItem", CallOutcome::conditional_check_failed));  // errors report none
  metrics.on_call(call("TransactWriteItems", CallOutcome::ok, 1, 4.0));
  metrics.on_call(call("DescribeTable"));
  const auto all = metrics.snapshot();
  EXPECT_EQ(find(all, "dynamodb", "GetItem").consumed_capacity_units, 1.0);
  EXPECT_EQ(find(all, "dynamodb", "TransactWriteItems").consumed_capacity_units, 4.0);
  EXPECT_FALSE(find(all, "dynamodb", "DescribeTable").consumed_capacity_units.has_value());
}

TEST(DependencyMetrics, EntriesAreOrderedByServiceThenOperation) {
  DependencyMetrics metrics;
  for (const auto* op : {"Query", "GetItem", "PutItem"}) metrics.on_call(call(op));
  metrics.on_call({.service = "secretsmanager", .operation = "GetSecretValue"});
  metrics.on_call({.service = "cognito-idp", .operation = "AdminGetUser"});
  std::vector<std::string> order;
  for (const auto& m : metrics.snapshot()) order.push_back(m.service + " " + m.operation);
  EXPECT_EQ(order,
            (std::vector<std::string>{"cognito-idp AdminGetUser", "dynamodb GetItem", "dynamodb PutItem",
                                      "dynamodb Query", "secretsmanager GetSecretValue"}));
}

TEST(DependencyMetrics, ConcurrentCallersAreAllCounted) {
  DependencyMetrics metrics;
  constexpr int kThreads = 4;
  constexpr int kCalls = 2000;
  {
    std::vector<std::jthread> threads;
    threads.reserve(kThreads);
    for (int t = 0; t < kThreads; ++t) {
      threads.emplace_back([&metrics, t] {
        const std::string operation = t % 2 == 0 ? "GetItem" : "PutItem";
        for (int i = 0; i < kCalls; ++i) metrics.on_call(call(operation, CallOutcome::ok, 2, 1.0));
      });
    }
  }
  const auto all = metrics.snapshot();
  ASSERT_EQ(all.size(), 2U);
  for (const auto& m : all) {
    EXPECT_EQ(m.calls, 2U * kCalls) << m.operation;
    EXPECT_EQ(m.retries, 2U * kCalls) << m.operation;
    EXPECT_EQ(m.consumed_capacity_units, 2.0 * kCalls) << m.operation;
  }
}

TEST(MetricsRegistry, SnapshotCarriesTheDependencyCallsButNoTable) {
  MetricsRegistry registry;
  registry.dependencies()->on_call(call("GetItem"));
  const auto snapshot = registry.snapshot();
  ASSERT_EQ(snapshot.dependencies.size(), 1U);
  EXPECT_EQ(snapshot.dependencies[0].operation, "GetItem");
  EXPECT_EQ(snapshot.requests_total, 0U) << "AWS calls are not requests served";
  EXPECT_FALSE(snapshot.table.has_value());
}

}  // namespace
}  // namespace hub::core
