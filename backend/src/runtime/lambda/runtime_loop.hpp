#pragma once

#include <functional>
#include <string>
#include <string_view>

#include "core/result.hpp"
#include "runtime/lambda/runtime_api_client.hpp"

namespace hub::runtime::lambda {

// Turns one event into the response payload. An Error goes to the Runtime API's /error
// endpoint (so Lambda counts a failed invocation); it is not for API errors, which are
// ordinary responses.
using InvocationHandler = std::function<Result<std::string>(std::string_view event, const Invocation& ctx)>;

// errorType values sent to the Runtime API.
inline constexpr std::string_view kInvalidEventError = "Runtime.InvalidEvent";
inline constexpr std::string_view kHandlerError = "Runtime.HandlerError";
inline constexpr std::string_view kConfigError = "Runtime.ConfigError";
inline constexpr std::string_view kInitError = "Runtime.InitError";

// Runtime.InvalidEvent for errors that say the input was wrong (BAD_REQUEST, MALFORMED_JSON,
// VALIDATION_FAILED, ...), Runtime.HandlerError otherwise.
[[nodiscard]] std::string_view error_type_for(const Error& error) noexcept;

// Serves invocations until the Runtime API fails: then it logs why and returns 1, the
// process exits and Lambda starts a new one. Per invocation it sets _X_AMZN_TRACE_ID, the
// thread's trace (core::ScopedTraceContext, from Lambda-Runtime-Trace-Id) and a log context
// (function_request_id, xray_trace_id, cold_start on the first only), calls the
// handler and posts the result or the error. This is where exceptions from a handler are
// caught; their what() (never a stack trace) becomes the errorMessage.
[[nodiscard]] int run_runtime_loop(RuntimeApiClient& client, const InvocationHandler& handler);

// Tells Lambda the function could not start (POST /runtime/init/error) and logs it.
void report_init_error(RuntimeApiClient& client, std::string_view type, std::string_view message);

}  // namespace hub::runtime::lambda
