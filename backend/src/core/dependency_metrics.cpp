#include "core/dependency_metrics.hpp"

#include <algorithm>
#include <mutex>

namespace hub::core {

DependencyMetrics::OperationStats& DependencyMetrics::stats_for(std::string_view service,
                                                                std::string_view operation) {
  {
    const std::shared_lock lock(mutex_);
    if (auto s = services_.find(service); s != services_.end()) {
      if (auto o = s->second.find(operation); o != s->second.end()) return *o->second;
    }
  }
  const std::unique_lock lock(mutex_);
  auto s = services_.try_emplace(std::string(service)).first;
  auto [o, inserted] = s->second.try_emplace(std::string(operation), nullptr);
  if (inserted) o->second = std::make_unique<OperationStats>();
  return *o->second;
}

void DependencyMetrics::on_call(const DependencyCall& call) {
  // Entries are never removed, so the reference outlives the lock taken to find it.
  OperationStats& stats = stats_for(call.service, call.operation);
  stats.calls.fetch_add(1, std::memory_order_relaxed);
  switch (call.outcome) {
    case CallOutcome::ok:
      break;
    case CallOutcome::throttled:
      stats.throttled.fetch_add(1, std::memory_order_relaxed);
      break;
    case CallOutcome::conditional_check_failed:
      stats.conditional_check_failed.fetch_add(1, std::memory_order_relaxed);
      break;
    case CallOutcome::failed:
      stats.other_errors.fetch_add(1, std::memory_order_relaxed);
      break;
  }
  stats.retries.fetch_add(static_cast<std::uint64_t>(std::max(0, call.attempts - 1)),
                          std::memory_order_relaxed);
  if (call.consumed_capacity_units) {
    stats.capacity_reports.fetch_add(1, std::memory_order_relaxed);
    stats.capacity_units.fetch_add(*call.consumed_capacity_units, std::memory_order_relaxed);
  }
  stats.latency.record(call.latency);
}

std::vector<OperationMetrics> DependencyMetrics::snapshot() const {
  std::vector<OperationMetrics> out;
  const std::shared_lock lock(mutex_);
  for (const auto& [service, operations] : services_) {
    for (const auto& [operation, stats] : operations) {
      OperationMetrics m;
      m.service = service;
      m.operation = operation;
      m.calls = stats->calls.load(std::memory_order_relaxed);
      m.errors = {stats->throttled.load(std::memory_order_relaxed),
                  stats->conditional_check_failed.load(std::memory_order_relaxed),
                  stats->other_errors.load(std::memory_order_relaxed)};
      m.retries = stats->retries.load(std::memory_order_relaxed);
      m.latency_ms = stats->latency.quantiles();
      if (stats->capacity_reports.load(std::memory_order_relaxed) > 0) {
        m.consumed_capacity_units = stats->capacity_units.load(std::memory_order_relaxed);
      }
      out.push_back(std::move(m));
    }
  }
  return out;
}

}  // namespace hub::core
