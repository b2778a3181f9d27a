#include "middleware/security_headers.hpp"

#include <array>
#include <string_view>
#include <utility>

namespace hub::middleware {
namespace {

using Pair = std::pair<std::string_view, std::string_view>;

constexpr std::array kHeaders{
    Pair{"Strict-Transport-Security", "max-age=63072000; includeSubDomains"},
    Pair{"X-Content-Type-Options", "nosniff"},
    Pair{"X-Frame-Options", "DENY"},
    Pair{"Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'"},
    Pair{"Referrer-Policy", "no-referrer"},
    Pair{"Cache-Control", "no-store"},
    Pair{"Cross-Origin-Resource-Policy", "same-origin"},
    Pair{"Permissions-Policy",
         "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), "
         "payment=(), usb=(), interest-cohort=()"},
};

}  // namespace

void SecurityHeadersMiddleware::apply(http::Response& response) {
  for (const auto& [name, value] : kHeaders) response.headers.set(name, value);
  response.headers.erase("Server");
  response.headers.erase("X-Powered-By");
}

http::Response SecurityHeadersMiddleware::handle(http::Request& request, const http::Next& next) const {
  http::Response response = next(request);
  apply(response);
  return response;
}

}  // namespace hub::middleware
