#include "middleware/access_log.hpp"

#include <chrono>

#include "core/log.hpp"

namespace hub::middleware {

std::string route_key(const http::Request& request) {
  if (request.route.empty()) return "unmatched";
  std::string key;
  key.reserve(request.method.size() + 1 + request.route.size());
  key.append(request.method).append(" ").append(request.route);
  return key;
}

std::vector<std::string> route_keys(const http::Router& router) {
  std::vector<std::string> keys{"unmatched"};
  for (const auto& route : router.routes()) {
    keys.push_back(route.method + " " + route.path_template);
    if (route.method == "GET") keys.push_back("HEAD " + route.path_template);
  }
  return keys;
}

http::Response AccessLogMiddleware::handle(http::Request& request, const http::Next& next) const {
  const auto start = std::chrono::steady_clock::now();
  http::Response response = next(request);
  auto& log = core::logger();
  if (log.enabled(core::LogLevel::INFO)) {
    const std::chrono::duration<double, std::milli> elapsed = std::chrono::steady_clock::now() - start;
    json::object fields{
        {"method", request.method},
        {"route", request.route.empty() ? std::string_view{"(unmatched)"} : std::string_view{request.route}},
        {"path", request.path},
        {"status", response.status},
        {"duration_ms", elapsed.count()}};
    // The authentication middleware's log scope has ended by now: name the caller here.
    if (request.user) fields["user_id"] = request.user->user_id;
    log.log(core::LogLevel::INFO, "request", std::move(fields));
  }
  return response;
}

RequestMetricsMiddleware::RequestMetricsMiddleware(core::MetricsRegistry& registry, bool emit_emf,
                                                   std::string metrics_namespace, std::string service)
    : registry_(registry),
      emit_emf_(emit_emf),
      namespace_(std::move(metrics_namespace)),
      service_(std::move(service)) {}

http::Response RequestMetricsMiddleware::handle(http::Request& request, const http::Next& next) const {
  const auto start = std::chrono::steady_clock::now();
  http::Response response = next(request);
  const auto elapsed = std::chrono::steady_clock::now() - start;
  const std::string key = route_key(request);
  registry_.record(key, response.status, elapsed);
  if (emit_emf_) {
    core::logger().write_raw(core::emf_request_document(namespace_, service_, key, response.status, elapsed,
                                                        std::chrono::system_clock::now()));
  }
  return response;
}

}  // namespace hub::middleware
