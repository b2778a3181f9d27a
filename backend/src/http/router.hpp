#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "http/handler.hpp"

namespace hub::http {

// Describes one route, for OpenAPI and for the metrics key.
struct RouteInfo {
  std::string method;
  std::string path_template;  // "/users/{id}"
  std::string summary;
};

// Matches method + path against templates with `{name}` segments. No match for the path is
// 404 NOT_FOUND; a path that exists for other methods is 405 with `Allow`. HEAD is served by
// the GET route (the transport drops the body).
class Router {
 public:
  Router& add(std::string_view method, std::string_view path_template, Handler handler,
              std::string_view summary = {});

  // Routes the request: sets request.route and request.path_params, calls the handler, and
  // turns a returned Error or a thrown exception into a problem response.
  [[nodiscard]] Response dispatch(Request& request) const;

  [[nodiscard]] std::vector<RouteInfo> routes() const;

 private:
  struct Segment {
    std::string text;
    bool is_param = false;
  };
  struct Route {
    RouteInfo info;
    std::vector<Segment> segments;
    Handler handler;
  };

  [[nodiscard]] static bool matches(const Route& route, const std::vector<std::string_view>& parts);

  std::vector<Route> routes_;
};

}  // namespace hub::http
