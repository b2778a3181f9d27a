#include "core/deadline.hpp"

#include <chrono>

#include <gtest/gtest.h>

namespace hub::core {
namespace {

using namespace std::chrono_literals;
using Clock = Deadline::Clock;

TEST(Deadline, NeverHasUnboundedTimeLeft) {
  const auto d = Deadline::never();
  EXPECT_TRUE(d.is_never());
  EXPECT_FALSE(d.expired());
  EXPECT_EQ(d.remaining(), Clock::duration::max());
  EXPECT_EQ(d.remaining_ms(), std::chrono::milliseconds::max());
}

TEST(Deadline, RemainingCountsDownAndNeverGoesNegative) {
  const auto now = Clock::now();
  const auto d = Deadline::after(100ms, now);
  EXPECT_EQ(d.remaining_ms(now), 100ms);
  EXPECT_EQ(d.remaining_ms(now + 40ms), 60ms);
  EXPECT_FALSE(d.expired(now + 99ms));
  EXPECT_TRUE(d.expired(now + 100ms));
  EXPECT_EQ(d.remaining(now + 1s), Clock::duration::zero());
}

TEST(Deadline, AfterAZeroOrNegativeBudgetIsAlreadyExpired) {
  const auto now = Clock::now();
  EXPECT_TRUE(Deadline::after(0ms, now).expired(now));
  EXPECT_TRUE(Deadline::after(-5ms, now).expired(now));
}

TEST(Deadline, AHugeBudgetSaturatesToNever) {
  EXPECT_TRUE(Deadline::after(Clock::duration::max()).is_never());
}

TEST(Deadline, EarliestPicksTheSooner) {
  const auto now = Clock::now();
  const auto a = Deadline::after(1s, now);
  const auto b = Deadline::after(2s, now);
  EXPECT_EQ(a.earliest(b), a);
  EXPECT_EQ(b.earliest(a), a);
  EXPECT_EQ(Deadline::never().earliest(b), b);
}

TEST(ScopedDeadline, NarrowsAndRestores) {
  EXPECT_TRUE(current_deadline().is_never());
  const auto outer = Deadline::after(1s);
  {
    const ScopedDeadline scope{outer};
    EXPECT_EQ(current_deadline(), outer);
    {
      const ScopedDeadline wider{Deadline::after(1h)};
      EXPECT_EQ(current_deadline(), outer) << "an inner scope must not loosen an outer deadline";
      const auto inner = Deadline::after(10ms);
      const ScopedDeadline narrower{inner};
      EXPECT_EQ(current_deadline(), inner);
    }
    EXPECT_EQ(current_deadline(), outer);
  }
  EXPECT_TRUE(current_deadline().is_never());
}

}  // namespace
}  // namespace hub::core
