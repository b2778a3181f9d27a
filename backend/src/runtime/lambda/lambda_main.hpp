#pragma once

#include <functional>
#include <memory>

#include "core/result.hpp"
#include "http/middleware.hpp"
#include "runtime/lambda/apigw_handler.hpp"

namespace hub::runtime::lambda {

// Builds what the function serves: reads configuration, configures logging, wires routes.
// An Error means the function cannot start (reported to Lambda as Runtime.ConfigError).
using PipelineBuilder = std::function<Result<std::shared_ptr<const http::Pipeline>>()>;

// What a function that is also an API Gateway Lambda authorizer serves: HTTP API requests through
// `pipeline`, authorizer requests through `authorizer` (empty: it is not an authorizer).
struct FunctionHandlers {
  std::shared_ptr<const http::Pipeline> pipeline{};
  AuthorizerFunction authorizer{};
};
using FunctionBuilder = std::function<Result<FunctionHandlers>()>;

// The whole main() of a bootstrap binary: connects to AWS_LAMBDA_RUNTIME_API, builds the
// pipeline (a failure, or an exception, is posted to /runtime/init/error and returns 1) and
// serves API Gateway events until the Runtime API goes away (returns 1). Returns 1 at once
// if AWS_LAMBDA_RUNTIME_API is not set, i.e. when not started by Lambda.
[[nodiscard]] int run_lambda_function(const PipelineBuilder& build);

// The same for a function that may also answer Lambda authorizer events (make_apigw_handler).
[[nodiscard]] int run_lambda_function(const FunctionBuilder& build);

}  // namespace hub::runtime::lambda
