#pragma once

#include <string>
#include <vector>

#include "core/metrics.hpp"
#include "http/middleware.hpp"

namespace hub::middleware {

// The metrics key of a request: "GET /users/{id}", or "unmatched" when no route matched
// (so unknown paths cannot grow the key set).
[[nodiscard]] std::string route_key(const http::Request& request);

// Every key route_key() can produce for the router's routes (HEAD included for GET routes),
// plus "unmatched": what MetricsRegistry::preregister wants.
[[nodiscard]] std::vector<std::string> route_keys(const http::Router& router);

// One JSON log line per request: method, route, path, status, duration_ms, request_id,
// correlation_id (the last two from the log context) and, once authenticated, user_id.
class AccessLogMiddleware final : public http::Middleware {
 public:
  http::Response handle(http::Request& request, const http::Next& next) const override;
};

// Counts every request per route and status class with its latency (GET /metrics reads it)
// and, when enabled, writes a CloudWatch EMF document per request.
class RequestMetricsMiddleware final : public http::Middleware {
 public:
  RequestMetricsMiddleware(core::MetricsRegistry& registry, bool emit_emf, std::string metrics_namespace,
                           std::string service);
  http::Response handle(http::Request& request, const http::Next& next) const override;

 private:
  core::MetricsRegistry& registry_;
  bool emit_emf_;
  std::string namespace_;
  std::string service_;
};

}  // namespace hub::middleware
