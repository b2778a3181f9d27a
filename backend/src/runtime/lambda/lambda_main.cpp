#include "runtime/lambda/lambda_main.hpp"

#include <cstdlib>
#include <exception>
#include <string>

#include <fmt/format.h>

#include "core/log.hpp"
#include "runtime/lambda/apigw_handler.hpp"
#include "runtime/lambda/runtime_api_client.hpp"
#include "runtime/lambda/runtime_loop.hpp"

namespace hub::runtime::lambda {
namespace {

// The detail plus each bad field ("LOG_LEVEL: must be one of ..."): names, never values.
std::string describe(const Error& error) {
  std::string text = error.detail;
  for (const auto& field : error.fields) text += fmt::format("; {}: {}", field.pointer, field.message);
  return text;
}

}  // namespace

int run_lambda_function(const PipelineBuilder& build) {
  return run_lambda_function(FunctionBuilder{[&build]() -> Result<FunctionHandlers> {
    auto pipeline = build();
    if (!pipeline) return std::move(pipeline).error();
    return FunctionHandlers{.pipeline = std::move(pipeline).value(), .authorizer = {}};
  }});
}

int run_lambda_function(const FunctionBuilder& build) {
  const char* endpoint = std::getenv("AWS_LAMBDA_RUNTIME_API");
  if (endpoint == nullptr || *endpoint == '\0') {
    core::logger().error(
        "AWS_LAMBDA_RUNTIME_API is not set: this binary runs inside AWS Lambda "
        "(or aws-lambda-rie); use hub-server locally");
    return 1;
  }
  RuntimeApiClient client(endpoint);

  Result<FunctionHandlers> handlers = Error::make(ErrorCode::INTERNAL, "not built");
  try {
    handlers = build();
  } catch (const std::exception& e) {  // a bug during start-up: the edge of init
    report_init_error(client, kInitError, e.what());
    return 1;
  }
  if (!handlers) {
    report_init_error(client, kConfigError, describe(handlers.error()));
    return 1;
  }
  if (handlers->pipeline == nullptr) {
    report_init_error(client, kInitError, "the pipeline builder returned no pipeline");
    return 1;
  }
  return run_runtime_loop(client, make_apigw_handler(*handlers->pipeline, std::move(handlers->authorizer)));
}

}  // namespace hub::runtime::lambda
