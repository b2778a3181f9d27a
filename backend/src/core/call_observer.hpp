#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string_view>

namespace hub::core {

// How one call to an external service ended, as metrics count it.
enum class CallOutcome : std::uint8_t {
  ok,
  throttled,                 // the service refused for load (after any retries)
  conditional_check_failed,  // a write's condition did not hold (a transaction's included)
  failed,                    // any other failure
};

// One call to an external service, as the client that made it saw it: one operation, its
// retries included.
struct DependencyCall {
  std::string_view service{};    // "dynamodb"
  std::string_view operation{};  // "GetItem"
  CallOutcome outcome = CallOutcome::ok;
  int attempts = 1;                                 // 1 + retries
  std::chrono::nanoseconds latency{};               // the whole call: retries and backoff included
  std::optional<double> consumed_capacity_units{};  // as the response reported it, if it did
};

// Told of every call a client makes, from the calling thread, once the call has ended.
// Implementations are thread-safe and cheap: they run on the request's path.
class CallObserver {
 public:
  virtual ~CallObserver() = default;

  virtual void on_call(const DependencyCall& call) = 0;
};

}  // namespace hub::core
