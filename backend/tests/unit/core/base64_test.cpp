#include <string>

#include <gtest/gtest.h>

#include "core/base64.hpp"

namespace hub::core {
namespace {

struct Vector {
  std::string_view plain;
  std::string_view encoded;
};

// RFC 4648 section 10.
constexpr Vector kRfcVectors[] = {{"", ""},
                                  {"f", "Zg=="},
                                  {"fo", "Zm8="},
                                  {"foo", "Zm9v"},
                                  {"foob", "Zm9vYg=="},
                                  {"fooba", "Zm9vYmE="},
                                  {"foobar", "Zm9vYmFy"}};

TEST(Base64Test, EncodesRfc4648Vectors) {
  for (const auto& v : kRfcVectors) EXPECT_EQ(base64_encode(v.plain), v.encoded) << v.plain;
}

TEST(Base64Test, DecodesRfc4648Vectors) {
  for (const auto& v : kRfcVectors) {
    const auto decoded = base64_decode(v.encoded);
    ASSERT_TRUE(decoded.has_value()) << v.encoded;
    EXPECT_EQ(*decoded, v.plain);
  }
}

TEST(Base64Test, RoundTripsEveryByteValue) {
  std::string bytes;
  for (int i = 0; i < 256; ++i) bytes.push_back(static_cast<char>(i));
  for (std::size_t length = 0; length <= bytes.size(); length += 37) {
    const auto part = bytes.substr(0, length);
    EXPECT_EQ(base64_decode(base64_encode(part)), part) << length;
  }
  EXPECT_EQ(base64_encode(bytes).find_first_not_of(
                "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/="),
            std::string::npos);
}

TEST(Base64Test, RejectsMalformedInput) {
  for (const std::string_view bad : {"Zg=", "Zg", "Zg=a", "Z===", "====", "Zm9v!A==", "=Zm9", "Zm==Zm9v",
                                     "Zm9v\n", "Zm9-", "Zm9_", "Zh==", "Zm9=" /* unused bits set */}) {
    EXPECT_FALSE(base64_decode(bad).has_value()) << bad;
  }
}

}  // namespace
}  // namespace hub::core
