#include "aws/retry.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <random>
#include <thread>

namespace hub::aws {
namespace {

// Error names that mean "the request timed out on the way" and have no code of their own.
bool is_transient_type(std::string_view type) noexcept {
  return type == "RequestTimeout" || type == "RequestTimeoutException" || type == "PriorRequestNotComplete" ||
         type == "IDPCommunicationError";
}

}  // namespace

bool is_retryable(const AwsError& error) noexcept {
  switch (error.code) {
    case AwsErrc::throttled:
    case AwsErrc::service_unavailable:
    case AwsErrc::internal_server_error:
    case AwsErrc::connection_failed:
    case AwsErrc::timeout:
    case AwsErrc::crc32_mismatch:
      return true;
    case AwsErrc::unknown:
      return error.http_status >= 500 || is_transient_type(error.type);
    default:
      return false;
  }
}

bool is_transient_transport_error(const AwsError& error) noexcept {
  return error.code == AwsErrc::timeout || error.code == AwsErrc::connection_failed;
}

std::chrono::milliseconds backoff_delay(const RetryPolicy& policy, int attempt, double random01) noexcept {
  // base * 2^(attempt-1), computed in double so a large attempt cannot overflow, then capped.
  const double exponent = std::clamp(attempt - 1, 0, 62);
  const double ceiling = std::min(static_cast<double>(policy.max_backoff.count()),
                                  static_cast<double>(policy.base_delay.count()) * std::exp2(exponent));
  const double jitter = std::clamp(random01, 0.0, 1.0);
  return std::chrono::milliseconds{static_cast<std::int64_t>(jitter * ceiling)};
}

int RetryQuota::acquire(const AwsError& error) {
  const int cost = is_transient_transport_error(error) ? kTimeoutRetryCost : kRetryCost;
  const std::scoped_lock lock{mutex_};
  if (available_ < cost) return 0;
  available_ -= cost;
  return cost;
}

void RetryQuota::release(int spent) {
  const int refund = spent > 0 ? spent : kNoRetryIncrement;
  const std::scoped_lock lock{mutex_};
  available_ = std::min(capacity_, available_ + refund);
}

int RetryQuota::available() const {
  const std::scoped_lock lock{mutex_};
  return available_;
}

RetryEnvironment RetryEnvironment::system() {
  return RetryEnvironment{
      .random01 =
          [] {
            thread_local std::mt19937_64 engine{std::random_device{}()};
            return std::uniform_real_distribution<double>{0.0, 1.0}(engine);
          },
      .sleep = [](std::chrono::milliseconds delay) { std::this_thread::sleep_for(delay); },
  };
}

}  // namespace hub::aws
