#include "data/table_figures.hpp"

#include <chrono>
#include <deque>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "aws/json_service_client.hpp"
#include "support/capture_log.hpp"

namespace hub::data {
namespace {

using std::chrono::seconds;
using std::chrono::steady_clock;

// Answers DescribeTable from a script and counts the calls.
class ScriptedTransport final : public aws::HttpTransport {
 public:
  void answer(int status, std::string body) {
    script_.emplace_back(aws::HttpResponse{status, {}, std::move(body)});
  }

  aws::AwsResult<aws::HttpResponse> send(const aws::HttpRequest& request,
                                         const aws::SendOptions& /*options*/) override {
    for (const auto& [name, value] : request.headers) {
      if (name == "X-Amz-Target") targets.push_back(value);
    }
    if (script_.empty()) return aws::AwsError::make(aws::AwsErrc::connection_failed, "script exhausted");
    auto next = std::move(script_.front());
    script_.pop_front();
    return next;
  }

  std::vector<std::string> targets;

 private:
  std::deque<aws::HttpResponse> script_;
};

class FixedClock final : public core::Clock {
 public:
  [[nodiscard]] core::SystemTime now() const override { return core::SystemTime{seconds{1'795'000'000}}; }
};

constexpr std::string_view kDescribed = R"({"Table":{
  "TableName":"hub","TableStatus":"ACTIVE","ItemCount":1200,"TableSizeBytes":345678,
  "BillingModeSummary":{"BillingMode":"PAY_PER_REQUEST"},
  "GlobalSecondaryIndexes":[
    {"IndexName":"GSI2","IndexStatus":"CREATING","ItemCount":0,"IndexSizeBytes":0},
    {"IndexName":"GSI1","IndexStatus":"ACTIVE","ItemCount":800,"IndexSizeBytes":120000}]}})";

struct TableFiguresTest : ::testing::Test {
  ScriptedTransport transport;
  aws::RetryQuota quota;
  FixedClock clock;
  steady_clock::time_point now{};
  aws::dynamodb::DynamoDbClient client{
      aws::JsonServiceClient{aws::dynamodb_spec(),
                             [] {
                               aws::ClientSettings settings;
                               settings.endpoint = "http://127.0.0.1:8000";
                               settings.region = "eu-west-1";
                               settings.credentials = {"AKIDEXAMPLE", "secret", ""};
                               settings.retry.max_attempts = 1;
                               return settings;
                             }(),
                             transport, quota}};
  CachedTableFigures figures{
      client, "hub", {.ttl = seconds{60}, .budget = seconds{2}}, clock, [this] { return now; }};
};

TEST_F(TableFiguresTest, TheDescriptionBecomesTheFigures) {
  transport.answer(200, std::string(kDescribed));
  const auto got = figures.figures();
  EXPECT_EQ(got.name, "hub");
  EXPECT_EQ(got.as_of, "2026-11-18T11:06:40.000Z");
  EXPECT_EQ(got.status, "ACTIVE");
  EXPECT_EQ(got.billing_mode, "PAY_PER_REQUEST");
  EXPECT_EQ(got.item_count, 1200);
  EXPECT_EQ(got.size_bytes, 345678);
  ASSERT_TRUE(got.indexes.has_value());
  ASSERT_EQ(got.indexes->size(), 2U);
  EXPECT_EQ((*got.indexes)[0].name, "GSI1") << "indexes by name";
  EXPECT_EQ((*got.indexes)[0].status, "ACTIVE");
  EXPECT_EQ((*got.indexes)[0].item_count, 800);
  EXPECT_EQ((*got.indexes)[0].size_bytes, 120000);
  EXPECT_EQ((*got.indexes)[1].status, "CREATING");
  EXPECT_FALSE(got.error.has_value());
  EXPECT_EQ(transport.targets, std::vector<std::string>{"DynamoDB_20120810.DescribeTable"});
}

TEST_F(TableFiguresTest, ATableThatNeverSwitchedBillingModeIsProvisioned) {
  transport.answer(200, R"({"Table":{"TableName":"hub","TableStatus":"ACTIVE","ItemCount":0}})");
  const auto got = figures.figures();
  EXPECT_EQ(got.billing_mode, "PROVISIONED");
  ASSERT_TRUE(got.indexes.has_value());
  EXPECT_TRUE(got.indexes->empty());
}

TEST_F(TableFiguresTest, TheFiguresAreKeptForTheTtlThenDescribedAgain) {
  transport.answer(200, std::string(kDescribed));
  transport.answer(200, R"({"Table":{"TableName":"hub","TableStatus":"ACTIVE","ItemCount":1201}})");
  EXPECT_EQ(figures.figures().item_count, 1200);
  now += seconds{59};
  EXPECT_EQ(figures.figures().item_count, 1200);
  EXPECT_EQ(transport.targets.size(), 1U) << "one DescribeTable per minute, however often /metrics is read";
  now += seconds{1};
  EXPECT_EQ(figures.figures().item_count, 1201);
  EXPECT_EQ(transport.targets.size(), 2U);
}

TEST_F(TableFiguresTest, AFailureIsReportedInTheFiguresAndKeptForTheTtlToo) {
  testing::LogCapture log;
  transport.answer(400, R"({"__type":"com.amazonaws.dynamodb.v20120810#ResourceNotFoundException",
                            "message":"Requested resource not found: Table: hub not found"})");
  const auto got = figures.figures();
  EXPECT_EQ(got.name, "hub");
  EXPECT_EQ(got.as_of, "2026-11-18T11:06:40.000Z");
  EXPECT_EQ(got.error, "resource_not_found");
  EXPECT_FALSE(got.status.has_value());
  EXPECT_FALSE(got.item_count.has_value());
  EXPECT_FALSE(got.indexes.has_value());
  now += seconds{30};
  EXPECT_EQ(figures.figures().error, "resource_not_found");
  EXPECT_EQ(transport.targets.size(), 1U) << "a failing control plane is not asked more often either";
  const auto logged = log.sink().with_message("table figures unavailable");
  ASSERT_EQ(logged.size(), 1U);
  EXPECT_EQ(logged[0].at("table").as_string(), "hub");
}

TEST_F(TableFiguresTest, AnUnreachableServiceIsNamedByKind) {
  testing::LogCapture log;
  const auto got = figures.figures();  // the script is empty: the connection fails
  EXPECT_EQ(got.error, "connection_failed");
}

}  // namespace
}  // namespace hub::data
