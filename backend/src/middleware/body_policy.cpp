#include "middleware/body_policy.hpp"

#include <fmt/format.h>

#include "http/media_type.hpp"
#include "http/problem.hpp"

namespace hub::middleware {
namespace {

http::Response reject(const http::Request& request, ErrorCode code, std::string detail) {
  return http::problem_response(Error::make(code, std::move(detail)), request.request_id, request.path);
}

}  // namespace

http::Response BodyPolicyMiddleware::handle(http::Request& request, const http::Next& next) const {
  if (request.transport_error == http::TransportError::malformed) {
    return reject(request, ErrorCode::BAD_REQUEST, "The request is not well-formed HTTP/1.1.");
  }
  if (request.transport_error == http::TransportError::head_too_large) {
    return reject(request, ErrorCode::HEADERS_TOO_LARGE, "The request line and headers are too large.");
  }
  if (request.transport_error == http::TransportError::body_too_large ||
      request.body.size() > max_body_bytes_) {
    return reject(request, ErrorCode::PAYLOAD_TOO_LARGE,
                  fmt::format("The body is larger than the limit of {} bytes.", max_body_bytes_));
  }
  if (!request.body.empty()) {
    const auto content_type = request.header("Content-Type");
    if (!content_type || !http::is_json_media_type(*content_type)) {
      return reject(request, ErrorCode::UNSUPPORTED_MEDIA_TYPE,
                    fmt::format("The body must be application/json; Content-Type was '{}'.",
                                content_type ? *content_type : "(none)"));
    }
    auto parsed = parse_json(request.body);
    if (!parsed) {
      return http::problem_response(parsed.error(), request.request_id, request.path);
    }
    request.json = std::move(parsed).value();
  }
  return next(request);
}

}  // namespace hub::middleware
