#pragma once

#include <chrono>

namespace hub::core {

// The moment by which a piece of work must be done: the Lambda invocation's deadline or an
// HTTP request's budget. Every outbound call (and every retry of it) stays inside it.
class Deadline {
 public:
  using Clock = std::chrono::steady_clock;

  // No deadline at all.
  [[nodiscard]] static Deadline never() noexcept { return Deadline{Clock::time_point::max()}; }
  [[nodiscard]] static Deadline at(Clock::time_point when) noexcept { return Deadline{when}; }
  [[nodiscard]] static Deadline after(Clock::duration budget, Clock::time_point now = Clock::now()) noexcept;

  [[nodiscard]] bool is_never() const noexcept { return when_ == Clock::time_point::max(); }
  [[nodiscard]] Clock::time_point time_point() const noexcept { return when_; }
  [[nodiscard]] bool expired(Clock::time_point now = Clock::now()) const noexcept { return now >= when_; }

  // Time left, never negative; Clock::duration::max() for never().
  [[nodiscard]] Clock::duration remaining(Clock::time_point now = Clock::now()) const noexcept;
  [[nodiscard]] std::chrono::milliseconds remaining_ms(Clock::time_point now = Clock::now()) const noexcept;

  // The sooner of the two.
  [[nodiscard]] Deadline earliest(Deadline other) const noexcept {
    return other.when_ < when_ ? other : *this;
  }

  bool operator==(const Deadline&) const = default;

 private:
  explicit Deadline(Clock::time_point when) noexcept : when_(when) {}
  Clock::time_point when_;
};

// The deadline of the work this thread is doing now: never() unless a ScopedDeadline is active.
// Transports set it per request, so clients deep below (aws/) honour it without every layer in
// between passing it along.
[[nodiscard]] Deadline current_deadline() noexcept;

// Narrows the thread's current deadline for its lifetime (a wider one never loosens an outer one).
class ScopedDeadline {
 public:
  explicit ScopedDeadline(Deadline deadline) noexcept;
  ~ScopedDeadline();
  ScopedDeadline(const ScopedDeadline&) = delete;
  ScopedDeadline& operator=(const ScopedDeadline&) = delete;
  ScopedDeadline(ScopedDeadline&&) = delete;
  ScopedDeadline& operator=(ScopedDeadline&&) = delete;

 private:
  Deadline previous_;
};

}  // namespace hub::core
