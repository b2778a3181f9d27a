#include <memory>
#include <regex>
#include <string>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "core/log.hpp"
#include "support/capture_log.hpp"

namespace hub::core {
namespace {

using hub::testing::CapturingSink;
using ::testing::HasSubstr;
using ::testing::Not;

struct LoggerFixture : ::testing::Test {
  std::shared_ptr<CapturingSink> sink = std::make_shared<CapturingSink>();

  Logger make(LogLevel level = LogLevel::DEBUG, LogSettings settings = {}) {
    settings.level = level;
    return Logger(std::move(settings), sink);
  }
  json::object only_line() {
    const auto objects = sink->objects();
    EXPECT_EQ(objects.size(), 1U) << sink->all_text();
    return objects.empty() ? json::object{} : objects.front();
  }
};

TEST_F(LoggerFixture, OneJsonObjectPerLineWithPowertoolsFields) {
  auto log = make();
  const auto line_no = __LINE__ + 1;  // the log call below
  log.info("hello world", {{"user_id", "u-1"}, {"count", json::value(3)}});
  const auto lines = sink->lines();
  ASSERT_EQ(lines.size(), 1U);
  EXPECT_EQ(lines[0].find('\n'), std::string::npos);
  const auto o = only_line();
  EXPECT_EQ(o.at("level").as_string(), "INFO");
  EXPECT_EQ(o.at("location").as_string(), "log_test.cpp:" + std::to_string(line_no));
  EXPECT_EQ(o.at("message").as_string(), "hello world");
  const std::string ts(o.at("timestamp").as_string());
  EXPECT_TRUE(std::regex_match(ts, std::regex(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z)"))) << ts;
  EXPECT_EQ(o.at("service").as_string(), "innovation-hub");
  EXPECT_EQ(o.at("user_id").as_string(), "u-1");
  EXPECT_EQ(o.at("count").to_number<int>(), 3);
  for (const char* absent :
       {"function_name", "function_memory_size", "function_version", "function_request_id", "xray_trace_id",
        "cold_start", "correlation_id", "request_id"}) {
    EXPECT_FALSE(o.contains(absent)) << absent;
  }
}

TEST_F(LoggerFixture, EveryLevelHasItsPowertoolsName) {
  auto log = make();
  log.debug("d");
  log.info("i");
  log.warning("w");
  log.error("e");
  log.log(LogLevel::CRITICAL, "c");
  std::vector<std::string> levels;
  for (const auto& o : sink->objects()) levels.emplace_back(o.at("level").as_string());
  EXPECT_EQ(levels, (std::vector<std::string>{"DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"}));
}

TEST_F(LoggerFixture, LevelFiltering) {
  auto log = make(LogLevel::WARNING);
  EXPECT_FALSE(log.enabled(LogLevel::DEBUG));
  EXPECT_FALSE(log.enabled(LogLevel::INFO));
  EXPECT_TRUE(log.enabled(LogLevel::WARNING));
  EXPECT_TRUE(log.enabled(LogLevel::CRITICAL));
  log.debug("no");
  log.info("no");
  log.log(LogLevel::INFO, "no", json::object{{"a", 1}});
  log.warning("yes-w");
  log.error("yes-e");
  const auto objects = sink->objects();
  ASSERT_EQ(objects.size(), 2U);
  EXPECT_EQ(objects[0].at("message").as_string(), "yes-w");
  EXPECT_EQ(objects[1].at("message").as_string(), "yes-e");
}

TEST_F(LoggerFixture, WriteRawBypassesLevelAndEnvelope) {
  auto log = make(LogLevel::CRITICAL);
  log.write_raw(R"({"_aws":{}})");
  EXPECT_EQ(sink->lines(), (std::vector<std::string>{R"({"_aws":{}})"}));
}

TEST_F(LoggerFixture, LambdaSettingsAppearWhenSet) {
  LogSettings settings;
  settings.service = "hub-health";
  settings.function_name = "hub-health-fn";
  settings.function_memory_size = "256";
  settings.function_version = "$LATEST";
  auto log = make(LogLevel::INFO, settings);
  log.info("x");
  const auto o = only_line();
  EXPECT_EQ(o.at("service").as_string(), "hub-health");
  EXPECT_EQ(o.at("function_name").as_string(), "hub-health-fn");
  EXPECT_EQ(o.at("function_memory_size").as_string(), "256");
  EXPECT_EQ(o.at("function_version").as_string(), "$LATEST");
}

TEST_F(LoggerFixture, ScopedContextAddsFieldsAndNestsAndRestores) {
  auto log = make();
  {
    LogContext outer;
    outer.function_request_id = "req-outer";
    outer.xray_trace_id = "Root=1-abc";
    outer.in_invocation = true;
    outer.cold_start = true;
    const ScopedLogContext a(outer);
    log.info("outer");
    {
      LogContext inner = current_log_context();
      inner.correlation_id = "corr-1";
      inner.request_id = "rid-1";
      inner.user_id = "sub-1";
      inner.cold_start = false;
      const ScopedLogContext b(inner);
      EXPECT_EQ(current_log_context().correlation_id, "corr-1");
      log.info("inner");
    }
    EXPECT_EQ(current_log_context().correlation_id, "");
    EXPECT_EQ(current_log_context().function_request_id, "req-outer");
    log.info("outer-again");
  }
  EXPECT_FALSE(current_log_context().in_invocation);
  EXPECT_EQ(current_log_context().function_request_id, "");
  log.info("after");

  const auto o = sink->objects();
  ASSERT_EQ(o.size(), 4U);
  EXPECT_EQ(o[0].at("function_request_id").as_string(), "req-outer");
  EXPECT_EQ(o[0].at("xray_trace_id").as_string(), "Root=1-abc");
  EXPECT_EQ(o[0].at("cold_start").as_bool(), true);
  EXPECT_FALSE(o[0].contains("correlation_id"));

  EXPECT_EQ(o[1].at("function_request_id").as_string(), "req-outer");
  EXPECT_EQ(o[1].at("correlation_id").as_string(), "corr-1");
  EXPECT_EQ(o[1].at("request_id").as_string(), "rid-1");
  EXPECT_EQ(o[1].at("user_id").as_string(), "sub-1");
  EXPECT_EQ(o[1].at("cold_start").as_bool(), false);

  EXPECT_EQ(o[2].at("cold_start").as_bool(), true);
  EXPECT_FALSE(o[2].contains("correlation_id"));
  EXPECT_FALSE(o[2].contains("request_id"));
  EXPECT_FALSE(o[2].contains("user_id")) << "the user id ends with the scope that set it";

  for (const char* absent :
       {"function_request_id", "xray_trace_id", "cold_start", "correlation_id", "request_id", "user_id"}) {
    EXPECT_FALSE(o[3].contains(absent)) << absent;
  }
}

TEST_F(LoggerFixture, JsonObjectOverloadAndExtraFieldsKeepTypes) {
  auto log = make();
  log.log(LogLevel::INFO, "obj", json::object{{"n", 1.5}, {"flag", true}, {"list", json::array{1, 2}}});
  const auto o = only_line();
  EXPECT_DOUBLE_EQ(o.at("n").as_double(), 1.5);
  EXPECT_TRUE(o.at("flag").as_bool());
  EXPECT_EQ(o.at("list"), (json::array{1, 2}));
}

TEST_F(LoggerFixture, MessageIsJsonEscaped) {
  auto log = make();
  log.info("quote \" newline \n tab \t backslash \\");
  const auto lines = sink->lines();
  ASSERT_EQ(lines.size(), 1U);
  EXPECT_EQ(lines[0].find('\n'), std::string::npos);
  EXPECT_EQ(only_line().at("message").as_string(), "quote \" newline \n tab \t backslash \\");
}

TEST(GlobalLogger, ConfigureLoggerRoutesAndIsRestored) {
  {
    hub::testing::LogCapture capture(LogLevel::INFO, "captured-svc");
    logger().debug("hidden");
    logger().info("seen");
    const auto objects = capture.sink().objects();
    ASSERT_EQ(objects.size(), 1U);
    EXPECT_EQ(objects[0].at("service").as_string(), "captured-svc");
    EXPECT_EQ(objects[0].at("message").as_string(), "seen");
  }
  EXPECT_EQ(logger().settings().service, "innovation-hub");
  EXPECT_EQ(logger().settings().level, LogLevel::INFO);
}

}  // namespace
}  // namespace hub::core
