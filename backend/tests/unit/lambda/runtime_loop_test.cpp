#include <cstdlib>
#include <stdexcept>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>

#include "core/log.hpp"
#include "core/tracing.hpp"
#include "fixtures.hpp"
#include "loop_test_support.hpp"
#include "runtime/lambda/apigw_handler.hpp"
#include "runtime/lambda/runtime_api_client.hpp"
#include "runtime/lambda/runtime_loop.hpp"

namespace hub::runtime::lambda {
namespace {

using RuntimeLoopTest = test_support::WithFakeRuntimeApi;
using test_support::hello_pipeline;
using test_support::parse_object;

TEST_F(RuntimeLoopTest, ServesApiGatewayEventsThroughThePipeline) {
  api_.enqueue({"req-1", test_support::apigw_event_for("GET", "/hello/ada"), "Root=1-abc"});
  api_.enqueue({"req-2", test_support::apigw_event_for("GET", "/nowhere"), ""});
  const auto pipeline = hello_pipeline();
  RuntimeApiClient client(api_.endpoint());

  EXPECT_EQ(run_runtime_loop(client, make_apigw_handler(*pipeline)), 1);  // exits once the API goes away

  const auto responses = api_.responses();
  ASSERT_EQ(responses.size(), 2U);
  EXPECT_TRUE(api_.errors().empty()) << "a 404 is a normal response, not an invocation error";
  EXPECT_EQ(responses[0].request_id, "req-1");
  const auto ok = parse_object(responses[0].body);
  EXPECT_EQ(ok.at("statusCode").as_int64(), 200);
  EXPECT_EQ(ok.at("cookies"), (json::array{"seen=1; Path=/"}));
  const auto body = parse_object(ok.at("body").as_string());
  EXPECT_EQ(body.at("hello").as_string(), "ada");
  EXPECT_EQ(body.at("gateway_request_id").as_string(), "LV7fzho-PHcEJPw=");

  EXPECT_EQ(responses[1].request_id, "req-2");
  EXPECT_EQ(parse_object(responses[1].body).at("statusCode").as_int64(), 404);
  EXPECT_EQ(api_.connections_accepted(), 1) << "one kept-alive connection";
}

TEST_F(RuntimeLoopTest, HeadResponseHasNoBody) {
  api_.enqueue({"head-1", test_support::apigw_event_for("HEAD", "/hello/ada"), ""});
  const auto pipeline = hello_pipeline();
  RuntimeApiClient client(api_.endpoint());
  EXPECT_EQ(run_runtime_loop(client, make_apigw_handler(*pipeline)), 1);
  const auto responses = api_.responses();
  ASSERT_EQ(responses.size(), 1U);
  const auto out = parse_object(responses[0].body);
  EXPECT_EQ(out.at("statusCode").as_int64(), 200);
  EXPECT_EQ(out.at("body").as_string(), "");
}

TEST_F(RuntimeLoopTest, HandlerExceptionIsPostedAsErrorAndTheLoopContinues) {
  api_.enqueue({"boom-1", "{}", ""});
  api_.enqueue({"fine-2", "{}", ""});
  RuntimeApiClient client(api_.endpoint());
  const InvocationHandler handler = [](std::string_view, const Invocation& ctx) -> Result<std::string> {
    if (ctx.request_id == "boom-1") throw std::runtime_error("database exploded");
    return std::string(R"({"ok":true})");
  };

  EXPECT_EQ(run_runtime_loop(client, handler), 1);

  const auto errors = api_.errors();
  ASSERT_EQ(errors.size(), 1U);
  EXPECT_EQ(errors[0].request_id, "boom-1");
  EXPECT_EQ(errors[0].error_type, kHandlerError);
  const auto document = parse_object(errors[0].body);
  EXPECT_EQ(document, (json::object{{"errorMessage", "database exploded"},
                                    {"errorType", "Runtime.HandlerError"},
                                    {"stackTrace", json::array{}}}));
  const auto responses = api_.responses();
  ASSERT_EQ(responses.size(), 1U);
  EXPECT_EQ(responses[0].request_id, "fine-2");
  EXPECT_EQ(responses[0].body, R"({"ok":true})");

  bool logged = false;
  for (const auto& line : sink_->lines()) {
    if (line.at("message") == "Invocation failed") {
      logged = true;
      EXPECT_EQ(line.at("level"), "ERROR");
      EXPECT_EQ(line.at("function_request_id"), "boom-1");
      EXPECT_EQ(line.at("error_message"), "database exploded");
    }
  }
  EXPECT_TRUE(logged);
}

TEST_F(RuntimeLoopTest, ErrorResultIsPostedWithItsDetailOnly) {
  api_.enqueue({"e-1", "{}", ""});
  RuntimeApiClient client(api_.endpoint());
  const InvocationHandler handler = [](std::string_view, const Invocation&) -> Result<std::string> {
    return Error::make(ErrorCode::DEPENDENCY_UNAVAILABLE, "Storage is unavailable.");
  };
  EXPECT_EQ(run_runtime_loop(client, handler), 1);
  const auto errors = api_.errors();
  ASSERT_EQ(errors.size(), 1U);
  EXPECT_EQ(errors[0].error_type, kHandlerError);
  EXPECT_EQ(parse_object(errors[0].body).at("errorMessage"), "Storage is unavailable.");
}

TEST_F(RuntimeLoopTest, MalformedEventIsAnInvalidEventError) {
  api_.enqueue({"bad-json", "{not json", ""});
  api_.enqueue({"not-apigw", R"({"source":"aws.events"})", ""});
  const auto pipeline = hello_pipeline();
  RuntimeApiClient client(api_.endpoint());

  EXPECT_EQ(run_runtime_loop(client, make_apigw_handler(*pipeline)), 1);

  const auto errors = api_.errors();
  ASSERT_EQ(errors.size(), 2U);
  for (const auto& error : errors) {
    EXPECT_EQ(error.error_type, kInvalidEventError);
    EXPECT_EQ(parse_object(error.body).at("errorType"), "Runtime.InvalidEvent");
  }
  EXPECT_EQ(errors[1].request_id, "not-apigw");
  EXPECT_TRUE(api_.responses().empty());
}

TEST_F(RuntimeLoopTest, ColdStartOnlyOnTheFirstInvocationAndTraceIdInLogs) {
  api_.enqueue({"first", "{}", "Root=1-00000001-aaa;Sampled=1"});
  api_.enqueue({"second", "{}", "Root=1-00000002-bbb;Sampled=0"});
  RuntimeApiClient client(api_.endpoint());
  const InvocationHandler handler = [](std::string_view, const Invocation& ctx) -> Result<std::string> {
    core::logger().info("handled", {{"deadline_in_future", ctx.remaining_time().count() > 0},
                                    {"function_arn", ctx.function_arn}});
    const char* trace = std::getenv("_X_AMZN_TRACE_ID");
    return std::string(trace == nullptr ? "" : trace);
  };

  EXPECT_EQ(run_runtime_loop(client, handler), 1);

  std::vector<json::object> handled;
  for (auto& line : sink_->lines()) {
    if (line.at("message") == "handled") handled.push_back(line);
  }
  ASSERT_EQ(handled.size(), 2U);
  EXPECT_EQ(handled[0].at("cold_start"), true);
  EXPECT_EQ(handled[0].at("function_request_id"), "first");
  EXPECT_EQ(handled[0].at("xray_trace_id"), "1-00000001-aaa") << "Powertools logs the Root only";
  EXPECT_EQ(handled[0].at("deadline_in_future"), true);
  EXPECT_EQ(handled[0].at("function_arn"), "arn:aws:lambda:us-east-1:123456789012:function:test");
  EXPECT_EQ(handled[1].at("cold_start"), false);
  EXPECT_EQ(handled[1].at("function_request_id"), "second");
  EXPECT_EQ(handled[1].at("xray_trace_id"), "1-00000002-bbb");

  const auto responses = api_.responses();
  ASSERT_EQ(responses.size(), 2U);
  EXPECT_EQ(responses[0].body, "Root=1-00000001-aaa;Sampled=1") << "_X_AMZN_TRACE_ID is set per invocation";
  EXPECT_EQ(responses[1].body, "Root=1-00000002-bbb;Sampled=0");
  EXPECT_FALSE(core::current_log_context().in_invocation) << "the context ends with the invocation";
}

TEST_F(RuntimeLoopTest, TheInvocationsTraceIsTheThreadsTraceWhileItRuns) {
  api_.enqueue(
      {"traced", "{}", "Sampled=1;Parent=53995c3f42cd8ad8;Root=1-5759e988-bd862e3fe1be46a994272793"});
  api_.enqueue({"malformed", "{}", "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=not-an-id"});
  api_.enqueue({"untraced", "{}", ""});
  RuntimeApiClient client(api_.endpoint());
  const InvocationHandler handler = [](std::string_view, const Invocation&) -> Result<std::string> {
    const core::TraceHeader* trace = core::current_trace();
    return trace == nullptr ? std::string("none") : core::format_trace_header(*trace);
  };

  EXPECT_EQ(run_runtime_loop(client, handler), 1);

  const auto responses = api_.responses();
  ASSERT_EQ(responses.size(), 3U);
  EXPECT_EQ(responses[0].body, "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1");
  EXPECT_EQ(responses[1].body, "none") << "a malformed header is no trace at all";
  EXPECT_EQ(responses[2].body, "none");
  EXPECT_EQ(core::current_trace(), nullptr) << "the trace ends with the invocation";
}

TEST_F(RuntimeLoopTest, ReconnectsWhenTheApiClosesEachConnection) {
  api_.close_after_each_response();
  api_.enqueue({"a", "{}", ""});
  api_.enqueue({"b", "{}", ""});
  RuntimeApiClient client(api_.endpoint());
  const InvocationHandler echo = [](std::string_view event, const Invocation&) -> Result<std::string> {
    return std::string(event);
  };
  EXPECT_EQ(run_runtime_loop(client, echo), 1);
  EXPECT_EQ(api_.responses().size(), 2U);
  EXPECT_GE(api_.connections_accepted(), 4);
}

TEST_F(RuntimeLoopTest, ExitsNonZeroWhenNextAnswersUnexpectedStatus) {
  api_.answer_next_with_status(500);
  RuntimeApiClient client(api_.endpoint());
  int calls = 0;
  const InvocationHandler handler = [&](std::string_view, const Invocation&) -> Result<std::string> {
    ++calls;
    return std::string{};
  };
  EXPECT_EQ(run_runtime_loop(client, handler), 1);
  EXPECT_EQ(calls, 0);
  bool logged = false;
  for (const auto& line : sink_->lines())
    logged = logged || line.at("message") == "Runtime API unavailable; exiting";
  EXPECT_TRUE(logged);
}

TEST_F(RuntimeLoopTest, ExitsNonZeroWhenTheApiIsUnreachable) {
  std::string endpoint;
  {
    // A port that was free a moment ago and now has no listener.
    boost::asio::io_context io;
    boost::asio::ip::tcp::acceptor probe(io, {boost::asio::ip::make_address("127.0.0.1"), 0});
    endpoint = "127.0.0.1:" + std::to_string(probe.local_endpoint().port());
  }
  RuntimeApiClient client(endpoint);
  const InvocationHandler handler = [](std::string_view, const Invocation&) -> Result<std::string> {
    return std::string{};
  };
  EXPECT_EQ(run_runtime_loop(client, handler), 1);
}

TEST_F(RuntimeLoopTest, InitErrorIsPosted) {
  RuntimeApiClient client(api_.endpoint());
  report_init_error(client, kConfigError, "LOG_LEVEL: must be one of DEBUG, INFO, WARNING, ERROR");
  const auto init_errors = api_.init_errors();
  ASSERT_EQ(init_errors.size(), 1U);
  EXPECT_EQ(init_errors[0].error_type, "Runtime.ConfigError");
  EXPECT_EQ(parse_object(init_errors[0].body),
            (json::object{{"errorMessage", "LOG_LEVEL: must be one of DEBUG, INFO, WARNING, ERROR"},
                          {"errorType", "Runtime.ConfigError"},
                          {"stackTrace", json::array{}}}));
}

TEST(RuntimeErrorDocumentTest, EscapesTheMessage) {
  EXPECT_EQ(runtime_error_document("Runtime.HandlerError", "say \"hi\"\n"),
            R"({"errorMessage":"say \"hi\"\n","errorType":"Runtime.HandlerError","stackTrace":[]})");
}

TEST(ErrorTypeTest, InputErrorsAreInvalidEvents) {
  EXPECT_EQ(error_type_for(Error::make(ErrorCode::MALFORMED_JSON, "")), kInvalidEventError);
  EXPECT_EQ(error_type_for(Error::make(ErrorCode::BAD_REQUEST, "")), kInvalidEventError);
  EXPECT_EQ(error_type_for(Error::make(ErrorCode::INTERNAL, "")), kHandlerError);
  EXPECT_EQ(error_type_for(Error::make(ErrorCode::DEPENDENCY_UNAVAILABLE, "")), kHandlerError);
}

}  // namespace
}  // namespace hub::runtime::lambda
