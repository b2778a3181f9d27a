// Faults between the client and each emulator, injected by a loopback proxy: the client must
// survive what is transient and fail fast, typed and inside its deadline, on what is not.
#include <chrono>
#include <string>

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <boost/algorithm/string/predicate.hpp>
#include <boost/json.hpp>

#include "aws/crc32.hpp"
#include "emulators.hpp"
#include "fault_proxy.hpp"

namespace hub::aws::dynamodb {
namespace {

using namespace std::chrono_literals;
using hub::testing::FaultProxy;
using hub::testing::LoopbackAction;
using hub::testing::LoopbackRequest;
using hub::testing::LoopbackResponse;

Item key(const std::string& pk, const std::string& sk) {
  return Item{{"PK", AttributeValue::S(pk)}, {"SK", AttributeValue::S(sk)}};
}

LoopbackResponse aws_error(int status, std::string_view type) {
  return LoopbackResponse{
      .status = status,
      .headers = {{"Content-Type", "application/x-amz-json-1.0"}},
      .body =
          fmt::format(R"({{"__type":"com.amazonaws.dynamodb.v20120810#{}","message":"injected"}})", type)};
}

std::string_view operation_of(const LoopbackRequest& request) {
  const auto target = request.header("X-Amz-Target");
  const auto dot = target.find('.');
  return dot == std::string_view::npos ? target : target.substr(dot + 1);
}

// Replaces the body and keeps the x-amz-crc32 header true to it (a proxy that edits honestly).
void set_body(LoopbackResponse& response, std::string body) {
  std::erase_if(response.headers,
                [](const auto& h) { return boost::algorithm::iequals(h.first, "x-amz-crc32"); });
  response.headers.emplace_back("x-amz-crc32", std::to_string(crc32(body)));
  response.body = std::move(body);
}

class FaultInjection : public hub::testing::EmulatorTest {};

TEST_P(FaultInjection, ThrottlingAndServerErrorsAreRetriedAndSucceed) {
  FaultProxy proxy{GetParam().url,
                   [](const LoopbackRequest& r, int index, const FaultProxy::Forward& forward) {
                     if (index == 0) return aws_error(400, "ThrottlingException");
                     if (index == 1) return aws_error(500, "InternalServerError");
                     return forward(r, r.body);
                   }};
  const auto proxied = hub::testing::dynamodb_client(proxy.url());
  auto put = proxied.put_item({.table = table_name(), .item = key("RETRY#1", "A")});
  ASSERT_TRUE(put) << put.error().describe();
  EXPECT_EQ(proxy.requests(), 3);
  auto got = client().get_item({.table = table_name(), .key = key("RETRY#1", "A"), .consistent_read = true});
  ASSERT_TRUE(got && got->has_value()) << "the third attempt reached the emulator";
}

TEST_P(FaultInjection, ADependencyThatStaysDownFailsTypedWithinTheDeadline) {
  FaultProxy proxy{GetParam().url, [](const LoopbackRequest&, int, const FaultProxy::Forward&) {
                     return aws_error(503, "ServiceUnavailable");
                   }};
  RetryQuota own_quota;  // so this test cannot drain the shared one
  const DynamoDbClient proxied{JsonServiceClient{dynamodb_spec(),
                                                 hub::testing::emulator_settings(proxy.url(), 10),
                                                 hub::testing::shared_transport(), own_quota}};
  const auto budget = 1500ms;
  const auto started = std::chrono::steady_clock::now();
  auto got =
      proxied.get_item({.table = table_name(), .key = key("DOWN", "1")}, core::Deadline::after(budget));
  const auto took = std::chrono::steady_clock::now() - started;
  ASSERT_FALSE(got);
  EXPECT_EQ(got.error().code, AwsErrc::service_unavailable) << got.error().describe();
  EXPECT_GE(got.error().attempts, 2);
  EXPECT_LE(got.error().attempts, 10);
  EXPECT_LT(took, budget + 1s) << "no retry may outlive the deadline";
}

TEST_P(FaultInjection, ConnectionsDroppedMidRequestAreRetried) {
  FaultProxy proxy{GetParam().url,
                   [](const LoopbackRequest& r, int index, const FaultProxy::Forward& forward) {
                     if (index == 0) return LoopbackResponse{.action = LoopbackAction::reset_without_answer};
                     if (index == 1) return LoopbackResponse{.action = LoopbackAction::close_without_answer};
                     return forward(r, r.body);
                   }};
  const auto proxied = hub::testing::dynamodb_client(proxy.url());
  auto got = proxied.get_item({.table = table_name(), .key = key("DROP", "1")});
  ASSERT_TRUE(got) << got.error().describe();
  EXPECT_EQ(proxy.requests(), 3);
}

TEST_P(FaultInjection, UnprocessedItemsAreResentUntilDone) {
  // The proxy lets through only the first half of each BatchWriteItem and hands the rest back
  // as UnprocessedItems, as DynamoDB does under pressure.
  int partial_answers = 0;
  FaultProxy proxy{
      GetParam().url, [&](const LoopbackRequest& r, int, const FaultProxy::Forward& forward) {
        if (operation_of(r) != "BatchWriteItem") return forward(r, r.body);
        auto body = boost::json::parse(r.body).as_object();
        auto& requests = body["RequestItems"].as_object();
        auto& [table_name, writes_value] = *requests.begin();
        auto& writes = writes_value.as_array();
        if (writes.size() < 2) return forward(r, r.body);
        const auto keep = writes.size() / 2;
        boost::json::array rest(writes.begin() + static_cast<std::ptrdiff_t>(keep), writes.end());
        writes.resize(keep);
        const std::string name{table_name};
        auto answer = forward(r, boost::json::serialize(body));
        if (answer.status != 200) return answer;
        boost::json::object out{{"UnprocessedItems", boost::json::object{{name, std::move(rest)}}}};
        set_body(answer, boost::json::serialize(out));
        ++partial_answers;
        return answer;
      }};
  const auto proxied = hub::testing::dynamodb_client(proxy.url());
  BatchWriteRequest batch{.table = table_name(), .writes = {}};
  for (int i = 0; i < 40; ++i)
    batch.writes.emplace_back(PutRequest{key("UNPROC#1", fmt::format("{:03}", i))});
  auto written = proxied.batch_write(batch, core::Deadline::after(60s));
  ASSERT_TRUE(written) << written.error().describe();
  EXPECT_TRUE(written->unprocessed.empty());
  EXPECT_GT(partial_answers, 4);

  auto count = client().query(
      {.table = table_name(),
       .key_condition = "PK = :pk",
       .expressions = {.condition = {}, .names = {}, .values = {{":pk", AttributeValue::S("UNPROC#1")}}},
       .consistent_read = true});
  ASSERT_TRUE(count) << count.error().describe();
  EXPECT_EQ(count->count, 40) << "every item arrived exactly once";
}

TEST_P(FaultInjection, UnprocessedKeysAreResentUntilDone) {
  BatchWriteRequest seed{.table = table_name(), .writes = {}};
  for (int i = 0; i < 30; ++i) seed.writes.emplace_back(PutRequest{key("UNKEYS#1", fmt::format("{:03}", i))});
  ASSERT_TRUE(client().batch_write(seed));

  FaultProxy proxy{
      GetParam().url, [&](const LoopbackRequest& r, int, const FaultProxy::Forward& forward) {
        if (operation_of(r) != "BatchGetItem") return forward(r, r.body);
        auto body = boost::json::parse(r.body).as_object();
        auto& [table_name, spec] = *body["RequestItems"].as_object().begin();
        auto& keys = spec.as_object()["Keys"].as_array();
        if (keys.size() < 2) return forward(r, r.body);
        const auto keep = keys.size() / 2;
        boost::json::array rest(keys.begin() + static_cast<std::ptrdiff_t>(keep), keys.end());
        keys.resize(keep);
        const std::string name{table_name};
        auto answer = forward(r, boost::json::serialize(body));
        if (answer.status != 200) return answer;
        auto out = boost::json::parse(answer.body).as_object();
        out["UnprocessedKeys"] = boost::json::object{{name, boost::json::object{{"Keys", std::move(rest)}}}};
        set_body(answer, boost::json::serialize(out));
        return answer;
      }};
  const auto proxied = hub::testing::dynamodb_client(proxy.url());
  BatchGetRequest get{.table = table_name(), .keys = {}, .consistent_read = true};
  for (int i = 0; i < 30; ++i) get.keys.push_back(key("UNKEYS#1", fmt::format("{:03}", i)));
  auto got = proxied.batch_get(get, core::Deadline::after(60s));
  ASSERT_TRUE(got) << got.error().describe();
  EXPECT_TRUE(got->unprocessed_keys.empty());
  EXPECT_EQ(got->items.size(), 30U);
}

TEST_P(FaultInjection, TheDeadlineReturnsWhatIsStillUnprocessed) {
  FaultProxy proxy{GetParam().url, [&](const LoopbackRequest& r, int, const FaultProxy::Forward&) {
                     // Nothing is ever processed.
                     auto body = boost::json::parse(r.body).as_object();
                     LoopbackResponse answer{.status = 200, .headers = {}, .body = {}};
                     set_body(answer, boost::json::serialize(
                                          boost::json::object{{"UnprocessedItems", body["RequestItems"]}}));
                     return answer;
                   }};
  const auto proxied = hub::testing::dynamodb_client(proxy.url());
  BatchWriteRequest batch{.table = table_name(), .writes = {}};
  for (int i = 0; i < 30; ++i) batch.writes.emplace_back(PutRequest{key("STUCK", fmt::format("{:03}", i))});
  auto written = proxied.batch_write(batch, core::Deadline::after(400ms));
  ASSERT_TRUE(written) << written.error().describe();
  EXPECT_EQ(written->unprocessed.size(), 30U) << "the caller learns exactly what was not written";
}

TEST_P(FaultInjection, ACorruptedBodyFailsTheChecksum) {
  FaultProxy proxy{GetParam().url, [](const LoopbackRequest& r, int, const FaultProxy::Forward& forward) {
                     auto answer = forward(r, r.body);
                     const std::string honest = answer.body;
                     set_body(answer, honest);  // a true checksum of the real body ...
                     if (!answer.body.empty())
                       answer.body[answer.body.size() / 2] ^= 0x20;  // ... then a flipped bit
                     return answer;
                   }};
  const auto proxied = hub::testing::dynamodb_client(proxy.url());
  auto got = proxied.get_item({.table = table_name(), .key = key("CRC", "1")});
  ASSERT_FALSE(got);
  EXPECT_EQ(got.error().code, AwsErrc::crc32_mismatch) << got.error().describe();
  EXPECT_EQ(got.error().attempts, 3) << "a corrupted answer is retried like any transient fault";
}

TEST_P(FaultInjection, OneCorruptedBodyIsSurvived) {
  FaultProxy proxy{GetParam().url,
                   [](const LoopbackRequest& r, int index, const FaultProxy::Forward& forward) {
                     auto answer = forward(r, r.body);
                     const std::string honest = answer.body;
                     set_body(answer, honest);
                     if (index == 0 && !answer.body.empty()) answer.body[0] ^= 0x01;
                     return answer;
                   }};
  const auto proxied = hub::testing::dynamodb_client(proxy.url());
  auto got = proxied.get_item({.table = table_name(), .key = key("CRC", "2")});
  ASSERT_TRUE(got) << got.error().describe();
  EXPECT_EQ(proxy.requests(), 2);
}

INSTANTIATE_TEST_SUITE_P(Emulators, FaultInjection, ::testing::ValuesIn(hub::testing::emulators()),
                         hub::testing::EmulatorName{});

// No emulator at all: a clear, typed error naming the endpoint, within the timeouts.
TEST(NoEmulator, ARefusedConnectionNamesTheEndpoint) {
  std::string url;
  {
    hub::testing::LoopbackHttpServer closed{[](const LoopbackRequest&) { return LoopbackResponse{}; }};
    url = closed.url();
  }  // stopped: the port now refuses connections
  RetryQuota quota;
  const DynamoDbClient proxied{JsonServiceClient{dynamodb_spec(), hub::testing::emulator_settings(url, 2),
                                                 hub::testing::shared_transport(), quota}};
  auto got = proxied.describe_table("anything", core::Deadline::after(5s));
  ASSERT_FALSE(got);
  EXPECT_EQ(got.error().code, AwsErrc::connection_failed);
  EXPECT_NE(got.error().message.find(url), std::string::npos) << got.error().message;
}

TEST(NoEmulator, ASilentServerTimesOut) {
  hub::testing::LoopbackHttpServer silent{
      [](const LoopbackRequest&) { return LoopbackResponse{.delay = 30s}; }};
  auto settings = hub::testing::emulator_settings(silent.url(), 2);
  settings.attempt_timeout = 200ms;
  RetryQuota quota;
  const DynamoDbClient proxied{
      JsonServiceClient{dynamodb_spec(), settings, hub::testing::shared_transport(), quota}};
  auto got = proxied.describe_table("anything", core::Deadline::after(10s));
  ASSERT_FALSE(got);
  EXPECT_EQ(got.error().code, AwsErrc::timeout) << got.error().describe();
  EXPECT_EQ(got.error().attempts, 2);
  silent.stop();
}

}  // namespace
}  // namespace hub::aws::dynamodb
