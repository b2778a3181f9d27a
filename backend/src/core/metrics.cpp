#include "core/metrics.hpp"

#include <algorithm>
#include <mutex>

#include <boost/json/serialize.hpp>

#include "core/clock.hpp"
#include "core/log.hpp"

namespace hub::core {

MetricsRegistry::MetricsRegistry()
    : started_(std::chrono::steady_clock::now()), started_wall_(std::chrono::system_clock::now()) {}

void MetricsRegistry::preregister(const std::vector<std::string>& routes) {
  for (const auto& route : routes) {
    if (!fixed_.contains(route)) fixed_.emplace(route, std::make_unique<RouteStats>());
  }
}

MetricsRegistry::RouteStats& MetricsRegistry::stats_for(std::string_view route) {
  if (auto it = fixed_.find(route); it != fixed_.end()) {
    return *it->second;
  }
  {
    const std::shared_lock lock(mutex_);
    if (auto it = routes_.find(route); it != routes_.end()) {
      return *it->second;
    }
  }
  const std::unique_lock lock(mutex_);
  auto [it, inserted] = routes_.try_emplace(std::string(route), nullptr);
  if (inserted) {
    it->second = std::make_unique<RouteStats>();
  }
  return *it->second;
}

void MetricsRegistry::record(std::string_view route, int status, std::chrono::nanoseconds latency) {
  RouteStats& stats = stats_for(route);
  const int cls = std::clamp(status / 100, 1, 5) - 1;
  stats.by_class[static_cast<std::size_t>(cls)].fetch_add(1, std::memory_order_relaxed);
  stats.latency.record(latency);
}

void MetricsRegistry::record_rate_limited(std::string_view rate_class) {
  const std::scoped_lock lock(rate_limit_mutex_);
  const auto it = rate_limited_.find(rate_class);
  if (it == rate_limited_.end()) {
    rate_limited_.emplace(std::string(rate_class), 1);
  } else {
    ++it->second;
  }
}

void MetricsRegistry::record_rate_limit_store_error() {
  rate_limit_store_errors_.fetch_add(1, std::memory_order_relaxed);
}

void MetricsRegistry::mark_ready() {
  init_duration_us_.store(
      std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - started_)
          .count(),
      std::memory_order_relaxed);
}

MetricsSnapshot MetricsRegistry::snapshot() const {
  MetricsSnapshot out;
  out.started_at = to_rfc3339(started_wall_);
  out.uptime_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count();
  out.init_duration_ms = static_cast<double>(init_duration_us_.load(std::memory_order_relaxed)) / 1000.0;
  const auto add = [&out](const std::string& route, const RouteStats& stats) {
    RouteMetrics r;
    r.route = route;
    for (std::size_t i = 0; i < stats.by_class.size(); ++i) {
      const auto n = stats.by_class[i].load(std::memory_order_relaxed);
      r.status[std::to_string(i + 1) + "xx"] = n;
      r.requests += n;
    }
    if (r.requests == 0) return;  // preregistered but never called
    r.latency_ms = stats.latency.quantiles();
    out.requests_total += r.requests;
    out.routes.push_back(std::move(r));
  };
  for (const auto& [route, stats] : fixed_) add(route, *stats);
  {
    const std::shared_lock lock(mutex_);
    for (const auto& [route, stats] : routes_) add(route, *stats);
  }
  std::sort(out.routes.begin(), out.routes.end(),
            [](const RouteMetrics& a, const RouteMetrics& b) { return a.route < b.route; });
  out.cold_start = out.requests_total == 0;
  {
    const std::scoped_lock lock(rate_limit_mutex_);
    for (const auto& [rate_class, count] : rate_limited_) {
      out.rate_limit.rejected_by_class.emplace(rate_class, count);
      out.rate_limit.rejected_total += count;
    }
  }
  out.rate_limit.store_errors = rate_limit_store_errors_.load(std::memory_order_relaxed);
  out.dependencies = dependencies_->snapshot();
  return out;
}

std::string emf_request_document(std::string_view metrics_namespace, std::string_view service,
                                 std::string_view route, int status, std::chrono::nanoseconds latency,
                                 std::chrono::system_clock::time_point now) {
  const auto epoch_ms = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count();
  json::object doc{
      {"_aws",
       json::object{
           {"Timestamp", epoch_ms},
           {"CloudWatchMetrics", json::array{json::object{
                                     {"Namespace", metrics_namespace},
                                     {"Dimensions", json::array{json::array{"service", "route"}}},
                                     {"Metrics",
                                      json::array{
                                          json::object{{"Name", "RequestCount"}, {"Unit", "Count"}},
                                          json::object{{"Name", "ErrorCount"}, {"Unit", "Count"}},
                                          json::object{{"Name", "ClientErrorCount"}, {"Unit", "Count"}},
                                          json::object{{"Name", "Latency"}, {"Unit", "Milliseconds"}},
                                      }},
                                 }}},
       }},
      {"service", service},
      {"route", route},
      {"RequestCount", 1},
      {"ErrorCount", status >= 500 ? 1 : 0},
      {"ClientErrorCount", status >= 400 && status < 500 ? 1 : 0},
      {"Latency", std::chrono::duration<double, std::milli>(latency).count()},
  };
  // The ids of the request it counts, as properties (not dimensions): a metric line of an
  // invocation can be joined to its log lines and its trace like any other line.
  const LogContext& context = current_log_context();
  const auto put_if = [&doc](std::string_view key, const std::string& value) {
    if (!value.empty()) doc[key] = value;
  };
  put_if("function_request_id", context.function_request_id);
  put_if("xray_trace_id", context.xray_trace_id);
  put_if("request_id", context.request_id);
  return boost::json::serialize(doc);
}

}  // namespace hub::core
