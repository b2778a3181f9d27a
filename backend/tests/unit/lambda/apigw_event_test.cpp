#include <filesystem>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "core/base64.hpp"
#include "fixtures.hpp"
#include "runtime/lambda/apigw_event.hpp"

namespace hub::runtime::lambda {
namespace {

using test_support::apigw_fixture;
using test_support::apigw_fixture_object;
using ::testing::ElementsAre;

http::Request parse_ok(std::string_view text) {
  auto request = request_from_apigw_event(text);
  EXPECT_TRUE(request.ok()) << (request ? "" : request.error().detail);
  return request ? std::move(request).value() : http::Request{};
}

ErrorCode parse_error(const json::value& event) {
  auto request = request_from_apigw_json(event);
  EXPECT_FALSE(request.ok());
  return request ? ErrorCode::INTERNAL : request.error().code;
}

TEST(ApigwEventTest, EveryFixtureParses) {
  std::size_t count = 0;
  for (const auto& entry : std::filesystem::directory_iterator(test_support::apigw_fixture_dir())) {
    if (entry.path().extension() != ".json") continue;
    ++count;
    SCOPED_TRACE(entry.path().filename().string());
    const auto request = parse_ok(test_support::read_text_file(entry.path()));
    EXPECT_FALSE(request.method.empty());
    EXPECT_TRUE(request.path.starts_with("/"));
    EXPECT_FALSE(request.gateway_request_id.empty());
    EXPECT_FALSE(request.remote_address.empty());
  }
  EXPECT_GE(count, 5U);
}

TEST(ApigwEventTest, AuthorizerRequestParsesFromRequestContext) {
  const auto request = parse_ok(apigw_fixture("apigw-v2-custom-authorizer-v2-request.json"));
  EXPECT_EQ(request.method, "POST");
  EXPECT_EQ(request.path, "/my/path");
  EXPECT_EQ(request.header("header1"), "value1");
  EXPECT_EQ(request.header("HEADER2"), "value2");
  EXPECT_EQ(request.query_string, "parameter1=value1&parameter1=value2&parameter2=value");
  EXPECT_THAT(request.query_all("parameter1"), ElementsAre("value1", "value2"));
  EXPECT_THAT(request.cookies, ElementsAre("cookie1", "cookie2"));
  EXPECT_FALSE(request.headers.contains("Cookie"));
  EXPECT_EQ(request.gateway_request_id, "id");
  EXPECT_EQ(request.remote_address, "IP");
  EXPECT_TRUE(request.body.empty());
}

TEST(ApigwEventTest, IamRequestKeepsPlainBody) {
  const auto request = parse_ok(apigw_fixture("apigw-v2-request-iam.json"));
  EXPECT_EQ(request.method, "GET");
  EXPECT_EQ(request.body, "{\r\n\t\"a\": 1\r\n}");
  EXPECT_EQ(request.query("parameter2"), "value");
}

TEST(ApigwEventTest, NoAuthorizerRequestCarriesTraceAndIds) {
  const auto request = parse_ok(apigw_fixture("apigw-v2-request-no-authorizer.json"));
  EXPECT_EQ(request.method, "GET");
  EXPECT_EQ(request.path, "/");
  EXPECT_EQ(request.query_string, "");
  EXPECT_EQ(request.trace_id, "Root=1-5e9f0c65-1de4d666d4dd26aced652b6c");
  EXPECT_EQ(request.gateway_request_id, "LV7fzho-PHcEJPw=");
  EXPECT_EQ(request.remote_address, "1.2.3.4");
  EXPECT_EQ(request.header("User-Agent"), "curl/7.58.0");
  EXPECT_EQ(request.header("X-Forwarded-Proto"), "https");
  EXPECT_TRUE(request.cookies.empty());
}

TEST(ApigwEventTest, DecodesBase64Body) {
  auto event = apigw_fixture_object("apigw-v2-request-jwt-authorizer.json");
  const std::string binary("\x89PNG\r\n\x1a\n\0\xff", 10);
  event["body"] = core::base64_encode(binary);
  event["isBase64Encoded"] = true;
  EXPECT_EQ(parse_ok(to_json_text(event)).body, binary);

  event["body"] = "not base64!";
  EXPECT_EQ(parse_error(event), ErrorCode::BAD_REQUEST);
}

TEST(ApigwEventTest, RebuildsQueryFromParametersWhenRawIsAbsent) {
  auto event = apigw_fixture_object("apigw-v2-request-lambda-authorizer.json");
  event.erase("rawQueryString");
  event["queryStringParameters"].as_object()["q"] = "caf\xc3\xa9 & more";
  const auto request = parse_ok(to_json_text(event));
  EXPECT_THAT(request.query_all("parameter1"), ElementsAre("value1", "value2"));
  EXPECT_EQ(request.query("parameter2"), "value");
  EXPECT_EQ(request.query("q"), "caf\xc3\xa9 & more");
}

TEST(ApigwEventTest, PercentDecodesRawPathAndFallsBackToContextPath) {
  auto event = apigw_fixture_object("apigw-v2-request-iam.json");
  event["rawPath"] = "/users/caf%C3%A9";
  EXPECT_EQ(parse_ok(to_json_text(event)).path, "/users/caf\xc3\xa9");

  event.erase("rawPath");
  EXPECT_EQ(parse_ok(to_json_text(event)).path, "/my/path");

  event["rawPath"] = "/bad%zz";
  EXPECT_EQ(parse_error(event), ErrorCode::BAD_REQUEST);
}

TEST(ApigwEventTest, LowerCaseMethodIsNormalised) {
  auto event = apigw_fixture_object("apigw-v2-request-iam.json");
  event["requestContext"].as_object()["http"].as_object()["method"] = "patch";
  EXPECT_EQ(parse_ok(to_json_text(event)).method, "PATCH");
}

TEST(ApigwEventTest, MalformedEventsAreErrorsNotExceptions) {
  auto not_json = request_from_apigw_event("{not json");
  ASSERT_FALSE(not_json.ok());
  EXPECT_EQ(not_json.error().code, ErrorCode::MALFORMED_JSON);

  EXPECT_EQ(parse_error(json::array{}), ErrorCode::BAD_REQUEST);
  EXPECT_EQ(parse_error(json::object{}), ErrorCode::BAD_REQUEST);

  const auto base = apigw_fixture_object("apigw-v2-request-iam.json");
  auto v1 = base;
  v1["version"] = "1.0";
  EXPECT_EQ(parse_error(v1), ErrorCode::BAD_REQUEST);

  auto no_http = base;
  no_http["requestContext"].as_object().erase("http");
  EXPECT_EQ(parse_error(no_http), ErrorCode::BAD_REQUEST);

  auto no_method = base;
  no_method["requestContext"].as_object()["http"].as_object().erase("method");
  EXPECT_EQ(parse_error(no_method), ErrorCode::BAD_REQUEST);

  auto bad_headers = base;
  bad_headers["headers"] = "x";
  EXPECT_EQ(parse_error(bad_headers), ErrorCode::BAD_REQUEST);

  auto bad_header_value = base;
  bad_header_value["headers"].as_object()["n"] = 1;
  EXPECT_EQ(parse_error(bad_header_value), ErrorCode::BAD_REQUEST);

  auto bad_cookies = base;
  bad_cookies["cookies"] = json::array{1};
  EXPECT_EQ(parse_error(bad_cookies), ErrorCode::BAD_REQUEST);

  auto bad_body = base;
  bad_body["body"] = json::object{};
  EXPECT_EQ(parse_error(bad_body), ErrorCode::BAD_REQUEST);
}

}  // namespace
}  // namespace hub::runtime::lambda
