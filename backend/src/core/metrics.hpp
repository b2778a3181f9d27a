#pragma once

#include <array>
#include <atomic>
#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <vector>

#include "core/dependency_metrics.hpp"
#include "core/json.hpp"
#include "core/latency_histogram.hpp"
#include "core/table_figures.hpp"

namespace hub::core {

struct RouteMetrics {
  std::string route;  // "GET /users/{id}"
  std::uint64_t requests = 0;
  std::map<std::string, std::uint64_t> status;  // "2xx" -> count
  LatencyQuantiles latency_ms;
};

// Requests refused by rate limiting, and counter updates that failed (the table did not answer).
struct RateLimitMetrics {
  std::uint64_t rejected_total = 0;
  std::map<std::string, std::uint64_t> rejected_by_class;  // "read" -> count
  std::uint64_t store_errors = 0;
};

struct MetricsSnapshot {
  std::string started_at;
  double uptime_seconds = 0;
  double init_duration_ms = 0;  // process start -> ready to serve
  bool cold_start = false;      // no request had completed before this snapshot
  std::uint64_t requests_total = 0;
  std::vector<RouteMetrics> routes;
  RateLimitMetrics rate_limit;
  // The calls this process made to AWS, per service and operation.
  std::vector<OperationMetrics> dependencies;
  // The table's own figures (DescribeTable, cached); absent in a process without storage.
  std::optional<TableFigures> table;
};

// Per-route request statistics since process start: counts by status class and latency
// quantiles. Routes are templates ("GET /users/{id}"), so the key set stays small.
class MetricsRegistry {
 public:
  MetricsRegistry();

  // Creates the entries of every route known at start, so recording them needs no lock.
  // Call before serving (not thread-safe); routes not listed still work, under a lock.
  void preregister(const std::vector<std::string>& routes);

  void record(std::string_view route, int status, std::chrono::nanoseconds latency);

  // Rate limiting: one request refused under `rate_class`; one counter update that failed.
  void record_rate_limited(std::string_view rate_class);
  void record_rate_limit_store_error();

  // Call once when the process is ready to serve; fixes init_duration_ms.
  void mark_ready();

  // Routes and dependencies; `table` is left for whoever knows the table.
  [[nodiscard]] MetricsSnapshot snapshot() const;

  // Counts the AWS calls this process makes: hand it to the AWS clients (ClientSettings).
  [[nodiscard]] const std::shared_ptr<DependencyMetrics>& dependencies() const noexcept {
    return dependencies_;
  }

 private:
  struct RouteStats {
    std::array<std::atomic<std::uint64_t>, 5> by_class{};  // 1xx..5xx
    LatencyHistogram latency;
  };
  RouteStats& stats_for(std::string_view route);

  std::chrono::steady_clock::time_point started_;
  std::chrono::system_clock::time_point started_wall_;
  std::atomic<std::int64_t> init_duration_us_{0};
  using RouteMap = std::map<std::string, std::unique_ptr<RouteStats>, std::less<>>;
  RouteMap fixed_;  // filled by preregister() before serving, read-only afterwards
  mutable std::shared_mutex mutex_;
  RouteMap routes_;  // routes first seen while serving
  mutable std::mutex rate_limit_mutex_;
  std::map<std::string, std::uint64_t, std::less<>> rate_limited_;  // by class: a handful of keys
  std::atomic<std::uint64_t> rate_limit_store_errors_{0};
  std::shared_ptr<DependencyMetrics> dependencies_ = std::make_shared<DependencyMetrics>();
};

// One CloudWatch Embedded Metric Format document for one request: RequestCount, ErrorCount
// (5xx), ClientErrorCount (4xx) and Latency, dimensioned by service and route; with the
// thread's function_request_id, xray_trace_id and request_id (core::LogContext) when set.
[[nodiscard]] std::string emf_request_document(std::string_view metrics_namespace, std::string_view service,
                                               std::string_view route, int status,
                                               std::chrono::nanoseconds latency,
                                               std::chrono::system_clock::time_point now);

}  // namespace hub::core
