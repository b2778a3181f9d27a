#include "aws/retry.hpp"

#include <chrono>

#include <gtest/gtest.h>

namespace hub::aws {
namespace {

using namespace std::chrono_literals;

AwsError error_of(AwsErrc code, int status = 400, std::string type = {}) {
  AwsError e = AwsError::make(code, "x");
  e.http_status = status;
  e.type = std::move(type);
  return e;
}

TEST(RetryDecision, TransientFailuresAreRetried) {
  for (const auto code : {AwsErrc::throttled, AwsErrc::service_unavailable, AwsErrc::internal_server_error,
                          AwsErrc::connection_failed, AwsErrc::timeout, AwsErrc::crc32_mismatch}) {
    EXPECT_TRUE(is_retryable(error_of(code))) << errc_name(code);
  }
}

TEST(RetryDecision, AnswersThatWouldNotChangeAreNeverRetried) {
  for (const auto code :
       {AwsErrc::conditional_check_failed, AwsErrc::validation, AwsErrc::transaction_canceled,
        AwsErrc::resource_not_found, AwsErrc::resource_in_use, AwsErrc::access_denied,
        AwsErrc::item_collection_size_limit, AwsErrc::deadline_exceeded, AwsErrc::malformed_response,
        AwsErrc::missing_credentials, AwsErrc::idempotent_parameter_mismatch, AwsErrc::limit_exceeded}) {
    EXPECT_FALSE(is_retryable(error_of(code))) << errc_name(code);
  }
}

TEST(RetryDecision, UnknownErrorsAreRetriedOnlyWhenTheServerFailedOrTheyNameATimeout) {
  EXPECT_TRUE(is_retryable(error_of(AwsErrc::unknown, 502, "BadGateway")));
  EXPECT_TRUE(is_retryable(error_of(AwsErrc::unknown, 400, "RequestTimeoutException")));
  EXPECT_TRUE(is_retryable(error_of(AwsErrc::unknown, 400, "PriorRequestNotComplete")));
  EXPECT_FALSE(is_retryable(error_of(AwsErrc::unknown, 400, "SomethingNew")));
}

TEST(Backoff, FullJitterUnderAnExponentialCeiling) {
  const RetryPolicy policy{.max_attempts = 10, .base_delay = 25ms, .max_backoff = 20'000ms};
  EXPECT_EQ(backoff_delay(policy, 1, 0.999), 24ms);  // < 25 ms
  EXPECT_EQ(backoff_delay(policy, 2, 0.5), 25ms);    // half of 50 ms
  EXPECT_EQ(backoff_delay(policy, 3, 0.5), 50ms);    // half of 100 ms
  EXPECT_EQ(backoff_delay(policy, 4, 1.0), 200ms);
  EXPECT_EQ(backoff_delay(policy, 5, 0.0), 0ms) << "full jitter may wait nothing at all";
}

TEST(Backoff, IsCappedAndNeverOverflows) {
  const RetryPolicy policy{.max_attempts = 3, .base_delay = 25ms, .max_backoff = 1'000ms};
  EXPECT_EQ(backoff_delay(policy, 7, 1.0), 1'000ms);
  EXPECT_EQ(backoff_delay(policy, 1'000'000, 1.0), 1'000ms);
  EXPECT_EQ(backoff_delay(policy, 0, 1.0), 25ms) << "attempt numbers below 1 act as the first";
  EXPECT_EQ(backoff_delay(policy, 2, 7.0), 50ms) << "random values are clamped to [0, 1]";
}

TEST(RetryQuota, RetriesSpendTokensAndTimeoutsSpendMore) {
  RetryQuota quota{20};
  EXPECT_EQ(quota.acquire(error_of(AwsErrc::throttled)), RetryQuota::kRetryCost);
  EXPECT_EQ(quota.available(), 15);
  EXPECT_EQ(quota.acquire(error_of(AwsErrc::timeout)), RetryQuota::kTimeoutRetryCost);
  EXPECT_EQ(quota.acquire(error_of(AwsErrc::connection_failed)), 0) << "5 left cannot pay for 10";
  EXPECT_EQ(quota.acquire(error_of(AwsErrc::internal_server_error)), RetryQuota::kRetryCost);
  EXPECT_EQ(quota.available(), 0);
  EXPECT_EQ(quota.acquire(error_of(AwsErrc::throttled)), 0) << "an empty bucket refuses retries";
}

TEST(RetryQuota, SuccessRefillsUpToCapacity) {
  RetryQuota quota{12};
  const int spent = quota.acquire(error_of(AwsErrc::timeout));
  EXPECT_EQ(quota.available(), 2);
  quota.release(spent);
  EXPECT_EQ(quota.available(), 12);
  quota.release(0);
  EXPECT_EQ(quota.available(), 12) << "never above capacity";
  (void)quota.acquire(error_of(AwsErrc::throttled));
  quota.release(0);
  EXPECT_EQ(quota.available(), 8) << "a call that needed no retry gives back one token";
}

TEST(RetryEnvironment, SystemDiceStayInRange) {
  const auto env = RetryEnvironment::system();
  for (int i = 0; i < 1000; ++i) {
    const double r = env.random01();
    ASSERT_GE(r, 0.0);
    ASSERT_LT(r, 1.0);
  }
}

}  // namespace
}  // namespace hub::aws
