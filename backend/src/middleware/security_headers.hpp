#pragma once

#include "http/middleware.hpp"

namespace hub::middleware {

// Sets the security headers on every response, errors included, and strips headers that
// advertise the server (Server, X-Powered-By).
class SecurityHeadersMiddleware final : public http::Middleware {
 public:
  http::Response handle(http::Request& request, const http::Next& next) const override;
  static void apply(http::Response& response);
};

}  // namespace hub::middleware
