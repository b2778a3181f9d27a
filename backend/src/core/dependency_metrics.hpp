#pragma once

#include <atomic>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <vector>

#include "core/call_observer.hpp"
#include "core/latency_histogram.hpp"

namespace hub::core {

// Failed calls of one operation, by kind.
struct OperationErrors {
  std::uint64_t throttled = 0;
  std::uint64_t conditional_check_failed = 0;
  std::uint64_t other = 0;
};

// The calls this process made to one operation of one service since it started.
struct OperationMetrics {
  std::string service{};    // "dynamodb"
  std::string operation{};  // "GetItem"
  std::uint64_t calls = 0;
  OperationErrors errors{};
  std::uint64_t retries = 0;  // attempts beyond the first, summed over the calls
  LatencyQuantiles latency_ms{};
  // Capacity units the responses reported, summed; absent when none reported any.
  std::optional<double> consumed_capacity_units{};
};

// Counts every call a client reports (a CallObserver) per service and operation: calls, errors
// by kind, retries, latency quantiles and consumed capacity. Recording is lock-free once an
// operation has been seen; the first call of an operation takes a lock.
class DependencyMetrics final : public CallObserver {
 public:
  void on_call(const DependencyCall& call) override;

  // One entry per operation called so far, by service then operation.
  [[nodiscard]] std::vector<OperationMetrics> snapshot() const;

 private:
  struct OperationStats {
    std::atomic<std::uint64_t> calls{0};
    std::atomic<std::uint64_t> throttled{0};
    std::atomic<std::uint64_t> conditional_check_failed{0};
    std::atomic<std::uint64_t> other_errors{0};
    std::atomic<std::uint64_t> retries{0};
    std::atomic<std::uint64_t> capacity_reports{0};
    std::atomic<double> capacity_units{0};
    LatencyHistogram latency;
  };
  OperationStats& stats_for(std::string_view service, std::string_view operation);

  using Operations = std::map<std::string, std::unique_ptr<OperationStats>, std::less<>>;
  mutable std::shared_mutex mutex_;
  std::map<std::string, Operations, std::less<>> services_;
};

}  // namespace hub::core
