// bench-micro, AWS access layer: what one DynamoDB call costs this process before and after the
// network. SigV4 signing of a PutItem request (~1 KB JSON body, as in Lambda: temporary
// credentials with a session token), the body's SHA-256 alone, and the whole client path
// (request JSON, signing, CRC32 check, response parsing) over a transport that answers at once.

#include <benchmark/benchmark.h>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <utility>

#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "aws/crc32.hpp"
#include "aws/crypto.hpp"
#include "aws/dynamodb_client.hpp"
#include "aws/http_transport.hpp"
#include "aws/json_service_client.hpp"
#include "aws/retry.hpp"
#include "aws/sigv4.hpp"
#include "bench_items.hpp"

namespace {

namespace aws = hub::aws;
namespace ddb = hub::aws::dynamodb;

constexpr const char* kTable = "innovation-hub";

// Answers every request with the same response; keeps the last request when asked to.
class CannedTransport final : public aws::HttpTransport {
 public:
  explicit CannedTransport(std::string body) {
    response_.status = 200;
    response_.headers = {{"Content-Type", "application/x-amz-json-1.0"},
                         {"x-amz-crc32", std::to_string(aws::crc32(body))},
                         {"x-amzn-RequestId", "BENCHREQUESTID0000000000000000000000000000000000000"}};
    response_.body = std::move(body);
  }
  aws::AwsResult<aws::HttpResponse> send(const aws::HttpRequest& request,
                                         const aws::SendOptions& /*options*/) override {
    if (capture_) last_ = request;
    return response_;
  }
  void capture(bool on) { capture_ = on; }
  [[nodiscard]] const aws::HttpRequest& last() const { return last_; }

 private:
  aws::HttpResponse response_;
  aws::HttpRequest last_;
  bool capture_ = false;
};

aws::ClientSettings lambda_like_settings() {
  aws::ClientSettings settings;
  settings.endpoint = "https://dynamodb.eu-west-1.amazonaws.com";
  settings.region = "eu-west-1";
  settings.credentials = {"ASIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
                          std::string(400, 'T')};  // Lambda role credentials carry a long token
  settings.retry.max_attempts = 1;
  return settings;
}

ddb::DynamoDbClient client_over(CannedTransport& transport) {
  static aws::RetryQuota quota;
  return ddb::DynamoDbClient{
      aws::JsonServiceClient{aws::dynamodb_spec(), lambda_like_settings(), transport, quota}};
}

ddb::PutItemRequest put_request(std::size_t n) {
  ddb::PutItemRequest request;
  request.table = kTable;
  request.item = hub::bench::user_item(n);
  request.expressions.condition = "attribute_not_exists(PK) OR #v = :expected";
  request.expressions.names = {{"#v", "version"}};
  request.expressions.values = {{":expected", aws::AttributeValue::N(std::int64_t{2})}};
  return request;
}

// The PutItem request exactly as DynamoDbClient sends it (body and the headers it signs).
aws::HttpRequest captured_put_item() {
  CannedTransport transport{"{}"};
  transport.capture(true);
  const auto client = client_over(transport);
  if (!client.put_item(put_request(1))) throw std::runtime_error("put_item over the canned transport failed");
  return transport.last();
}

void BM_Sha256PutItemBody(benchmark::State& state) {
  const auto request = captured_put_item();
  for (auto _ : state) benchmark::DoNotOptimize(aws::sha256_hex(request.body));
  state.counters["body_bytes"] = static_cast<double>(request.body.size());
  state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(request.body.size()));
}
BENCHMARK(BM_Sha256PutItemBody);

void BM_SigV4SignPutItem(benchmark::State& state) {
  const auto sent = captured_put_item();
  const auto settings = lambda_like_settings();
  // What JsonServiceClient signs: Host, Content-Type and X-Amz-Target (the first three headers).
  aws::RequestToSign to_sign{.method = "POST",
                             .path = "/",
                             .query = {},
                             .headers = {sent.headers.begin(), sent.headers.begin() + 3},
                             .body = sent.body};
  const aws::SigningParams params{.credentials = settings.credentials,
                                  .region = settings.region,
                                  .service = "dynamodb",
                                  .time = std::chrono::system_clock::now()};
  for (auto _ : state) {
    auto signature = aws::sign_v4(to_sign, params);
    benchmark::DoNotOptimize(signature);
  }
  state.counters["body_bytes"] = static_cast<double>(sent.body.size());
}
BENCHMARK(BM_SigV4SignPutItem);

// DynamoDbClient::put_item end to end, minus the network: item -> JSON, signing, the canned
// 200 "{}" with its CRC32 checked and parsed.
void BM_DynamoDbPutItemNoNetwork(benchmark::State& state) {
  CannedTransport transport{"{}"};
  const auto client = client_over(transport);
  const auto request = put_request(1);
  for (auto _ : state) {
    auto result = client.put_item(request);
    if (!result) state.SkipWithError("put_item failed");
    benchmark::DoNotOptimize(result);
  }
}
BENCHMARK(BM_DynamoDbPutItemNoNetwork);

// DynamoDbClient::get_item end to end, minus the network: the ~1 KB item parsed back.
void BM_DynamoDbGetItemNoNetwork(benchmark::State& state) {
  const auto put_body = boost::json::parse(captured_put_item().body).as_object();
  CannedTransport transport{boost::json::serialize(boost::json::object{{"Item", put_body.at("Item")}})};
  const auto client = client_over(transport);
  const ddb::GetItemRequest request{.table = kTable, .key = hub::bench::user_key(1)};
  for (auto _ : state) {
    auto result = client.get_item(request);
    if (!result || !result.value()) state.SkipWithError("get_item failed");
    benchmark::DoNotOptimize(result);
  }
}
BENCHMARK(BM_DynamoDbGetItemNoNetwork);

}  // namespace
