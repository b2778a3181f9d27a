// CRC-32 as DynamoDB sends it in x-amz-crc32: the IEEE polynomial, as zlib computes it.
#include <string>

#include <gtest/gtest.h>

#include "aws/crc32.hpp"

namespace hub::aws {
namespace {

TEST(Crc32, CheckValueOfTheStandard) { EXPECT_EQ(crc32("123456789"), 0xCBF43926U); }

TEST(Crc32, EmptyInputIsZero) { EXPECT_EQ(crc32(""), 0U); }

TEST(Crc32, WellKnownSentence) {
  EXPECT_EQ(crc32("The quick brown fox jumps over the lazy dog"), 0x414FA339U);
}

// The header DynamoDB sends is the decimal CRC of the body bytes exactly as received.
TEST(Crc32, DynamoDbResponseBodies) {
  EXPECT_EQ(crc32("{}"), 2745614147U);  // an empty PutItem response
  EXPECT_EQ(crc32(R"({"Item":{"id":{"S":"u-1"},"n":{"N":"42"}}})"), 4034347604U);
  EXPECT_EQ(crc32(R"({"__type":"com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException",)"
                  R"("message":"The conditional request failed"})"),
            396270901U);
}

TEST(Crc32, BinaryBytesAndEmbeddedZeros) {
  const std::string bytes{"\x00\xff\x80\x00", 4};
  EXPECT_EQ(crc32(bytes), 2757718970U);
  EXPECT_NE(crc32(bytes), crc32(bytes.substr(0, 3)));  // the trailing zero byte counts
}

}  // namespace
}  // namespace hub::aws
