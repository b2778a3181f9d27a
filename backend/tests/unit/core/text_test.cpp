#include "core/text.hpp"

#include <gtest/gtest.h>

namespace hub::core {
namespace {

TEST(PercentDecode, DecodesEscapesAndPlus) {
  EXPECT_EQ(percent_decode("a%20b%2Fc", false), "a b/c");
  EXPECT_EQ(percent_decode("%e2%82%ac", false), "\xE2\x82\xAC");
  EXPECT_EQ(percent_decode("a+b", true), "a b");
  EXPECT_EQ(percent_decode("a+b", false), "a+b");
  EXPECT_EQ(percent_decode("", true), "");
  EXPECT_EQ(percent_decode("%2B", true), "+");
}

TEST(PercentDecode, RejectsBadEscapes) {
  for (const char* bad : {"%", "%4", "abc%", "%zz", "%4g", "%G1", "a%2"}) {
    EXPECT_EQ(percent_decode(bad, true), std::nullopt) << bad;
  }
}

TEST(SplitQuery, KeepsOrderSkipsEmptyItemsAndLeavesEncoding) {
  const auto pairs = split_query("a=1&&b&c=x%20y&a=2&");
  ASSERT_EQ(pairs.size(), 4U);
  EXPECT_EQ(pairs[0], (std::pair<std::string_view, std::string_view>{"a", "1"}));
  EXPECT_EQ(pairs[1], (std::pair<std::string_view, std::string_view>{"b", ""}));
  EXPECT_EQ(pairs[2], (std::pair<std::string_view, std::string_view>{"c", "x%20y"}));
  EXPECT_EQ(pairs[3], (std::pair<std::string_view, std::string_view>{"a", "2"}));
  EXPECT_TRUE(split_query("").empty());
}

TEST(Text, TrimAndLower) {
  EXPECT_EQ(trim(" \t a b \t"), "a b");
  EXPECT_EQ(trim("   "), "");
  EXPECT_EQ(to_lower("Content-TYPE"), "content-type");
}

}  // namespace
}  // namespace hub::core
