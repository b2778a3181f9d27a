#include "runtime/lambda/runtime_loop.hpp"

#include <cstdlib>
#include <exception>
#include <string>
#include <utility>

#include "core/deadline.hpp"
#include "core/log.hpp"
#include "core/tracing.hpp"

namespace hub::runtime::lambda {
namespace {

struct Failure {
  std::string_view type;
  std::string message;
};

// X-Ray SDKs read the trace header of the current invocation from this variable.
void set_trace_environment(const std::string& trace_id) {
  if (trace_id.empty()) {
    ::unsetenv("_X_AMZN_TRACE_ID");
  } else {
    ::setenv("_X_AMZN_TRACE_ID", trace_id.c_str(), 1);
  }
}

// Calls the handler; the one place where its exceptions are caught.
Result<std::string> call_handler(const InvocationHandler& handler, const NextInvocation& next,
                                 Failure& failure) {
  try {
    auto result = handler(next.event, next.context);
    if (!result) failure = {error_type_for(result.error()), result.error().detail};
    return result;
  } catch (const std::exception& e) {
    failure = {kHandlerError, e.what()};
  } catch (...) {
    failure = {kHandlerError, "unknown exception"};
  }
  return Error::make(ErrorCode::INTERNAL, failure.message);
}

void serve_one(RuntimeApiClient& client, const InvocationHandler& handler, const NextInvocation& next,
               bool cold_start) {
  set_trace_environment(next.context.trace_id);
  // The invocation's trace, for the AWS clients: they pass it on and record their calls under it.
  const core::ScopedTraceContext trace_context(core::parse_trace_header(next.context.trace_id));
  const core::ScopedLogContext log_context(core::LogContext{
      .function_request_id = next.context.request_id,
      .xray_trace_id = core::xray_trace_root(next.context.trace_id),
      .correlation_id = {},
      .request_id = {},
      .cold_start = cold_start,
      .in_invocation = true,
  });

  // Outbound calls (and their retries) must end before Lambda stops the invocation, with a little
  // time left to post the response.
  constexpr auto kResponseReserve = std::chrono::milliseconds{100};
  const auto remaining = next.context.deadline - std::chrono::system_clock::now();
  const core::ScopedDeadline deadline{core::Deadline::after(
      std::chrono::duration_cast<core::Deadline::Clock::duration>(remaining - kResponseReserve))};

  Failure failure;
  auto result = call_handler(handler, next, failure);
  if (result) {
    if (auto posted = client.post_response(next.context.request_id, *result); !posted) {
      core::logger().error("Could not post the invocation response", {{"error", posted.error().detail}});
    }
    return;
  }
  core::logger().error("Invocation failed",
                       {{"error_type", failure.type}, {"error_message", failure.message}});
  if (auto posted = client.post_error(next.context.request_id, failure.type, failure.message); !posted) {
    core::logger().error("Could not post the invocation error", {{"error", posted.error().detail}});
  }
}

}  // namespace

std::string_view error_type_for(const Error& error) noexcept {
  switch (error.code) {
    case ErrorCode::BAD_REQUEST:
    case ErrorCode::MALFORMED_JSON:
    case ErrorCode::VALIDATION_FAILED:
    case ErrorCode::INVALID_PARAMETER:
    case ErrorCode::PAYLOAD_TOO_LARGE:
    case ErrorCode::UNSUPPORTED_MEDIA_TYPE:
      return kInvalidEventError;
    default:
      return kHandlerError;
  }
}

int run_runtime_loop(RuntimeApiClient& client, const InvocationHandler& handler) {
  bool cold_start = true;
  for (;;) {
    auto next = client.next_invocation();
    if (!next) {
      // Nothing more can be served; exiting lets Lambda replace this process.
      core::logger().error("Runtime API unavailable; exiting",
                           {{"endpoint", client.endpoint()}, {"error", next.error().detail}});
      return 1;
    }
    serve_one(client, handler, *next, cold_start);
    cold_start = false;
  }
}

void report_init_error(RuntimeApiClient& client, std::string_view type, std::string_view message) {
  core::logger().error("Function initialisation failed", {{"error_type", type}, {"error_message", message}});
  if (auto posted = client.post_init_error(type, message); !posted) {
    core::logger().error("Could not post the init error", {{"error", posted.error().detail}});
  }
}

}  // namespace hub::runtime::lambda
