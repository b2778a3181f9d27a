#pragma once

#include <cstddef>

#include "http/middleware.hpp"

namespace hub::middleware {

// What a request may carry, checked before routing, in this order:
//   a request the transport could not parse      -> 400 BAD_REQUEST
//   head larger than the transport's limit       -> 431 HEADERS_TOO_LARGE
//   body larger than max_body_bytes              -> 413 PAYLOAD_TOO_LARGE
//   a body whose Content-Type is not JSON        -> 415 UNSUPPORTED_MEDIA_TYPE
//   a JSON body that does not parse              -> 400 MALFORMED_JSON, with line and column
// A body that passes is parsed once into request.json for the handler.
class BodyPolicyMiddleware final : public http::Middleware {
 public:
  explicit BodyPolicyMiddleware(std::size_t max_body_bytes) : max_body_bytes_(max_body_bytes) {}
  http::Response handle(http::Request& request, const http::Next& next) const override;

 private:
  std::size_t max_body_bytes_;
};

}  // namespace hub::middleware
