#include <chrono>
#include <set>
#include <string>

#include <gtest/gtest.h>

#include "core/clock.hpp"
#include "core/ulid.hpp"

namespace hub::core {
namespace {

using namespace std::chrono;
constexpr std::string_view kAlphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

TEST(Ulid, Has26CharactersFromTheCrockfordAlphabet) {
  for (int i = 0; i < 200; ++i) {
    const auto id = new_ulid();
    ASSERT_EQ(id.size(), 26U) << id;
    for (char c : id) EXPECT_NE(kAlphabet.find(c), std::string_view::npos) << id;
    EXPECT_LE(id[0], '7') << id;
    EXPECT_TRUE(is_ulid(id)) << id;
  }
}

TEST(Ulid, EncodesTheTimestampInTheFirstTenCharacters) {
  // The ULID spec's example time.
  const SystemTime t{milliseconds{1469918176385}};
  EXPECT_EQ(new_ulid(t).substr(0, 10), "01ARYZ6S41");
  EXPECT_EQ(new_ulid(SystemTime{}).substr(0, 10), "0000000000");
}

TEST(Ulid, RandomPartDiffers) {
  const SystemTime t{milliseconds{1'700'000'000'000}};
  std::set<std::string> seen;
  for (int i = 0; i < 1000; ++i) seen.insert(new_ulid(t));
  EXPECT_EQ(seen.size(), 1000U);
}

TEST(Ulid, OrderedByTimeAcrossMilliseconds) {
  const SystemTime base{milliseconds{1'700'000'000'000}};
  std::string previous = new_ulid(base);
  for (int ms = 1; ms < 300; ++ms) {
    const std::string next = new_ulid(base + milliseconds{ms});
    EXPECT_LT(previous, next) << "at +" << ms << " ms";
    previous = next;
  }
  // Far-apart times too (carry across many characters).
  EXPECT_LT(new_ulid(SystemTime{milliseconds{0x0000FFFFFFFF}}),
            new_ulid(SystemTime{milliseconds{0x000100000000}}));
}

TEST(Ulid, IsUlidAcceptsAndRejects) {
  EXPECT_TRUE(is_ulid("01ARZ3NDEKTSV4RRFFQ69G5FAV"));
  EXPECT_TRUE(is_ulid("7ZZZZZZZZZZZZZZZZZZZZZZZZZ"));
  EXPECT_FALSE(is_ulid(""));
  EXPECT_FALSE(is_ulid("01ARZ3NDEKTSV4RRFFQ69G5FA"));    // 25
  EXPECT_FALSE(is_ulid("01ARZ3NDEKTSV4RRFFQ69G5FAVX"));  // 27
  EXPECT_FALSE(is_ulid("81ARZ3NDEKTSV4RRFFQ69G5FAV"));   // overflows 128 bits
  EXPECT_FALSE(is_ulid("01arz3ndektsv4rrffq69g5fav"));   // lower case
  EXPECT_FALSE(is_ulid("01ARZ3NDEKTSV4RRFFQ69G5FAI"));   // I not in alphabet
  EXPECT_FALSE(is_ulid("01ARZ3NDEKTSV4RRFFQ69G5FAL"));
  EXPECT_FALSE(is_ulid("01ARZ3NDEKTSV4RRFFQ69G5FAO"));
  EXPECT_FALSE(is_ulid("01ARZ3NDEKTSV4RRFFQ69G5FAU"));
  EXPECT_FALSE(is_ulid("01ARZ3NDEKTSV4RRFFQ69G5FA-"));
}

TEST(Clock, Rfc3339ExactFormat) {
  const SystemTime t =
      sys_days{year{2026} / November / 24} + hours{5} + minutes{26} + seconds{57} + milliseconds{123};
  EXPECT_EQ(to_rfc3339(t), "2026-11-24T05:26:57.123Z");
  EXPECT_EQ(to_rfc3339(SystemTime{}), "1970-01-01T00:00:00.000Z");
  // Sub-millisecond precision is truncated, never rounded up into the next second.
  EXPECT_EQ(to_rfc3339(sys_days{year{2000} / January / 1} + microseconds{999}), "2000-01-01T00:00:00.000Z");
  EXPECT_EQ(to_rfc3339(sys_days{year{2024} / February / 29} + hours{23} + minutes{59} + seconds{59} +
                       milliseconds{999}),
            "2024-02-29T23:59:59.999Z");
}

TEST(Clock, SystemClockIsNow) {
  const auto before = system_clock::now();
  const auto now = SystemClock::instance().now();
  const auto after = system_clock::now();
  EXPECT_LE(before, now);
  EXPECT_LE(now, after);
  EXPECT_EQ(&SystemClock::instance(), &SystemClock::instance());
}

}  // namespace
}  // namespace hub::core
