#include "core/auth/jwks_cache.hpp"

#include <atomic>
#include <chrono>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "support/fake_clock.hpp"
#include "support/jwt_forge.hpp"

namespace hub::core::auth {
namespace {

using namespace std::chrono_literals;
using testing::FakeClock;
using testing::RsaSigner;

const RsaSigner& first_key() {
  static const RsaSigner instance("first");
  return instance;
}
const RsaSigner& rotated_key() {
  static const RsaSigner instance("rotated");
  return instance;
}

std::string random_kid(std::mt19937_64& random) { return "kid-" + std::to_string(random()); }

// A JWKS endpoint stand-in: serves `document` (or fails), counts the fetches, and can hold a
// fetch until released so several callers pile up behind it.
class FakeEndpoint {
 public:
  explicit FakeEndpoint(std::string document) : document_(std::move(document)) {}

  JwksCache::Fetch fetch() {
    return [this]() -> Result<std::string> {
      ++fetches;
      while (hold.load()) std::this_thread::yield();
      if (failing.load()) return Error::make(ErrorCode::DEPENDENCY_UNAVAILABLE, "connection refused");
      const std::lock_guard lock(mutex_);
      return document_;
    };
  }
  void serve(std::string document) {
    const std::lock_guard lock(mutex_);
    document_ = std::move(document);
  }

  std::atomic<int> fetches{0};
  std::atomic<bool> failing{false};
  std::atomic<bool> hold{false};

 private:
  std::mutex mutex_;
  std::string document_;
};

constexpr std::int64_t kStart = 1'767'225'600;

TEST(JwksCache, ServesKnownKidsWithoutFetchingAgain) {
  FakeEndpoint endpoint(testing::jwks_document({first_key().public_jwk()}));
  FakeClock clock(kStart);
  JwksCache cache("https://idp.example/jwks.json", endpoint.fetch(), clock, 10s);
  ASSERT_TRUE(cache.refresh().ok());
  for (int i = 0; i < 100; ++i) ASSERT_TRUE(cache.key("first").ok());
  EXPECT_EQ(endpoint.fetches.load(), 1);
  EXPECT_EQ(cache.key_count(), 1U);
}

TEST(JwksCache, FetchesOnFirstUseWithoutAPrefetch) {
  FakeEndpoint endpoint(testing::jwks_document({first_key().public_jwk()}));
  FakeClock clock(kStart);
  const JwksCache cache("u", endpoint.fetch(), clock, 10s);
  const auto key = cache.key("first");
  ASSERT_TRUE(key.ok());
  EXPECT_EQ((*key)->kid(), "first");
  EXPECT_EQ(endpoint.fetches.load(), 1);
}

TEST(JwksCache, AFloodOfUnknownKidsFetchesOncePerInterval) {
  FakeEndpoint endpoint(testing::jwks_document({first_key().public_jwk()}));
  FakeClock clock(kStart);
  JwksCache cache("u", endpoint.fetch(), clock, 10s);
  ASSERT_TRUE(cache.refresh().ok());
  std::mt19937_64 random(7);  // NOLINT(cert-msc32-c,cert-msc51-cpp): the same kids every run
  clock.advance(10s);
  for (int i = 0; i < 1000; ++i) {
    const auto key = cache.key(random_kid(random));
    ASSERT_FALSE(key.ok());
    EXPECT_EQ(key.error().code, ErrorCode::UNAUTHENTICATED);
    EXPECT_EQ(key.error().fields.at(0).pointer, "/header/kid");
  }
  EXPECT_EQ(endpoint.fetches.load(), 2);  // the prefetch, then one for the whole flood
  clock.advance(9s);
  for (int i = 0; i < 1000; ++i) ASSERT_FALSE(cache.key(random_kid(random)).ok());
  EXPECT_EQ(endpoint.fetches.load(), 2);
  clock.advance(1s);
  for (int i = 0; i < 1000; ++i) ASSERT_FALSE(cache.key(random_kid(random)).ok());
  EXPECT_EQ(endpoint.fetches.load(), 3);
  EXPECT_TRUE(cache.key("first").ok());
}

TEST(JwksCache, TheFirstUnknownKidAfterTheIntervalPicksUpARotatedKey) {
  FakeEndpoint endpoint(testing::jwks_document({first_key().public_jwk()}));
  FakeClock clock(kStart);
  JwksCache cache("u", endpoint.fetch(), clock, 10s);
  ASSERT_TRUE(cache.refresh().ok());
  endpoint.serve(testing::jwks_document({rotated_key().public_jwk()}));
  EXPECT_FALSE(cache.key("rotated").ok());  // within the interval of the prefetch
  clock.advance(10s);
  EXPECT_TRUE(cache.key("rotated").ok());
  EXPECT_FALSE(cache.key("first").ok());  // dropped from the set: no longer trusted
  EXPECT_EQ(endpoint.fetches.load(), 2);
}

TEST(JwksCache, AFailedFetchKeepsTheKeysHeldAndNewKidsFailClosed) {
  FakeEndpoint endpoint(testing::jwks_document({first_key().public_jwk()}));
  FakeClock clock(kStart);
  JwksCache cache("u", endpoint.fetch(), clock, 10s);
  ASSERT_TRUE(cache.refresh().ok());
  endpoint.failing = true;
  clock.advance(10s);
  const auto unknown = cache.key("rotated");
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().code, ErrorCode::UNAUTHENTICATED);
  EXPECT_TRUE(cache.key("first").ok());
  EXPECT_EQ(endpoint.fetches.load(), 2);
  const auto refreshed = cache.refresh();
  ASSERT_FALSE(refreshed.ok());
  EXPECT_EQ(refreshed.error().code, ErrorCode::DEPENDENCY_UNAVAILABLE);
  EXPECT_TRUE(cache.key("first").ok());
}

TEST(JwksCache, AnUnusableDocumentKeepsTheKeysHeld) {
  FakeEndpoint endpoint(testing::jwks_document({first_key().public_jwk()}));
  FakeClock clock(kStart);
  JwksCache cache("u", endpoint.fetch(), clock, 10s);
  ASSERT_TRUE(cache.refresh().ok());
  endpoint.serve(R"({"keys":[]})");
  const auto refreshed = cache.refresh();
  ASSERT_FALSE(refreshed.ok());
  EXPECT_EQ(refreshed.error().fields.at(0).pointer, "/keys");
  EXPECT_TRUE(cache.key("first").ok());
}

TEST(JwksCache, AFailedPrefetchIsNotFatalAndCountsForTheInterval) {
  FakeEndpoint endpoint(testing::jwks_document({first_key().public_jwk()}));
  endpoint.failing = true;
  FakeClock clock(kStart);
  JwksCache cache("u", endpoint.fetch(), clock, 10s);
  EXPECT_FALSE(cache.refresh().ok());
  endpoint.failing = false;
  EXPECT_FALSE(cache.key("first").ok());
  clock.advance(10s);
  EXPECT_TRUE(cache.key("first").ok());
  EXPECT_EQ(endpoint.fetches.load(), 2);
}

TEST(JwksCache, ConcurrentUnknownKidsFetchOnce) {
  FakeEndpoint endpoint(testing::jwks_document({first_key().public_jwk()}));
  FakeClock clock(kStart);
  const JwksCache cache("u", endpoint.fetch(), clock, 10s);
  endpoint.hold = true;  // the first fetch waits until every thread has asked
  std::atomic<int> asked{0};
  std::atomic<int> found{0};
  constexpr int kThreads = 8;
  std::vector<std::thread> threads;
  threads.reserve(kThreads);
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      std::mt19937_64 random(static_cast<std::uint64_t>(t));
      ++asked;
      if (cache.key(t % 2 == 0 ? "first" : random_kid(random)).ok()) ++found;
      for (int i = 0; i < 100; ++i) (void)cache.key(random_kid(random));
    });
  }
  while (asked.load() < kThreads) std::this_thread::yield();
  std::this_thread::sleep_for(50ms);  // let them reach the lock; the count holds either way
  endpoint.hold = false;
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(endpoint.fetches.load(), 1);
  EXPECT_EQ(found.load(), kThreads / 2);
}

TEST(JwksCache, KnownKidsDoNotWaitForAFetchInProgress) {
  FakeEndpoint endpoint(testing::jwks_document({first_key().public_jwk()}));
  FakeClock clock(kStart);
  JwksCache cache("u", endpoint.fetch(), clock, 10s);
  ASSERT_TRUE(cache.refresh().ok());
  clock.advance(10s);
  endpoint.hold = true;
  std::thread stuck([&] { (void)cache.key("unknown"); });
  while (endpoint.fetches.load() < 2) std::this_thread::yield();
  for (int i = 0; i < 100; ++i) ASSERT_TRUE(cache.key("first").ok());  // would hang if it waited
  endpoint.hold = false;
  stuck.join();
}

}  // namespace
}  // namespace hub::core::auth
