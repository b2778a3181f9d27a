#pragma once

#include <chrono>
#include <cstdint>
#include <string_view>

#include "core/result.hpp"

namespace hub::data {

// What counting one request in a fixed window found.
struct RateCount {
  std::int64_t count = 0;               // requests in the window so far, this one included when allowed
  bool allowed = false;                 // false: the limit was reached already (the request is not counted)
  std::chrono::seconds retry_after{0};  // until the window ends
};

// Fixed-window request counters shared by every instance (the rate-limit middleware's store).
class RateCounterRepository {
 public:
  virtual ~RateCounterRepository() = default;

  // Counts one request of `subject` in the current window of `window` length, unless `limit`
  // requests were counted already. One conditional atomic update; counters expire with their
  // window (TTL).
  [[nodiscard]] virtual Result<RateCount> hit(std::string_view subject, std::int64_t limit,
                                              std::chrono::seconds window) const = 0;
};

}  // namespace hub::data
