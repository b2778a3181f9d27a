#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>

#include "core/clock.hpp"

namespace hub::testing {

// A clock that stands still until a test moves it; safe to read from many threads.
class FakeClock final : public core::Clock {
 public:
  explicit FakeClock(std::int64_t seconds_since_epoch) : seconds_(seconds_since_epoch) {}
  [[nodiscard]] core::SystemTime now() const override {
    return core::SystemTime{std::chrono::seconds{seconds_.load()}};
  }
  void advance(std::chrono::seconds by) { seconds_ += by.count(); }

 private:
  std::atomic<std::int64_t> seconds_;
};

}  // namespace hub::testing
