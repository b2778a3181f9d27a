#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "http/middleware.hpp"

namespace hub::middleware {

struct CorsPolicy {
  std::vector<std::string> allowed_origins;  // exact match: scheme://host[:port]
  std::vector<std::string> allowed_methods{"GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"};
  std::vector<std::string> allowed_headers{"Authorization", "Content-Type", "If-Match",
                                           "If-None-Match", "X-Request-Id", "X-Correlation-Id"};
  // Response fields a browser script may read (the RateLimit fields: docs/rate-limiting.md).
  std::vector<std::string> exposed_headers{
      "ETag", "Location", "Retry-After", "RateLimit", "RateLimit-Policy", "X-Request-Id", "X-Correlation-Id"};
  std::chrono::seconds max_age{600};
};

// CORS by allow-list. A preflight (OPTIONS + Origin + Access-Control-Request-Method) from an
// allowed origin, asking for allowed methods and headers, gets 204 with the policy; any other
// preflight gets 403 CORS_ORIGIN_DENIED and no CORS headers. Other requests from an allowed
// origin get Access-Control-Allow-Origin; from any other origin, no CORS headers at all.
class CorsMiddleware final : public http::Middleware {
 public:
  explicit CorsMiddleware(CorsPolicy policy);
  http::Response handle(http::Request& request, const http::Next& next) const override;

 private:
  [[nodiscard]] bool origin_allowed(std::string_view origin) const noexcept;
  [[nodiscard]] http::Response preflight(const http::Request& request, std::string_view origin) const;

  CorsPolicy policy_;
  std::string methods_;
  std::string headers_;
  std::string exposed_;
  std::string max_age_;
};

}  // namespace hub::middleware
