#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "http/middleware.hpp"

namespace hub::middleware {

// Sets the security headers on every response, errors included, and strips headers that
// advertise the server (Server, X-Powered-By). What a handler set is replaced, so no route can
// weaken them by accident; the one exception is configured here: responses to the routes named
// at construction (pages and their files, GET /docs) keep the Content-Security-Policy and
// Cache-Control their handler chose, when it chose one.
class SecurityHeadersMiddleware final : public http::Middleware {
 public:
  SecurityHeadersMiddleware() = default;
  // `page_routes`: route templates whose responses keep their own policy, each covering the
  // routes under it too ("/docs" covers "/docs/init.js").
  explicit SecurityHeadersMiddleware(std::vector<std::string> page_routes);

  http::Response handle(http::Request& request, const http::Next& next) const override;

  // Sets every header, replacing what the handler set.
  static void apply(http::Response& response);
  // Sets every header but keeps the Content-Security-Policy and Cache-Control the handler set.
  static void apply_to_page(http::Response& response);

 private:
  [[nodiscard]] bool is_page_route(std::string_view route) const;

  std::vector<std::string> page_routes_;
};

}  // namespace hub::middleware
