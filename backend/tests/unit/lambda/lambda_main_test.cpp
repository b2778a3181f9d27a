#include <cstdlib>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>

#include <gtest/gtest.h>

#include "fixtures.hpp"
#include "loop_test_support.hpp"
#include "runtime/lambda/lambda_main.hpp"
#include "runtime/lambda/runtime_loop.hpp"

namespace hub::runtime::lambda {
namespace {

using LambdaMainTest = test_support::WithFakeRuntimeApi;
using test_support::hello_pipeline;
using test_support::parse_object;

// Sets an environment variable for one test and restores the previous value.
class ScopedEnv {
 public:
  ScopedEnv(const char* name, const char* value) : name_(name) {
    if (const char* old = std::getenv(name)) previous_ = old;
    if (value != nullptr) {
      ::setenv(name, value, 1);
    } else {
      ::unsetenv(name);
    }
  }
  ~ScopedEnv() {
    if (previous_) {
      ::setenv(name_, previous_->c_str(), 1);
    } else {
      ::unsetenv(name_);
    }
  }
  ScopedEnv(const ScopedEnv&) = delete;
  ScopedEnv& operator=(const ScopedEnv&) = delete;

 private:
  const char* name_;
  std::optional<std::string> previous_;
};

TEST_F(LambdaMainTest, RunLambdaFunctionReportsABuildFailureAsConfigError) {
  const ScopedEnv env("AWS_LAMBDA_RUNTIME_API", api_.endpoint().c_str());
  const int exit_code = run_lambda_function([]() -> Result<std::shared_ptr<const http::Pipeline>> {
    return Error{ErrorCode::INTERNAL, "invalid configuration", {{"HUB_LOG_LEVEL", "must be a level"}}};
  });
  EXPECT_EQ(exit_code, 1);
  const auto init_errors = api_.init_errors();
  ASSERT_EQ(init_errors.size(), 1U);
  EXPECT_EQ(init_errors[0].error_type, kConfigError);
  EXPECT_EQ(parse_object(init_errors[0].body).at("errorMessage"),
            "invalid configuration; HUB_LOG_LEVEL: must be a level");
}

TEST_F(LambdaMainTest, RunLambdaFunctionReportsABuildExceptionAsInitError) {
  const ScopedEnv env("AWS_LAMBDA_RUNTIME_API", api_.endpoint().c_str());
  const int exit_code = run_lambda_function([]() -> Result<std::shared_ptr<const http::Pipeline>> {
    throw std::logic_error("route table is broken");
  });
  EXPECT_EQ(exit_code, 1);
  const auto init_errors = api_.init_errors();
  ASSERT_EQ(init_errors.size(), 1U);
  EXPECT_EQ(init_errors[0].error_type, kInitError);
}

TEST_F(LambdaMainTest, RunLambdaFunctionServesUntilTheApiGoesAway) {
  api_.enqueue({"r-1", test_support::apigw_event_for("GET", "/hello/lambda"), ""});
  const ScopedEnv env("AWS_LAMBDA_RUNTIME_API", api_.endpoint().c_str());
  EXPECT_EQ(
      run_lambda_function([] { return Result<std::shared_ptr<const http::Pipeline>>(hello_pipeline()); }), 1);
  const auto responses = api_.responses();
  ASSERT_EQ(responses.size(), 1U);
  EXPECT_EQ(parse_object(parse_object(responses[0].body).at("body").as_string()).at("hello"), "lambda");
  EXPECT_TRUE(api_.init_errors().empty());
}

TEST_F(LambdaMainTest, RunLambdaFunctionServesAuthorizerEventsWithTheBuiltAuthorizer) {
  auto authorizer_event = test_support::apigw_fixture("apigw-v2-custom-authorizer-v2-request.json");
  api_.enqueue({"r-1", authorizer_event, ""});
  api_.enqueue({"r-2", test_support::apigw_event_for("GET", "/hello/lambda"), ""});
  const ScopedEnv env("AWS_LAMBDA_RUNTIME_API", api_.endpoint().c_str());
  EXPECT_EQ(run_lambda_function([]() -> Result<FunctionHandlers> {
              return FunctionHandlers{.pipeline = hello_pipeline(),
                                      .authorizer = [](const http::Request& request) {
                                        return json::object{{"isAuthorized", request.path == "/my/path"}};
                                      }};
            }),
            1);
  const auto responses = api_.responses();
  ASSERT_EQ(responses.size(), 2U);
  EXPECT_EQ(parse_object(responses[0].body), (json::object{{"isAuthorized", true}}));
  EXPECT_EQ(parse_object(responses[1].body).at("statusCode").as_int64(), 200);
  EXPECT_TRUE(api_.errors().empty());
}

TEST_F(LambdaMainTest, RunLambdaFunctionWithAPipelineOnlyRejectsAuthorizerEvents) {
  api_.enqueue({"r-1", test_support::apigw_fixture("apigw-v2-custom-authorizer-v2-request.json"), ""});
  const ScopedEnv env("AWS_LAMBDA_RUNTIME_API", api_.endpoint().c_str());
  EXPECT_EQ(
      run_lambda_function([] { return Result<std::shared_ptr<const http::Pipeline>>(hello_pipeline()); }), 1);
  EXPECT_TRUE(api_.responses().empty());
  const auto errors = api_.errors();
  ASSERT_EQ(errors.size(), 1U);
  EXPECT_EQ(errors[0].error_type, kInvalidEventError);
}

TEST_F(LambdaMainTest, RunLambdaFunctionNeedsTheRuntimeApiVariable) {
  const ScopedEnv env("AWS_LAMBDA_RUNTIME_API", nullptr);
  bool built = false;
  EXPECT_EQ(run_lambda_function([&] {
              built = true;
              return Result<std::shared_ptr<const http::Pipeline>>(hello_pipeline());
            }),
            1);
  EXPECT_FALSE(built);
}

}  // namespace
}  // namespace hub::runtime::lambda
