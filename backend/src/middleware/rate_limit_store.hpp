#pragma once

#include <chrono>
#include <cstdint>
#include <string_view>

#include "core/result.hpp"

namespace hub::middleware {

// What counting one request in a fixed window found.
struct RateLimitCount {
  std::int64_t count = 0;         // requests counted in the window, this one included when allowed
  bool allowed = false;           // false: the limit was reached already; this request was not counted
  std::chrono::seconds reset{0};  // until the window ends
};

// Where rate-limit counters live. Every process that shares a store enforces one limit together
// (the table, in production: apps/common adapts data::RateCounterRepository to this).
class RateLimitStore {
 public:
  virtual ~RateLimitStore() = default;

  // Counts one request of `key` in the current window of length `window`, unless `limit`
  // requests were counted in it already. A failure (the store is unreachable, slow, ...) is an
  // Error; the caller decides what the request gets.
  [[nodiscard]] virtual Result<RateLimitCount> hit(std::string_view key, std::int64_t limit,
                                                   std::chrono::seconds window) const = 0;
};

}  // namespace hub::middleware
