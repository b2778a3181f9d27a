#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <mutex>

#include "aws/aws_error.hpp"

namespace hub::aws {

// The AWS SDKs' "standard" retry mode, as boto3 implements it.
struct RetryPolicy {
  int max_attempts = 3;                      // first try included (AWS_MAX_ATTEMPTS)
  std::chrono::milliseconds base_delay{25};  // DynamoDB's; the other services use 100 ms
  std::chrono::milliseconds max_backoff{20'000};
};

// Whether another attempt could help: throttling, 5xx, transport failures and CRC mismatches
// are transient; conditional failures, validation and cancelled transactions never are.
[[nodiscard]] bool is_retryable(const AwsError& error) noexcept;
// Timeouts and connection failures cost more retry quota than other retryable errors.
[[nodiscard]] bool is_transient_transport_error(const AwsError& error) noexcept;

// Delay before attempt `attempt + 1` after `attempt` (1-based) failed: full jitter,
// random01 * min(max_backoff, base * 2^(attempt-1)). `random01` is in [0, 1).
[[nodiscard]] std::chrono::milliseconds backoff_delay(const RetryPolicy& policy, int attempt,
                                                      double random01) noexcept;

// The retry quota: a token bucket shared by every client of the process. Each retry spends
// tokens (5, or 10 after a timeout or connection failure); each success gives back 1 (or what
// its own retry spent). When it runs dry, failures are returned at once instead of retried, so a
// dependency that is down is not hammered.
class RetryQuota {
 public:
  static constexpr int kInitialTokens = 500;
  static constexpr int kRetryCost = 5;
  static constexpr int kTimeoutRetryCost = 10;
  static constexpr int kNoRetryIncrement = 1;

  explicit RetryQuota(int capacity = kInitialTokens) : capacity_(capacity), available_(capacity) {}

  // Takes the cost of retrying after `error`; 0 when the bucket cannot pay it (no retry).
  [[nodiscard]] int acquire(const AwsError& error);
  // After a successful attempt: returns `spent` (what this call's retries took) or, for a call
  // that needed no retry, kNoRetryIncrement.
  void release(int spent);
  [[nodiscard]] int available() const;

 private:
  mutable std::mutex mutex_;
  int capacity_;
  int available_;
};

// What a retry loop needs from the world, injectable so tests use a fake clock and fixed dice.
struct RetryEnvironment {
  std::function<double()> random01;                      // uniform in [0, 1)
  std::function<void(std::chrono::milliseconds)> sleep;  // blocks the caller
  // Defaults: a thread-local Mersenne twister and std::this_thread::sleep_for.
  [[nodiscard]] static RetryEnvironment system();
};

}  // namespace hub::aws
