#include "middleware/request_id.hpp"

#include <algorithm>
#include <cctype>

#include "core/log.hpp"
#include "core/tracing.hpp"
#include "core/ulid.hpp"

namespace hub::middleware {

bool RequestIdMiddleware::well_formed(std::string_view id) noexcept {
  return !id.empty() && id.size() <= 128 && std::all_of(id.begin(), id.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '-' || c == '_' || c == '.' || c == ':' ||
           c == '=' || c == '+' || c == '/';
  });
}

http::Response RequestIdMiddleware::handle(http::Request& request, const http::Next& next) const {
  const auto incoming = request.header("X-Request-Id");
  if (incoming && well_formed(*incoming)) {
    request.request_id = std::string(*incoming);
  } else if (well_formed(request.gateway_request_id)) {
    request.request_id = request.gateway_request_id;
  } else {
    request.request_id = core::new_ulid();
  }
  const auto correlation = request.header("X-Correlation-Id");
  request.correlation_id =
      correlation && well_formed(*correlation) ? std::string(*correlation) : request.request_id;
  core::LogContext context = core::current_log_context();  // keeps the invocation's fields
  context.request_id = request.request_id;
  context.correlation_id = request.correlation_id;
  if (context.xray_trace_id.empty()) context.xray_trace_id = core::xray_trace_root(request.trace_id);
  const core::ScopedLogContext scope(std::move(context));

  http::Response response = next(request);
  response.headers.set("X-Request-Id", request.request_id);
  response.headers.set("X-Correlation-Id", request.correlation_id);
  return response;
}

}  // namespace hub::middleware
