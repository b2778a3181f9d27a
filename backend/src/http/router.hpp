#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/auth/permissions.hpp"
#include "http/handler.hpp"

namespace hub::http {

// Describes one route, for OpenAPI, for the metrics key and for the authentication middleware.
struct RouteInfo {
  std::string method{};
  std::string path_template{};  // "/users/{id}"
  std::string summary{};
  std::optional<core::auth::Permission> permission{};  // what the caller needs; nullopt: public
  // Which rate limit counts its requests (HUB_RATE_LIMITS): "public", "read", "write" or a class
  // a route names for itself.
  std::string rate_class{};
};

// The rate class of a route that names none: public routes are "public"; protected GET/HEAD
// are "read"; other protected methods are "write".
[[nodiscard]] std::string default_rate_class(std::string_view method,
                                             const std::optional<core::auth::Permission>& permission);

// Matches method + path against templates with `{name}` segments. As in OpenAPI, a concrete path
// is matched before templated ones whatever the method: of the templates matching the path, those
// with the fewest `{name}` segments own it (/users/batch-get is not /users/{id}, so GET on it is a
// 405 with `Allow: POST`). No match for the path is 404 NOT_FOUND; a path its owners serve with
// other methods only is 405 with `Allow`. HEAD is served by
// the GET route (the transport drops the body).
class Router {
 public:
  // `permission` is what a caller must hold (the authentication middleware enforces it);
  // nullopt makes the route public. An empty `rate_class` takes default_rate_class().
  Router& add(std::string_view method, std::string_view path_template, Handler handler,
              std::string_view summary = {}, std::optional<core::auth::Permission> permission = std::nullopt,
              std::string_view rate_class = {});

  // The route `dispatch` would call for this method and (decoded) path, without calling it:
  // HEAD finds the GET route; nullptr when no route matches the path for that method (a 404 or
  // a 405 to come). Lets middleware read a route's permission before dispatch.
  [[nodiscard]] const RouteInfo* find(std::string_view method, std::string_view path) const;

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
  [[nodiscard]] static std::size_t param_count(const Route& route);
  // The number of `{name}` segments of the templates that own the path; nullopt when none matches.
  [[nodiscard]] std::optional<std::size_t> owning_param_count(
      const std::vector<std::string_view>& parts) const;
  [[nodiscard]] const Route* find_route(std::string_view method,
                                        const std::vector<std::string_view>& parts) const;
  // "GET, HEAD, POST": the methods other routes serve this path with; empty when none does.
  [[nodiscard]] std::string allowed_methods(const std::vector<std::string_view>& parts) const;

  std::vector<Route> routes_;
};

}  // namespace hub::http
