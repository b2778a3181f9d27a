#include "http/router.hpp"

#include <algorithm>
#include <exception>
#include <stdexcept>
#include <typeinfo>

#include <fmt/format.h>
#include <boost/core/demangle.hpp>

#include "core/log.hpp"
#include "http/problem.hpp"

namespace hub::http {
namespace {

std::vector<std::string_view> split_path(std::string_view path) {
  std::vector<std::string_view> parts;
  while (!path.empty()) {
    if (path.front() == '/') {
      path.remove_prefix(1);
      continue;
    }
    const auto slash = path.find('/');
    parts.push_back(path.substr(0, slash));
    if (slash == std::string_view::npos) break;
    path.remove_prefix(slash);
  }
  return parts;
}

Response error_response(const Error& error, const Request& request) {
  return problem_response(error, request.request_id, request.path);
}

}  // namespace

std::string default_rate_class(std::string_view method,
                               const std::optional<core::auth::Permission>& permission) {
  if (!permission) return "public";
  return method == "GET" || method == "HEAD" ? "read" : "write";
}

Router& Router::add(std::string_view method, std::string_view path_template, Handler handler,
                    std::string_view summary, std::optional<core::auth::Permission> permission,
                    std::string_view rate_class) {
  Route route{{std::string(method), std::string(path_template), std::string(summary), permission,
               rate_class.empty() ? default_rate_class(method, permission) : std::string(rate_class)},
              {},
              std::move(handler)};
  for (auto part : split_path(path_template)) {
    const bool param = part.size() > 2 && part.front() == '{' && part.back() == '}';
    route.segments.push_back({std::string(param ? part.substr(1, part.size() - 2) : part), param});
  }
  for (const auto& existing : routes_) {
    if (existing.info.method == route.info.method &&
        existing.info.path_template == route.info.path_template) {
      throw std::logic_error(fmt::format("route {} {} registered twice", method, path_template));
    }
  }
  routes_.push_back(std::move(route));
  return *this;
}

bool Router::matches(const Route& route, const std::vector<std::string_view>& parts) {
  if (route.segments.size() != parts.size()) return false;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (!route.segments[i].is_param && route.segments[i].text != parts[i]) return false;
  }
  return true;
}

std::size_t Router::param_count(const Route& route) {
  return static_cast<std::size_t>(std::ranges::count_if(route.segments, &Segment::is_param));
}

std::optional<std::size_t> Router::owning_param_count(const std::vector<std::string_view>& parts) const {
  std::optional<std::size_t> fewest;
  for (const auto& route : routes_) {
    if (matches(route, parts) && (!fewest || param_count(route) < *fewest)) fewest = param_count(route);
  }
  return fewest;
}

const Router::Route* Router::find_route(std::string_view method,
                                        const std::vector<std::string_view>& parts) const {
  if (method == "HEAD") method = "GET";
  const auto owners = owning_param_count(parts);
  for (const auto& route : routes_) {
    if (route.info.method == method && matches(route, parts) && param_count(route) == owners) return &route;
  }
  return nullptr;
}

std::string Router::allowed_methods(const std::vector<std::string_view>& parts) const {
  std::string allow;
  std::vector<std::string_view> allowed;  // each method once, even when several templates own the path
  const auto owners = owning_param_count(parts);
  for (const auto& route : routes_) {
    if (!matches(route, parts) || param_count(route) != owners ||
        std::ranges::find(allowed, route.info.method) != allowed.end()) {
      continue;
    }
    allowed.push_back(route.info.method);
    if (!allow.empty()) allow += ", ";
    allow += route.info.method;
    if (route.info.method == "GET") allow += ", HEAD";
  }
  return allow;
}

const RouteInfo* Router::find(std::string_view method, std::string_view path) const {
  const auto* route = find_route(method, split_path(path));
  return route == nullptr ? nullptr : &route->info;
}

Response Router::dispatch(Request& request) const {
  const auto parts = split_path(request.path);
  const Route* found = find_route(request.method, parts);

  if (found == nullptr) {
    const auto allow = allowed_methods(parts);
    if (allow.empty()) {
      return error_response(
          Error::make(ErrorCode::NOT_FOUND, fmt::format("No resource at {}.", request.path)), request);
    }
    auto response = error_response(
        Error::make(ErrorCode::METHOD_NOT_ALLOWED, fmt::format("{} is not allowed on {}; allowed: {}.",
                                                               request.method, request.path, allow)),
        request);
    response.headers.set("Allow", allow);
    return response;
  }

  request.route = found->info.path_template;
  request.path_params.clear();
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (found->segments[i].is_param) {
      request.path_params.emplace_back(found->segments[i].text, parts[i]);
    }
  }

  try {
    auto result = found->handler(request);
    if (!result) {
      return error_response(result.error(), request);
    }
    return std::move(result).value();
  } catch (const std::exception& e) {
    // The one place a handler's exception is caught: log the context, answer a bare 500.
    core::logger().error("unhandled exception in handler",
                         {{"exception", boost::core::demangle(typeid(e).name())},
                          {"error", e.what()},
                          {"method", request.method},
                          {"route", request.route}});
  } catch (...) {
    core::logger().error("unhandled non-standard exception in handler",
                         {{"method", request.method}, {"route", request.route}});
  }
  return error_response(Error::make(ErrorCode::INTERNAL, "An unexpected error occurred."), request);
}

std::vector<RouteInfo> Router::routes() const {
  std::vector<RouteInfo> out;
  out.reserve(routes_.size());
  for (const auto& r : routes_) out.push_back(r.info);
  return out;
}

}  // namespace hub::http
