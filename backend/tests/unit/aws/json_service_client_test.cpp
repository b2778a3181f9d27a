#include "aws/json_service_client.hpp"

#include <chrono>
#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <boost/json/parse.hpp>

#include "aws/crc32.hpp"
#include "aws/dynamodb_wire.hpp"
#include "aws/sigv4.hpp"

namespace hub::aws {
namespace {

using namespace std::chrono_literals;

// Answers from a script and records what was sent.
class ScriptedTransport final : public HttpTransport {
 public:
  void answer(int status, std::string body, HeaderList headers = {}) {
    script_.emplace_back(HttpResponse{status, std::move(headers), std::move(body)});
  }
  void fail(AwsErrc code) { script_.emplace_back(AwsError::make(code, "scripted transport failure")); }

  AwsResult<HttpResponse> send(const HttpRequest& request, const SendOptions& options) override {
    sent.push_back(request);
    options_seen.push_back(options);
    if (script_.empty()) return AwsError::make(AwsErrc::connection_failed, "script exhausted");
    auto next = std::move(script_.front());
    script_.pop_front();
    return next;
  }

  std::vector<HttpRequest> sent;
  std::vector<SendOptions> options_seen;

 private:
  std::deque<AwsResult<HttpResponse>> script_;
};

class FixedClock final : public core::Clock {
 public:
  [[nodiscard]] core::SystemTime now() const override {
    return core::SystemTime{std::chrono::seconds{1'700'000'000}};
  }
};

// Keeps every call it is told of.
class RecordingObserver final : public core::CallObserver {
 public:
  void on_call(const core::DependencyCall& call) override {
    calls.push_back({std::string(call.service), std::string(call.operation), call.outcome, call.attempts,
                     call.latency, call.consumed_capacity_units});
  }
  struct Seen {
    std::string service;
    std::string operation;
    core::CallOutcome outcome;
    int attempts;
    std::chrono::nanoseconds latency;
    std::optional<double> capacity;
  };
  std::vector<Seen> calls;
};

std::string header(const HttpRequest& request, std::string_view name) {
  for (const auto& [key, value] : request.headers) {
    if (key == name) return value;
  }
  return {};
}

class JsonServiceClientTest : public ::testing::Test {
 protected:
  JsonServiceClient make_client(const JsonServiceSpec& spec = dynamodb_spec(), int max_attempts = 3) {
    ClientSettings settings;
    settings.endpoint = "http://127.0.0.1:8000";
    settings.region = "eu-west-1";
    settings.credentials = {"AKIDEXAMPLE", "secret", ""};
    settings.retry.max_attempts = max_attempts;
    settings.observer = observer;
    RetryEnvironment env{.random01 = [] { return 0.5; },
                         .sleep = [this](std::chrono::milliseconds d) { sleeps.push_back(d); }};
    return JsonServiceClient{spec, settings, transport, quota, env, clock};
  }

  ScriptedTransport transport;
  std::shared_ptr<RecordingObserver> observer = std::make_shared<RecordingObserver>();
  RetryQuota quota;
  FixedClock clock;
  std::vector<std::chrono::milliseconds> sleeps;
};

TEST_F(JsonServiceClientTest, SendsASignedJsonProtocolRequest) {
  transport.answer(200, R"({"TableNames":[]})",
                   {{"x-amz-crc32", std::to_string(crc32(R"({"TableNames":[]})"))}});
  auto client = make_client();
  auto result = client.call("ListTables", "{}");
  ASSERT_TRUE(result) << result.error().describe();
  EXPECT_TRUE(result->as_object().contains("TableNames"));

  ASSERT_EQ(transport.sent.size(), 1U);
  const auto& sent = transport.sent.front();
  EXPECT_EQ(sent.method, "POST");
  EXPECT_EQ(sent.url, "http://127.0.0.1:8000/");
  EXPECT_EQ(sent.body, "{}");
  EXPECT_EQ(header(sent, "Host"), "127.0.0.1:8000");
  EXPECT_EQ(header(sent, "X-Amz-Target"), "DynamoDB_20120810.ListTables");
  EXPECT_EQ(header(sent, "Content-Type"), "application/x-amz-json-1.0");
  EXPECT_EQ(header(sent, "X-Amz-Date"), "20231114T221320Z");
  EXPECT_TRUE(
      header(sent, "Authorization")
          .starts_with("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20231114/eu-west-1/dynamodb/aws4_request, "
                       "SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature="));
}

TEST_F(JsonServiceClientTest, AnEndpointWithAPathIsPostedToAndSignedWithThatPath) {
  transport.answer(200, "{}");
  ClientSettings settings;
  settings.endpoint = "https://gateway.example/dynamodb";
  settings.region = "eu-west-1";
  settings.credentials = {"AKIDEXAMPLE", "secret", ""};
  const JsonServiceClient client{
      dynamodb_spec(), settings, transport, quota, RetryEnvironment{[] { return 0.0; }, [](auto) {}}, clock};
  ASSERT_TRUE(client.call("ListTables", "{}"));
  const auto& sent = transport.sent.front();
  EXPECT_EQ(sent.url, "https://gateway.example/dynamodb/");
  EXPECT_EQ(header(sent, "Host"), "gateway.example");
  const HeaderList signed_headers(sent.headers.begin(), sent.headers.begin() + 3);  // Host, type, target
  const auto expected =
      sign_v4({.method = "POST", .path = "/dynamodb/", .query = {}, .headers = signed_headers, .body = "{}"},
              {.credentials = settings.credentials,
               .region = "eu-west-1",
               .service = "dynamodb",
               .time = clock.now()});
  EXPECT_EQ(header(sent, "Authorization"), expected.headers_to_add.back().second);
}

TEST_F(JsonServiceClientTest, JsonOneOneServicesUseTheirOwnTargetAndSigningName) {
  transport.answer(200, R"({"Parameter":{}})");
  auto client = make_client(ssm_spec());
  ASSERT_TRUE(client.call("GetParameter", R"({"Name":"/x"})"));
  const auto& sent = transport.sent.front();
  EXPECT_EQ(header(sent, "X-Amz-Target"), "AmazonSSM.GetParameter");
  EXPECT_EQ(header(sent, "Content-Type"), "application/x-amz-json-1.1");
  EXPECT_NE(header(sent, "Authorization").find("/eu-west-1/ssm/aws4_request"), std::string::npos);
}

TEST_F(JsonServiceClientTest, ServerErrorsAndThrottlingAreRetriedWithJitteredBackoff) {
  transport.answer(500,
                   R"({"__type":"com.amazonaws.dynamodb.v20120810#InternalServerError","message":"boom"})");
  transport.answer(400,
                   R"({"__type":"com.amazonaws.dynamodb.v20120810#ThrottlingException","message":"slow"})");
  transport.answer(200, "{}");
  auto client = make_client();
  const int tokens_before = quota.available();
  auto result = client.call("GetItem", "{}");
  ASSERT_TRUE(result) << result.error().describe();
  EXPECT_EQ(transport.sent.size(), 3U);
  EXPECT_EQ(sleeps, (std::vector<std::chrono::milliseconds>{12ms, 25ms}));  // 0.5 * 25, 0.5 * 50
  EXPECT_EQ(quota.available(), tokens_before) << "a success refunds what its retries spent";
}

TEST_F(JsonServiceClientTest, GivesUpAfterMaxAttemptsWithTheLastError) {
  for (int i = 0; i < 3; ++i) transport.answer(400, R"({"__type":"ProvisionedThroughputExceededException"})");
  auto client = make_client();
  auto result = client.call("PutItem", "{}");
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code, AwsErrc::throttled);
  EXPECT_EQ(result.error().attempts, 3);
  EXPECT_EQ(transport.sent.size(), 3U);
  EXPECT_EQ(sleeps.size(), 2U);
}

TEST_F(JsonServiceClientTest, ConditionalFailuresAreNeverRetried) {
  transport.answer(400, R"({"__type":"com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException",
                            "message":"The conditional request failed"})");
  auto client = make_client();
  auto result = client.call("PutItem", "{}");
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code, AwsErrc::conditional_check_failed);
  EXPECT_EQ(result.error().attempts, 1);
  EXPECT_EQ(transport.sent.size(), 1U);
  EXPECT_TRUE(sleeps.empty());
}

TEST_F(JsonServiceClientTest, ACorruptedBodyFailsTheChecksumAndIsRetried) {
  transport.answer(200, R"({"Item":{}})", {{"x-amz-crc32", "12345"}});
  transport.answer(200, R"({"Item":{}})", {{"x-amz-crc32", std::to_string(crc32(R"({"Item":{}})"))}});
  auto client = make_client();
  ASSERT_TRUE(client.call("GetItem", "{}"));
  EXPECT_EQ(transport.sent.size(), 2U);
}

TEST_F(JsonServiceClientTest, APersistentChecksumMismatchIsATypedError) {
  for (int i = 0; i < 3; ++i) transport.answer(200, "{}", {{"x-amz-crc32", "not-a-number"}});
  auto client = make_client();
  auto result = client.call("GetItem", "{}");
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code, AwsErrc::crc32_mismatch);
}

TEST_F(JsonServiceClientTest, ServicesWithoutChecksumsAreNotChecked) {
  transport.answer(200, "{}", {{"x-amz-crc32", "1"}});
  auto client = make_client(secrets_manager_spec());
  EXPECT_TRUE(client.call("GetSecretValue", "{}"));
}

TEST_F(JsonServiceClientTest, TransportFailuresAreRetried) {
  transport.fail(AwsErrc::connection_failed);
  transport.fail(AwsErrc::timeout);
  transport.answer(200, "{}");
  auto client = make_client();
  EXPECT_TRUE(client.call("GetItem", "{}"));
  EXPECT_EQ(transport.sent.size(), 3U);
}

TEST_F(JsonServiceClientTest, AnEmptyRetryQuotaStopsRetrying) {
  RetryQuota empty{0};
  ClientSettings settings;
  settings.endpoint = "http://127.0.0.1:8000";
  settings.region = "eu-west-1";
  settings.credentials = {"AKID", "secret", ""};
  const JsonServiceClient client{
      dynamodb_spec(), settings, transport, empty, RetryEnvironment{[] { return 0.5; }, [](auto) {}}, clock};
  transport.answer(503, "");
  transport.answer(200, "{}");
  auto result = client.call("GetItem", "{}");
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code, AwsErrc::service_unavailable);
  EXPECT_NE(result.error().message.find("retry quota"), std::string::npos);
  EXPECT_EQ(transport.sent.size(), 1U);
}

TEST_F(JsonServiceClientTest, NoRetryWouldOutliveTheDeadline) {
  transport.answer(500, "");
  transport.answer(200, "{}");
  auto client = make_client();
  const auto deadline = core::Deadline::after(5ms);  // the first backoff (12 ms) does not fit
  auto result = client.call("GetItem", "{}", deadline);
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code, AwsErrc::internal_server_error);
  EXPECT_NE(result.error().message.find("deadline"), std::string::npos);
  EXPECT_EQ(transport.sent.size(), 1U);
  EXPECT_EQ(transport.options_seen.front().deadline, deadline) << "the transport bounds the attempt too";
}

TEST_F(JsonServiceClientTest, TheThreadsDeadlineIsTheDefault) {
  transport.answer(200, "{}");
  auto client = make_client();
  const auto deadline = core::Deadline::after(10s);
  const core::ScopedDeadline scope{deadline};
  ASSERT_TRUE(client.call("GetItem", "{}"));
  EXPECT_EQ(transport.options_seen.front().deadline, deadline);
}

TEST_F(JsonServiceClientTest, ANonJsonSuccessBodyIsAMalformedResponse) {
  transport.answer(200, "<html>", {});
  auto client = make_client(ssm_spec());
  auto result = client.call("GetParameter", "{}");
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code, AwsErrc::malformed_response);
}

TEST_F(JsonServiceClientTest, TheObserverHearsOfEachCallWithItsAttemptsAndConsumedCapacity) {
  transport.answer(400, R"({"__type":"com.amazonaws.dynamodb.v20120810#ThrottlingException"})");
  transport.answer(200, R"({"Item":{},"ConsumedCapacity":{"TableName":"t","CapacityUnits":0.5}})");
  auto client = make_client();
  ASSERT_TRUE(client.call("GetItem", "{}"));
  ASSERT_EQ(observer->calls.size(), 1U) << "one call, however many attempts";
  const auto& seen = observer->calls.front();
  EXPECT_EQ(seen.service, "dynamodb");
  EXPECT_EQ(seen.operation, "GetItem");
  EXPECT_EQ(seen.outcome, core::CallOutcome::ok);
  EXPECT_EQ(seen.attempts, 2);
  EXPECT_GE(seen.latency.count(), 0);
  EXPECT_EQ(seen.capacity, 0.5);
}

TEST_F(JsonServiceClientTest, TheObserverHearsHowACallFailed) {
  for (int i = 0; i < 3; ++i) transport.answer(400, R"({"__type":"ProvisionedThroughputExceededException"})");
  transport.answer(400, R"({"__type":"com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException"})");
  transport.answer(400, R"({"__type":"com.amazonaws.dynamodb.v20120810#TransactionCanceledException",
                            "CancellationReasons":[{"Code":"None"},{"Code":"ConditionalCheckFailed"}]})");
  transport.answer(400, R"({"__type":"com.amazonaws.dynamodb.v20120810#TransactionCanceledException",
                            "CancellationReasons":[{"Code":"TransactionConflict"}]})");
  transport.answer(400, R"({"__type":"com.amazonaws.dynamodb.v20120810#ValidationException"})");
  auto client = make_client();
  EXPECT_FALSE(client.call("PutItem", "{}"));
  EXPECT_FALSE(client.call("PutItem", "{}"));
  EXPECT_FALSE(client.call("TransactWriteItems", "{}"));
  EXPECT_FALSE(client.call("TransactWriteItems", "{}"));
  EXPECT_FALSE(client.call("Query", "{}"));
  ASSERT_EQ(observer->calls.size(), 5U);
  using core::CallOutcome;
  EXPECT_EQ(observer->calls[0].outcome, CallOutcome::throttled);
  EXPECT_EQ(observer->calls[0].attempts, 3);
  EXPECT_EQ(observer->calls[1].outcome, CallOutcome::conditional_check_failed);
  EXPECT_EQ(observer->calls[1].attempts, 1);
  EXPECT_EQ(observer->calls[2].outcome, CallOutcome::conditional_check_failed)
      << "a transaction cancelled by a condition";
  EXPECT_EQ(observer->calls[3].outcome, CallOutcome::failed);
  EXPECT_EQ(observer->calls[4].outcome, CallOutcome::failed);
  for (const auto& seen : observer->calls) EXPECT_FALSE(seen.capacity.has_value());
}

TEST_F(JsonServiceClientTest, ATransportFailureIsAFailedCall) {
  transport.fail(AwsErrc::connection_failed);
  auto client = make_client(dynamodb_spec(), 1);
  EXPECT_FALSE(client.call("GetItem", "{}"));
  ASSERT_EQ(observer->calls.size(), 1U);
  EXPECT_EQ(observer->calls[0].outcome, core::CallOutcome::failed);
  EXPECT_EQ(observer->calls[0].attempts, 1);
}

TEST_F(JsonServiceClientTest, ServicesThatReportNoCapacityReportNone) {
  transport.answer(200, R"({"Parameter":{},"ConsumedCapacity":{"CapacityUnits":3}})");
  auto client = make_client(ssm_spec());
  ASSERT_TRUE(client.call("GetParameter", "{}"));
  ASSERT_EQ(observer->calls.size(), 1U);
  EXPECT_EQ(observer->calls[0].service, "ssm");
  EXPECT_FALSE(observer->calls[0].capacity.has_value());
}

TEST_F(JsonServiceClientTest, WithoutAnObserverCallsWorkTheSame) {
  observer.reset();
  transport.answer(200, "{}");
  auto client = make_client();
  EXPECT_TRUE(client.call("GetItem", "{}"));
}

TEST(DynamoDbWire, ConsumedCapacityIsSummedOverListsAndAbsentWhenNotReported) {
  using dynamodb::wire::consumed_capacity_units;
  EXPECT_EQ(consumed_capacity_units(boost::json::parse(R"({"ConsumedCapacity":{"CapacityUnits":1.5}})")),
            1.5);
  EXPECT_EQ(
      consumed_capacity_units(boost::json::parse(
          R"({"ConsumedCapacity":[{"TableName":"a","CapacityUnits":2},{"TableName":"b","CapacityUnits":0.5}]})")),
      2.5);
  EXPECT_FALSE(consumed_capacity_units(boost::json::parse(R"({"Item":{}})")).has_value());
  EXPECT_FALSE(consumed_capacity_units(boost::json::parse(R"({"ConsumedCapacity":[]})")).has_value())
      << "moto answers TransactWriteItems with an empty list";
  EXPECT_FALSE(
      consumed_capacity_units(boost::json::parse(R"({"ConsumedCapacity":{"TableName":"t"}})")).has_value());
  EXPECT_FALSE(consumed_capacity_units(boost::json::parse("[]")).has_value());
}

}  // namespace
}  // namespace hub::aws
