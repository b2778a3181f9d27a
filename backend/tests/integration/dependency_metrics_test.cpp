// The AWS calls /metrics counts, and the table figures it shows, against each emulator.
#include <string>

#include <gtest/gtest.h>

#include "core/metrics.hpp"
#include "data/table_figures.hpp"
#include "emulators.hpp"

namespace hub::aws::dynamodb {
namespace {

Item key(const std::string& pk) {
  return Item{{"PK", AttributeValue::S(pk)}, {"SK", AttributeValue::S("PROFILE")}};
}

class DependencyMetricsOnEmulators : public hub::testing::EmulatorTest {
 protected:
  // A client of its own that reports to `registry`, as the service's clients do.
  [[nodiscard]] DynamoDbClient observed_client() {
    auto settings = hub::testing::emulator_settings(GetParam().url);
    settings.observer = registry.dependencies();
    return DynamoDbClient{
        JsonServiceClient{dynamodb_spec(), settings, hub::testing::shared_transport(), quota}};
  }

  [[nodiscard]] static const core::OperationMetrics* find(const core::MetricsSnapshot& snapshot,
                                                          std::string_view operation) {
    for (const auto& m : snapshot.dependencies) {
      if (m.service == "dynamodb" && m.operation == operation) return &m;
    }
    return nullptr;
  }

  core::MetricsRegistry registry;
  RetryQuota quota;
};

TEST_P(DependencyMetricsOnEmulators, AGetItemAndAFailedConditionalWriteAreCounted) {
  const auto client = observed_client();
  ASSERT_TRUE(client.put_item({.table = table_name(), .item = key("USER#1")}));
  auto got = client.get_item({.table = table_name(), .key = key("USER#1")});
  ASSERT_TRUE(got && got->has_value());
  auto refused = client.put_item({.table = table_name(),
                                  .item = key("USER#1"),
                                  .expressions = {.condition = "attribute_not_exists(PK)"}});
  ASSERT_FALSE(refused);
  ASSERT_EQ(refused.error().code, AwsErrc::conditional_check_failed);
  auto cancelled = client.transact_write(
      {.items = {TransactPut{.table = table_name(),
                             .item = key("USER#1"),
                             .expressions = {.condition = "attribute_not_exists(PK)"}}}});
  ASSERT_FALSE(cancelled);

  const auto snapshot = registry.snapshot();
  const auto* get_item = find(snapshot, "GetItem");
  ASSERT_NE(get_item, nullptr);
  EXPECT_EQ(get_item->calls, 1U);
  EXPECT_EQ(get_item->errors.throttled + get_item->errors.conditional_check_failed + get_item->errors.other,
            0U);
  EXPECT_EQ(get_item->retries, 0U);
  EXPECT_GT(get_item->latency_ms.p50, 0.0);
  ASSERT_TRUE(get_item->consumed_capacity_units.has_value())
      << "both emulators honour ReturnConsumedCapacity";
  EXPECT_GT(*get_item->consumed_capacity_units, 0.0);

  const auto* put_item = find(snapshot, "PutItem");
  ASSERT_NE(put_item, nullptr);
  EXPECT_EQ(put_item->calls, 2U);
  EXPECT_EQ(put_item->errors.conditional_check_failed, 1U);
  EXPECT_EQ(put_item->errors.throttled + put_item->errors.other, 0U);
  EXPECT_EQ(put_item->retries, 0U) << "a failed condition is never retried";

  const auto* transaction = find(snapshot, "TransactWriteItems");
  ASSERT_NE(transaction, nullptr);
  EXPECT_EQ(transaction->calls, 1U);
  EXPECT_EQ(transaction->errors.conditional_check_failed, 1U);
}

TEST_P(DependencyMetricsOnEmulators, TheTableFiguresComeFromDescribeTable) {
  const auto client = observed_client();
  ASSERT_TRUE(client.put_item({.table = table_name(), .item = key("USER#1")}));
  const data::CachedTableFigures figures{client, table_name(), {}};
  const auto got = figures.figures();
  EXPECT_FALSE(got.error.has_value()) << *got.error;
  EXPECT_EQ(got.name, table_name());
  EXPECT_EQ(got.status, "ACTIVE");
  EXPECT_EQ(got.billing_mode, "PAY_PER_REQUEST");
  ASSERT_TRUE(got.item_count.has_value());
  EXPECT_GE(*got.item_count, 0);
  ASSERT_TRUE(got.indexes.has_value());
  std::vector<std::string> names;
  for (const auto& index : *got.indexes) names.push_back(index.name);
  EXPECT_EQ(names, (std::vector<std::string>{"GSI1", "GSI2"}));

  (void)figures.figures();
  const auto snapshot = registry.snapshot();  // find() points into it
  const auto* describe = find(snapshot, "DescribeTable");
  ASSERT_NE(describe, nullptr);
  EXPECT_EQ(describe->calls, 1U) << "the second read came from the cache";
}

TEST_P(DependencyMetricsOnEmulators, AMissingTableIsAnErrorInTheFiguresNotAFailure) {
  const auto client = observed_client();
  const data::CachedTableFigures figures{client, table_name() + "-absent", {}};
  const auto got = figures.figures();
  EXPECT_EQ(got.error, "resource_not_found");
  EXPECT_FALSE(got.item_count.has_value());
}

INSTANTIATE_TEST_SUITE_P(Emulators, DependencyMetricsOnEmulators,
                         ::testing::ValuesIn(hub::testing::emulators()), hub::testing::EmulatorName{});

}  // namespace
}  // namespace hub::aws::dynamodb
