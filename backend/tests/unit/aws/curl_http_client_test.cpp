// CurlHttpClient against an in-process loopback server: what goes over the wire, connection
// reuse, and how each way of not getting a response is reported. No assertion depends on how
// fast the machine is, beyond generous upper bounds that prove a wait was cut short.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstddef>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "aws/curl_http_client.hpp"
#include "support/loopback_http_server.hpp"

namespace hub::aws {
namespace {

using namespace std::chrono_literals;
using testing::LoopbackAction;
using testing::LoopbackHttpServer;
using testing::LoopbackRequest;
using testing::LoopbackResponse;

LoopbackResponse ok_response(const LoopbackRequest& /*request*/) { return {200, {}, "ok", 0ms, {}}; }

LoopbackResponse echo(const LoopbackRequest& request) {
  LoopbackResponse response;
  response.body = request.body;
  response.headers = {{"X-Method", request.method}};
  return response;
}

LoopbackResponse after(std::chrono::milliseconds delay) {
  LoopbackResponse response;
  response.delay = delay;
  return response;
}

LoopbackResponse acting(LoopbackAction action, std::string body = {}) {
  LoopbackResponse response;
  response.action = action;
  response.body = std::move(body);
  return response;
}

SendOptions limits(std::chrono::milliseconds connect, std::chrono::milliseconds total,
                   core::Deadline deadline = core::Deadline::never()) {
  SendOptions options;
  options.connect_timeout = connect;
  options.total_timeout = total;
  options.deadline = deadline;
  return options;
}

HttpRequest post_to(const LoopbackHttpServer& server, std::string body = "{}") {
  HttpRequest request;
  request.url = server.url() + "/";
  request.headers = {{"Content-Type", "application/x-amz-json-1.0"}};
  request.body = std::move(body);
  return request;
}

// Bytes 0..255, repeated: NULs, CR/LF and high bytes all in there.
std::string binary(std::size_t size) {
  std::string out(size, '\0');
  for (std::size_t i = 0; i < size; ++i) out[i] = static_cast<char>(static_cast<unsigned char>(i % 256));
  return out;
}

// A port with nothing listening: a server's, once it has stopped.
std::uint16_t closed_port() {
  const LoopbackHttpServer server(ok_response);
  return server.port();
}

TEST(CurlHttpClient, RoundTripsMethodTargetHeadersBinaryBodyAndStatus) {
  LoopbackRequest seen;
  std::mutex mutex;
  LoopbackHttpServer server([&](const LoopbackRequest& request) {
    const std::lock_guard lock(mutex);
    seen = request;
    return LoopbackResponse{
        201, {{"X-Amz-Crc32", "12345"}, {"x-amzn-RequestId", "r-1"}}, binary(300), 0ms, {}};
  });
  CurlHttpClient client;
  HttpRequest request = post_to(server, binary(1000));
  request.url = server.url() + "/some/path?x=1&y=two";
  request.headers.emplace_back("X-Amz-Target", "DynamoDB_20120810.GetItem");
  request.headers.emplace_back("X-Empty", "");

  const auto result = client.send(request, {});
  ASSERT_TRUE(result.ok()) << result.error().message;
  EXPECT_EQ(result->status, 201);
  EXPECT_EQ(result->body, binary(300));
  EXPECT_EQ(result->header("x-amz-crc32"), "12345");
  const auto named = [&](std::string_view name) {
    return std::ranges::any_of(result->headers, [name](const auto& header) { return header.first == name; });
  };
  EXPECT_TRUE(named("X-Amz-Crc32"));  // names as received
  EXPECT_TRUE(named("x-amzn-RequestId"));

  const std::lock_guard lock(mutex);
  EXPECT_EQ(seen.method, "POST");
  EXPECT_EQ(seen.target, "/some/path?x=1&y=two");
  EXPECT_EQ(seen.body, binary(1000));
  EXPECT_EQ(seen.header("X-Amz-Target"), "DynamoDB_20120810.GetItem");
  EXPECT_EQ(seen.header("Content-Type"), "application/x-amz-json-1.0");
  EXPECT_EQ(seen.header("Content-Length"), "1000");
  EXPECT_EQ(seen.header("User-Agent"), "innovation-hub");
  EXPECT_TRUE(seen.has_header("X-Empty"));
  EXPECT_EQ(seen.header("X-Empty"), "");
}

TEST(CurlHttpClient, SendsEveryMethodAsAsked) {
  LoopbackHttpServer server(echo);
  CurlHttpClient client;
  for (const std::string method : {"GET", "PUT", "DELETE", "PATCH", "POST"}) {
    HttpRequest request = post_to(server, method == "GET" || method == "DELETE" ? "" : "body of " + method);
    request.method = method;
    const auto result = client.send(request, {});
    ASSERT_TRUE(result.ok()) << method << ": " << result.error().message;
    EXPECT_EQ(result->header("X-Method"), method);
    EXPECT_EQ(result->body, request.body);
  }
  server.set_handler([](const LoopbackRequest& request) {
    return LoopbackResponse{200, {{"X-Method", request.method}}, "not sent to HEAD", 0ms, {}};
  });
  const auto head = client.send({"HEAD", server.url() + "/", {}, ""}, {});
  ASSERT_TRUE(head.ok()) << head.error().message;
  EXPECT_EQ(head->header("X-Method"), "HEAD");
  EXPECT_EQ(head->header("Content-Length"), "16");
  EXPECT_EQ(head->body, "");
  const auto after_head = client.send(post_to(server), {});  // the connection is still in step
  ASSERT_TRUE(after_head.ok()) << after_head.error().message;
  EXPECT_EQ(after_head->body, "not sent to HEAD");
  EXPECT_EQ(server.connections_accepted(), 1U);
}

TEST(CurlHttpClient, AnyStatusIsAResponseNotAnError) {
  LoopbackHttpServer server([](const LoopbackRequest&) {
    return LoopbackResponse{503, {}, R"({"__type":"ServiceUnavailable"})", 0ms, {}};
  });
  CurlHttpClient client;
  const auto result = client.send(post_to(server), {});
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(result->status, 503);
  EXPECT_EQ(result->body, R"({"__type":"ServiceUnavailable"})");
}

// Handles go back to the pool through curl_easy_reset, which must keep their connection.
TEST(CurlHttpClient, SequentialRequestsReuseOneConnection) {
  LoopbackHttpServer server(ok_response);
  CurlHttpClient client;
  for (int i = 0; i < 20; ++i) {
    const auto result = client.send(post_to(server), {});
    ASSERT_TRUE(result.ok()) << result.error().message;
  }
  EXPECT_EQ(server.connections_accepted(), 1U);
  EXPECT_EQ(server.requests_received(), 20U);
  EXPECT_EQ(client.stats().requests, 20U);
  EXPECT_EQ(client.stats().connections_opened, 1U);
}

TEST(CurlHttpClient, WithoutReuseEveryRequestOpensAConnection) {
  LoopbackHttpServer server(ok_response);
  CurlHttpClientOptions options;
  options.reuse_connections = false;
  CurlHttpClient client(options);
  for (int i = 0; i < 20; ++i) ASSERT_TRUE(client.send(post_to(server), {}).ok());
  EXPECT_EQ(server.connections_accepted(), 20U);
  EXPECT_EQ(client.stats().requests, 20U);
  EXPECT_EQ(client.stats().connections_opened, 20U);
}

TEST(CurlHttpClient, NoIdleHandlesMeansNoKeptConnections) {
  LoopbackHttpServer server(ok_response);
  CurlHttpClientOptions options;
  options.max_idle_connections = 0;
  CurlHttpClient client(options);
  for (int i = 0; i < 5; ++i) ASSERT_TRUE(client.send(post_to(server), {}).ok());
  EXPECT_EQ(server.connections_accepted(), 5U);
}

TEST(CurlHttpClient, ManyThreadsShareThePool) {
  constexpr std::size_t kThreads = 8;
  constexpr int kPerThread = 25;
  LoopbackHttpServer server(echo);
  CurlHttpClient client;  // 16 idle handles at most: more than there are threads
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (std::size_t t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kPerThread; ++i) {
        const std::string body = "thread " + std::to_string(t) + " request " + std::to_string(i);
        const auto result = client.send(post_to(server, body), {});
        if (!result.ok() || result->status != 200 || result->body != body) failures.fetch_add(1);
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_EQ(server.requests_received(), kThreads * kPerThread);
  EXPECT_EQ(client.stats().requests, kThreads * kPerThread);
  EXPECT_GE(server.connections_accepted(), 1U);
  EXPECT_LE(server.connections_accepted(), kThreads);  // never more than one per concurrent caller
  EXPECT_EQ(client.stats().connections_opened, server.connections_accepted());
}

TEST(CurlHttpClient, ConnectionRefusedIsConnectionFailedNamingTheEndpoint) {
  const std::uint16_t port = closed_port();
  CurlHttpClient client;
  HttpRequest request{"POST", "http://127.0.0.1:" + std::to_string(port) + "/x?q=1", {}, "secret body"};
  request.headers.emplace_back("Authorization", "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/x, Signature=abc");
  const auto result = client.send(request, {});
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, AwsErrc::connection_failed);
  const std::string& message = result.error().message;
  EXPECT_NE(message.find("could not connect to http://127.0.0.1:" + std::to_string(port)), std::string::npos)
      << message;
  EXPECT_NE(message.find("Connection refused"), std::string::npos) << message;
  EXPECT_EQ(message.find("secret body"), std::string::npos);
  EXPECT_EQ(message.find("AKIDEXAMPLE"), std::string::npos);
  EXPECT_EQ(message.find("/x?q=1"), std::string::npos);
}

TEST(CurlHttpClient, ServerSlowerThanTotalTimeoutIsTimeout) {
  LoopbackHttpServer server([](const LoopbackRequest&) { return after(20s); });
  CurlHttpClient client;
  const auto started = std::chrono::steady_clock::now();
  const auto result = client.send(post_to(server), limits(1s, 200ms));
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, AwsErrc::timeout) << result.error().message;
  EXPECT_NE(result.error().message.find(server.url()), std::string::npos) << result.error().message;
  EXPECT_LT(std::chrono::steady_clock::now() - started, 15s);
}

TEST(CurlHttpClient, DeadlineSoonerThanTimeoutIsDeadlineExceeded) {
  LoopbackHttpServer server([](const LoopbackRequest&) { return after(20s); });
  CurlHttpClient client;
  const auto started = std::chrono::steady_clock::now();
  const auto result = client.send(post_to(server), limits(10s, 30s, core::Deadline::after(200ms)));
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, AwsErrc::deadline_exceeded) << result.error().message;
  EXPECT_NE(result.error().message.find(server.url()), std::string::npos) << result.error().message;
  EXPECT_LT(std::chrono::steady_clock::now() - started, 15s);
}

TEST(CurlHttpClient, ExpiredDeadlineSendsNothing) {
  LoopbackHttpServer server(ok_response);
  CurlHttpClient client;
  const auto past = core::Deadline::at(std::chrono::steady_clock::now() - 1ms);
  const auto result = client.send(post_to(server), limits(1s, 3s, past));
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, AwsErrc::deadline_exceeded);
  EXPECT_NE(result.error().message.find(server.url()), std::string::npos) << result.error().message;
  EXPECT_EQ(client.stats().requests, 0U);
  server.stop();  // joins the server's threads: it has seen all it will see
  EXPECT_EQ(server.connections_accepted(), 0U);
  EXPECT_EQ(server.requests_received(), 0U);
}

TEST(CurlHttpClient, TheThreadsCurrentDeadlineBindsToo) {
  LoopbackHttpServer server(ok_response);
  CurlHttpClient client;
  {
    const core::ScopedDeadline scope(core::Deadline::at(std::chrono::steady_clock::now() - 1ms));
    const auto result = client.send(post_to(server), {});
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.error().code, AwsErrc::deadline_exceeded);
  }
  const auto result = client.send(post_to(server), {});  // the scope is over
  ASSERT_TRUE(result.ok()) << result.error().message;
  server.stop();
  EXPECT_EQ(server.requests_received(), 1U);
}

TEST(CurlHttpClient, ServerClosingWithoutAnswerIsConnectionFailed) {
  for (const auto action : {LoopbackAction::close_without_answer, LoopbackAction::reset_without_answer}) {
    LoopbackHttpServer server([action](const LoopbackRequest&) { return acting(action); });
    CurlHttpClient client;
    const auto result = client.send(post_to(server), {});
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.error().code, AwsErrc::connection_failed) << result.error().message;
    EXPECT_NE(result.error().message.find(server.url()), std::string::npos) << result.error().message;

    // The pooled handle serves the next call normally.
    server.set_handler(ok_response);
    const auto next = client.send(post_to(server), {});
    ASSERT_TRUE(next.ok()) << next.error().message;
    EXPECT_EQ(next->body, "ok");
  }
}

TEST(CurlHttpClient, ServerClosingAfterAnsweringIsFine) {
  LoopbackHttpServer server(
      [](const LoopbackRequest&) { return acting(LoopbackAction::answer_and_close, "bye"); });
  CurlHttpClient client;
  for (int i = 0; i < 3; ++i) {
    const auto result = client.send(post_to(server), {});
    ASSERT_TRUE(result.ok()) << result.error().message;
    EXPECT_EQ(result->body, "bye");
  }
  EXPECT_EQ(server.connections_accepted(), 3U);
}

TEST(CurlHttpClient, LargeBodiesTravelBothWaysIntact) {
  LoopbackHttpServer server(echo);
  CurlHttpClient client;
  const std::string body = binary((1U << 20U) + 17U);  // just over 1 MiB
  const auto result = client.send(post_to(server, body), {});
  ASSERT_TRUE(result.ok()) << result.error().message;
  EXPECT_EQ(result->body.size(), body.size());
  EXPECT_TRUE(result->body == body);
}

// libcurl would otherwise add `Expect: 100-continue` to large bodies (a round trip) and a
// form-urlencoded Content-Type to bodies sent without one.
TEST(CurlHttpClient, AddsNoExpectAndNoGuessedContentType) {
  std::mutex mutex;
  std::vector<LoopbackRequest> seen;
  LoopbackHttpServer server([&](const LoopbackRequest& request) {
    const std::lock_guard lock(mutex);
    seen.push_back(request);
    return LoopbackResponse{};
  });
  CurlHttpClient client;
  for (const std::size_t size : {std::size_t{10}, std::size_t{3} << 20U}) {
    HttpRequest request = post_to(server, binary(size));
    request.headers.clear();
    ASSERT_TRUE(client.send(request, {}).ok());
  }
  const std::lock_guard lock(mutex);
  ASSERT_EQ(seen.size(), 2U);
  for (const auto& request : seen) {
    EXPECT_FALSE(request.has_header("Expect")) << request.body.size();
    EXPECT_FALSE(request.has_header("Content-Type")) << request.body.size();
  }
}

TEST(CurlHttpClient, RejectsBadUrlsAndHeaderInjectionWithoutSending) {
  LoopbackHttpServer server(ok_response);
  CurlHttpClient client;
  const auto bad_url = client.send({"POST", "not a url", {}, ""}, {});
  ASSERT_FALSE(bad_url.ok());
  EXPECT_EQ(bad_url.error().code, AwsErrc::validation);

  const auto other_scheme = client.send({"GET", "ftp://127.0.0.1/", {}, ""}, {});
  ASSERT_FALSE(other_scheme.ok());
  EXPECT_EQ(other_scheme.error().code, AwsErrc::validation);

  HttpRequest injected = post_to(server);
  injected.headers.emplace_back("X-Evil", "a\r\nX-Injected: 1");
  const auto result = client.send(injected, {});
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, AwsErrc::validation);
  server.stop();
  EXPECT_EQ(server.requests_received(), 0U);
}

}  // namespace
}  // namespace hub::aws
