#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace hub::runtime::lambda {

// What the Runtime API says about one invocation (its response headers to /next).
struct Invocation {
  std::string request_id;                          // Lambda-Runtime-Aws-Request-Id
  std::chrono::system_clock::time_point deadline;  // Lambda-Runtime-Deadline-Ms
  std::string function_arn;                        // Lambda-Runtime-Invoked-Function-Arn
  std::string trace_id;                            // Lambda-Runtime-Trace-Id (may be empty)

  [[nodiscard]] std::chrono::milliseconds remaining_time() const noexcept;
};

struct NextInvocation {
  Invocation context;
  std::string event;
};

// A small synchronous HTTP/1.1 client for the Lambda Runtime API
// (https://docs.aws.amazon.com/lambda/latest/dg/runtimes-api.html) at AWS_LAMBDA_RUNTIME_API.
// One kept-alive TCP connection, reopened when it fails. Every failure (connect, I/O, an
// unexpected status) is a DEPENDENCY_UNAVAILABLE error. Not thread-safe: the loop is serial.
class RuntimeApiClient {
 public:
  // `endpoint` is "host:port", as in AWS_LAMBDA_RUNTIME_API.
  explicit RuntimeApiClient(std::string endpoint);
  ~RuntimeApiClient();
  RuntimeApiClient(const RuntimeApiClient&) = delete;
  RuntimeApiClient& operator=(const RuntimeApiClient&) = delete;
  RuntimeApiClient(RuntimeApiClient&&) = delete;
  RuntimeApiClient& operator=(RuntimeApiClient&&) = delete;

  // GET /runtime/invocation/next. Blocks, with no timeout, until Lambda has an event.
  [[nodiscard]] Result<NextInvocation> next_invocation();
  // POST /runtime/invocation/{id}/response.
  [[nodiscard]] Status post_response(std::string_view request_id, std::string_view body);
  // POST /runtime/invocation/{id}/error with {"errorMessage","errorType","stackTrace":[]}.
  [[nodiscard]] Status post_error(std::string_view request_id, std::string_view error_type,
                                  std::string_view message);
  // POST /runtime/init/error: the function could not start.
  [[nodiscard]] Status post_init_error(std::string_view error_type, std::string_view message);

  [[nodiscard]] const std::string& endpoint() const noexcept { return endpoint_; }

 private:
  class Connection;  // Beast types stay out of this header.

  std::string endpoint_;
  std::unique_ptr<Connection> connection_;
};

// The JSON error document the Runtime API expects on /error and /init/error.
[[nodiscard]] std::string runtime_error_document(std::string_view error_type, std::string_view message);

}  // namespace hub::runtime::lambda
