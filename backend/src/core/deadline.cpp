#include "core/deadline.hpp"

namespace hub::core {
namespace {

// The thread's deadline, behind a function so that it is no mutable global.
Deadline& current() noexcept {
  thread_local Deadline deadline = Deadline::never();
  return deadline;
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

Deadline current_deadline() noexcept { return current(); }

ScopedDeadline::ScopedDeadline(Deadline deadline) noexcept : previous_(current()) {
  current() = previous_.earliest(deadline);
}

ScopedDeadline::~ScopedDeadline() { current() = previous_; }

}  // namespace hub::core
