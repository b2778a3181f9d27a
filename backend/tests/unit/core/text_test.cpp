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

TEST(Utf8, LengthCountsCharactersNotBytes) {
  EXPECT_EQ(utf8_length(""), 0U);
  EXPECT_EQ(utf8_length("abc"), 3U);
  EXPECT_EQ(utf8_length("caf\xC3\xA9"), 4U);                       // é: 2 bytes
  EXPECT_EQ(utf8_length("\xF0\x9F\x8C\x8D\xF0\x9F\x8C\x8D"), 2U);  // 🌍🌍: 4 bytes each
}

TEST(Utf8, PrefixCutsOnACharacterBoundary) {
  EXPECT_EQ(utf8_prefix("abc", 2), "ab");
  EXPECT_EQ(utf8_prefix("abc", 5), "abc");
  EXPECT_EQ(utf8_prefix("\xC3\xA9\xC3\xA9\xC3\xA9", 2), "\xC3\xA9\xC3\xA9");
  EXPECT_EQ(utf8_prefix("\xF0\x9F\x8C\x8Dx", 1), "\xF0\x9F\x8C\x8D");
  EXPECT_EQ(utf8_prefix("abc", 0), "");
}

}  // namespace
}  // namespace hub::core
