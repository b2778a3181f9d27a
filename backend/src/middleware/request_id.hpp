#pragma once

#include <string_view>

#include "http/middleware.hpp"

namespace hub::middleware {

// Gives every request an id and a correlation id, echoes both in the response and puts them
// in the log context of the thread.
//   request id:     a well-formed incoming X-Request-Id, else API Gateway's request id, else a new ULID
//   correlation id: a well-formed incoming X-Correlation-Id, else the request id
// An X-Amzn-Trace-Id's Root becomes the log context's xray_trace_id unless the Lambda
// invocation already set one.
class RequestIdMiddleware final : public http::Middleware {
 public:
  http::Response handle(http::Request& request, const http::Next& next) const override;

  // 1-128 characters of A-Z a-z 0-9 and - _ . : = + /
  [[nodiscard]] static bool well_formed(std::string_view id) noexcept;
};

}  // namespace hub::middleware
