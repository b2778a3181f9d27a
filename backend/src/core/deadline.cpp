#include "core/deadline.hpp"

namespace hub::core {
namespace {

// The calling thread's deadline, held inside a function so it is not a mutable global.
Deadline& thread_deadline() noexcept {
  thread_local Deadline current = Deadline::never();
  return current;
}

}  // namespace

Deadline Deadline::after(Clock::duration budget, Clock::time_point now) noexcept {
  if (budget <= Clock::duration::zero()) return Deadline{now};
  if (budget >= Clock::time_point::max() - now) return never();
  return Deadline{now + budget};
}

Deadline::Clock::duration Deadline::remaining(Clock::time_point now) const noexcept {
  if (is_never()) return Clock::duration::max();
  return now >= when_ ? Clock::duration::zero() : when_ - now;
}

std::chrono::milliseconds Deadline::remaining_ms(Clock::time_point now) const noexcept {
  if (is_never()) return std::chrono::milliseconds::max();
  return std::chrono::duration_cast<std::chrono::milliseconds>(remaining(now));
}

Deadline current_deadline() noexcept { return thread_deadline(); }

ScopedDeadline::ScopedDeadline(Deadline deadline) noexcept : previous_(thread_deadline()) {
  thread_deadline() = previous_.earliest(deadline);
}

ScopedDeadline::~ScopedDeadline() { thread_deadline() = previous_; }

}  // namespace hub::core
