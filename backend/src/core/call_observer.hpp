#pragma once

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string_view>
#include <utility>
#include <vector>

#include "core/tracing.hpp"

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
  // When the call started (wall clock, for trace documents); latency says how long it took.
  std::chrono::system_clock::time_point started{};
  std::string_view region{};      // "eu-west-1"
  std::string_view resource{};    // what the call was about when it is one thing: a DynamoDB table
  int http_status = 0;            // of the last attempt's response; 0 when none came back
  std::string_view request_id{};  // the service's id of the last response (x-amzn-RequestId)
  // The trace the call belongs to (the thread's, core::current_trace()), or null.
  const TraceHeader* trace = nullptr;
  // The call's own subsegment id in that trace, when the call was given one: the trace is sampled
  // and the client's observer records subsegments (CallObserver::records_subsegments()). The
  // call's outgoing trace header named it as the parent. Empty otherwise.
  std::string_view subsegment_id{};
};

// Told of every call a client makes, from the calling thread, once the call has ended.
// Implementations are thread-safe and cheap: they run on the request's path.
class CallObserver {
 public:
  virtual ~CallObserver() = default;

  virtual void on_call(const DependencyCall& call) = 0;

  // True when this observer turns calls of sampled traces into trace subsegments: clients then
  // give each such call a subsegment id before sending it (DependencyCall::subsegment_id).
  [[nodiscard]] virtual bool records_subsegments() const noexcept { return false; }
};

// Tells several observers of every call, in order (metrics, then tracing).
class ObserverChain final : public CallObserver {
 public:
  explicit ObserverChain(std::vector<std::shared_ptr<CallObserver>> observers)
      : observers_(std::move(observers)) {}

  void on_call(const DependencyCall& call) override {
    for (const auto& observer : observers_) observer->on_call(call);
  }

  [[nodiscard]] bool records_subsegments() const noexcept override {
    return std::ranges::any_of(observers_,
                               [](const auto& observer) { return observer->records_subsegments(); });
  }

 private:
  std::vector<std::shared_ptr<CallObserver>> observers_;
};

}  // namespace hub::core
