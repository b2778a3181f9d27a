#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>

#include "core/json.hpp"
#include "core/log.hpp"
#include "fake_runtime_api.hpp"
#include "http/middleware.hpp"
#include "http/router.hpp"

namespace hub::runtime::lambda::test_support {

// Keeps every log line, for tests that check what the loop logged.
class CapturingSink final : public core::LogSink {
 public:
  void write(std::string_view line) override {
    const std::lock_guard lock(mutex_);
    lines_.emplace_back(line);
  }
  std::vector<json::object> lines() const {
    const std::lock_guard lock(mutex_);
    std::vector<json::object> out;
    for (const auto& line : lines_) {
      auto parsed = parse_json(line);
      EXPECT_TRUE(parsed.ok()) << line;
      if (parsed) out.push_back(parsed->as_object());
    }
    return out;
  }

 private:
  mutable std::mutex mutex_;
  std::vector<std::string> lines_;
};

inline json::object parse_object(std::string_view text) {
  auto parsed = parse_json(text);
  EXPECT_TRUE(parsed.ok()) << text;
  return parsed && parsed->is_object() ? parsed->as_object() : json::object{};
}

// GET /hello/{name}: a JSON greeting plus a cookie; no middleware.
inline std::shared_ptr<const http::Pipeline> hello_pipeline() {
  auto router = std::make_shared<http::Router>();
  router->add("GET", "/hello/{name}", [](const http::Request& request) -> Result<http::Response> {
    auto response = http::Response::json(
        200, json::object{{"hello", std::string(request.path_param("name").value_or(""))},
                          {"gateway_request_id", request.gateway_request_id}});
    response.cookies.push_back("seen=1; Path=/");
    return response;
  });
  return std::make_shared<const http::Pipeline>(std::vector<std::shared_ptr<const http::Middleware>>{},
                                                std::move(router));
}

// Each test gets its own fake Runtime API and captures the log lines written meanwhile.
class WithFakeRuntimeApi : public ::testing::Test {
 protected:
  void SetUp() override {
    sink_ = std::make_shared<CapturingSink>();
    core::LogSettings settings;
    settings.level = core::LogLevel::DEBUG;
    core::configure_logger(settings, sink_);
  }
  void TearDown() override { core::configure_logger(core::LogSettings{}, nullptr); }

  FakeRuntimeApi api_;
  std::shared_ptr<CapturingSink> sink_;
};

}  // namespace hub::runtime::lambda::test_support
