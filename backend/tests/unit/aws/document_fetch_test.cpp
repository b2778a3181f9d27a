#include "aws/document_fetch.hpp"

#include <chrono>
#include <string>

#include <gtest/gtest.h>

#include "aws/curl_http_client.hpp"
#include "support/loopback_http_server.hpp"

namespace hub::aws {
namespace {

using namespace std::chrono_literals;
using testing::LoopbackAction;
using testing::LoopbackRequest;
using testing::LoopbackResponse;

LoopbackResponse answer(int status, std::string body, std::chrono::milliseconds delay = 0ms) {
  return LoopbackResponse{
      status, {{"Content-Type", "application/json"}}, std::move(body), delay, LoopbackAction::answer};
}

TEST(FetchDocument, GetsTheBodyOfA200) {
  std::string method;
  testing::LoopbackHttpServer server([&](const LoopbackRequest& request) {
    method = request.method;
    return answer(200, R"({"keys":[]})");
  });
  CurlHttpClient http;
  const auto body = fetch_document(http, server.url() + "/.well-known/jwks.json", 1500ms, 1024);
  ASSERT_TRUE(body.ok()) << body.error().detail;
  EXPECT_EQ(*body, R"({"keys":[]})");
  EXPECT_EQ(method, "GET");
}

TEST(FetchDocument, RefusesAnyOtherStatusNamingTheUrlWithoutItsQuery) {
  testing::LoopbackHttpServer server([](const LoopbackRequest&) { return answer(404, "secret body"); });
  CurlHttpClient http;
  const auto body = fetch_document(http, server.url() + "/jwks.json?token=hidden", 1500ms, 1024);
  ASSERT_FALSE(body.ok());
  EXPECT_EQ(body.error().code, ErrorCode::DEPENDENCY_UNAVAILABLE);
  EXPECT_NE(body.error().detail.find("HTTP 404"), std::string::npos) << body.error().detail;
  EXPECT_NE(body.error().detail.find(server.url() + "/jwks.json"), std::string::npos);
  EXPECT_EQ(body.error().detail.find("hidden"), std::string::npos);
  EXPECT_EQ(body.error().detail.find("secret"), std::string::npos);
}

TEST(FetchDocument, TakesABodyOfExactlyTheLimitAndRefusesOneByteMore) {
  testing::LoopbackHttpServer server([](const LoopbackRequest& request) {
    return answer(200, std::string(request.target == "/at-limit" ? 2048 : 2049, 'x'));
  });
  CurlHttpClient http;
  EXPECT_TRUE(fetch_document(http, server.url() + "/at-limit", 1500ms, 2048).ok());
  const auto over = fetch_document(http, server.url() + "/over", 1500ms, 2048);
  ASSERT_FALSE(over.ok());
  EXPECT_EQ(over.error().code, ErrorCode::DEPENDENCY_UNAVAILABLE);
  EXPECT_NE(over.error().detail.find("larger than 2048 bytes"), std::string::npos) << over.error().detail;
}

TEST(FetchDocument, GivesUpOnASlowServerWithinTheTimeout) {
  testing::LoopbackHttpServer server([](const LoopbackRequest&) { return answer(200, "{}", 5000ms); });
  CurlHttpClient http;
  const auto started = std::chrono::steady_clock::now();
  const auto body = fetch_document(http, server.url() + "/slow", 300ms, 1024);
  const auto took = std::chrono::steady_clock::now() - started;
  ASSERT_FALSE(body.ok());
  EXPECT_NE(body.error().detail.find("timed out"), std::string::npos) << body.error().detail;
  EXPECT_LT(took, 4000ms);  // far below the server's delay, however slow the machine
  server.stop();
}

TEST(FetchDocument, ReportsAServerThatIsNotThere) {
  std::string url;
  {
    testing::LoopbackHttpServer server([](const LoopbackRequest&) { return answer(200, "{}"); });
    url = server.url() + "/jwks.json";
  }
  CurlHttpClient http;
  const auto body = fetch_document(http, url, 1500ms, 1024);
  ASSERT_FALSE(body.ok());
  EXPECT_EQ(body.error().code, ErrorCode::DEPENDENCY_UNAVAILABLE);
}

TEST(CurlHttpClient, EnforcesMaxResponseBytesOnlyWhenSet) {
  testing::LoopbackHttpServer server(
      [](const LoopbackRequest&) { return answer(200, std::string(100'000, 'b')); });
  CurlHttpClient http;
  HttpRequest request;
  request.method = "GET";
  request.url = server.url() + "/big";
  SendOptions unlimited;
  const auto whole = http.send(request, unlimited);
  ASSERT_TRUE(whole.ok());
  EXPECT_EQ(whole->body.size(), 100'000U);
  SendOptions capped;
  capped.max_response_bytes = 10'000;
  const auto cut = http.send(request, capped);
  ASSERT_FALSE(cut.ok());
  EXPECT_EQ(cut.error().code, AwsErrc::malformed_response);
  // The client is still usable afterwards.
  EXPECT_TRUE(http.send(request, unlimited).ok());
}

}  // namespace
}  // namespace hub::aws
