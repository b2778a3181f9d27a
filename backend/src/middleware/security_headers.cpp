#include "middleware/security_headers.hpp"

#include <algorithm>
#include <array>
#include <string_view>
#include <utility>

namespace hub::middleware {
namespace {

struct Header {
  std::string_view name;
  std::string_view value;
  bool page_may_set = false;  // a page's handler may choose its own value
};

constexpr std::array kHeaders{
    Header{"Strict-Transport-Security", "max-age=63072000; includeSubDomains"},
    Header{"X-Content-Type-Options", "nosniff"},
    Header{"X-Frame-Options", "DENY"},
    // A page (GET /docs) names the sources it loads; every other response loads nothing.
    Header{"Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'", true},
    Header{"Referrer-Policy", "no-referrer"},
    // A page's files that never change under their URL may be cached.
    Header{"Cache-Control", "no-store", true},
    Header{"Cross-Origin-Resource-Policy", "same-origin"},
    Header{"Permissions-Policy",
           "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), "
           "payment=(), usb=(), interest-cohort=()"},
};

void set_headers(http::Response& response, bool keep_page_policy) {
  for (const auto& header : kHeaders) {
    if (keep_page_policy && header.page_may_set && response.headers.contains(header.name)) continue;
    response.headers.set(header.name, header.value);
  }
  response.headers.erase("Server");
  response.headers.erase("X-Powered-By");
}

}  // namespace

SecurityHeadersMiddleware::SecurityHeadersMiddleware(std::vector<std::string> page_routes)
    : page_routes_(std::move(page_routes)) {}

void SecurityHeadersMiddleware::apply(http::Response& response) { set_headers(response, false); }

void SecurityHeadersMiddleware::apply_to_page(http::Response& response) { set_headers(response, true); }

bool SecurityHeadersMiddleware::is_page_route(std::string_view route) const {
  return std::ranges::any_of(page_routes_, [route](std::string_view page) {
    return route == page || (route.starts_with(page) && route.substr(page.size()).starts_with('/'));
  });
}

http::Response SecurityHeadersMiddleware::handle(http::Request& request, const http::Next& next) const {
  http::Response response = next(request);
  // request.route is the template the router matched (empty for a 404).
  set_headers(response, !request.route.empty() && is_page_route(request.route));
  return response;
}

}  // namespace hub::middleware
