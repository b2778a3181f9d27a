// Pagination cursors: what a valid one decodes to, and that every way of getting one wrong (other
// key, other listing, other format, altered, cut, padded, too long, holding the wrong key
// attributes) is the same INVALID_CURSOR pointing at /query/cursor. Also the page-size limits.
#include <array>
#include <climits>
#include <cstdint>
#include <string>
#include <string_view>

#include <gtest/gtest.h>

#include "aws/crypto.hpp"
#include "aws/dynamodb_client.hpp"
#include "aws/http_transport.hpp"
#include "aws/json_service_client.hpp"
#include "aws/retry.hpp"
#include "core/base64.hpp"
#include "data/cursor.hpp"
#include "data/keys.hpp"
#include "data/listing.hpp"
#include "data/page.hpp"
#include "data/table.hpp"

namespace hub::data {
namespace {

using aws::AttributeValue;

constexpr std::string_view kKey = "cursor-test-key-0123456789abcdef";
constexpr std::string_view kFingerprint = "table\n\nPK = :pk\n\n{\":pk\":{\"S\":\"USER#1\"}}\n\ndesc";
constexpr std::array<std::string_view, 2> kTableKey{keys::kPk, keys::kSk};
constexpr std::array<std::string_view, 4> kGsi1Key{keys::kPk, keys::kSk, keys::kGsi1Pk, keys::kGsi1Sk};

aws::Item table_key(std::string pk, std::string sk) {
  return {{"PK", AttributeValue::S(std::move(pk))}, {"SK", AttributeValue::S(std::move(sk))}};
}

aws::Item activity_key() { return table_key("USER#a1b2c3", "ACTIVITY#01JD3ZQ6X4M8V2K9T5R7W1Y3B6"); }

void expect_invalid_cursor(const Result<aws::Item>& decoded, std::string_view what) {
  ASSERT_FALSE(decoded.ok()) << what << ": accepted";
  EXPECT_EQ(decoded.error().code, ErrorCode::INVALID_CURSOR) << what;
  ASSERT_EQ(decoded.error().fields.size(), 1U) << what;
  EXPECT_EQ(decoded.error().fields[0].pointer, "/query/cursor") << what;
}

// A cursor assembled by hand, laid out as cursor.hpp describes, signed with `key`: lets a test
// change one part (the format byte, the key text) and keep the rest valid.
std::string assemble(std::uint8_t format, std::string_view fingerprint, std::string_view key_json,
                     std::string_view key = kKey) {
  std::string payload(1, static_cast<char>(format));
  const auto digest = aws::sha256(fingerprint);
  payload.append(digest.begin(), digest.begin() + 16);
  payload += key_json;
  const auto mac = aws::hmac_sha256(key, payload);
  payload.append(mac.begin(), mac.end());
  return core::base64url_encode(payload);
}

constexpr std::string_view kActivityKeyJson =
    R"({"PK":{"S":"USER#a1b2c3"},"SK":{"S":"ACTIVITY#01JD3ZQ6X4M8V2K9T5R7W1Y3B6"}})";

TEST(CursorTest, RoundTripsATableKey) {
  const CursorCodec codec{std::string(kKey)};
  const auto cursor = codec.encode(activity_key(), kFingerprint);
  const auto decoded = codec.decode(cursor, kFingerprint, kTableKey);
  ASSERT_TRUE(decoded.ok()) << decoded.error().detail;
  EXPECT_EQ(decoded.value(), activity_key());
}

TEST(CursorTest, RoundTripsAnIndexKey) {
  const CursorCodec codec{std::string(kKey)};
  aws::Item key = table_key("FEEDBACK#01JD3ZQ6X4M8V2K9T5R7W1Y3B6", "FEEDBACK");
  key.emplace("GSI1PK", AttributeValue::S("FEEDBACK"));
  key.emplace("GSI1SK", AttributeValue::S("01JD3ZQ6X4M8V2K9T5R7W1Y3B6"));
  const auto decoded = codec.decode(codec.encode(key, kFingerprint), kFingerprint, kGsi1Key);
  ASSERT_TRUE(decoded.ok()) << decoded.error().detail;
  EXPECT_EQ(decoded.value(), key);
}

TEST(CursorTest, IsUrlSafeText) {
  const CursorCodec codec{std::string(kKey)};
  const auto cursor = codec.encode(activity_key(), kFingerprint);
  EXPECT_EQ(cursor.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"),
            std::string::npos)
      << cursor;
  EXPECT_EQ(cursor, assemble(1, kFingerprint, kActivityKeyJson)) << "the documented layout";
}

TEST(CursorTest, AnotherKeyIsRejected) {
  const CursorCodec codec{std::string(kKey)};
  const CursorCodec rotated{"another-key-0123456789abcdef0123"};
  expect_invalid_cursor(rotated.decode(codec.encode(activity_key(), kFingerprint), kFingerprint, kTableKey),
                        "signed with another key");
}

TEST(CursorTest, AnotherListingIsRejected) {
  const CursorCodec codec{std::string(kKey)};
  const auto cursor = codec.encode(activity_key(), kFingerprint);
  std::string other{kFingerprint};
  other.back() = 'x';
  expect_invalid_cursor(codec.decode(cursor, other, kTableKey), "another fingerprint");
  expect_invalid_cursor(codec.decode(cursor, "", kTableKey), "an empty fingerprint");
}

TEST(CursorTest, AnotherFormatIsRejected) {
  const CursorCodec codec{std::string(kKey)};
  ASSERT_TRUE(codec.decode(assemble(1, kFingerprint, kActivityKeyJson), kFingerprint, kTableKey).ok());
  for (const int format : {0, 2, 255}) {
    expect_invalid_cursor(
        codec.decode(assemble(static_cast<std::uint8_t>(format), kFingerprint, kActivityKeyJson),
                     kFingerprint, kTableKey),
        "format " + std::to_string(format));
  }
}

TEST(CursorTest, EmptyAndGarbageAreRejected) {
  const CursorCodec codec{std::string(kKey)};
  expect_invalid_cursor(codec.decode("", kFingerprint, kTableKey), "empty");
  expect_invalid_cursor(codec.decode("not a cursor", kFingerprint, kTableKey), "spaces");
  expect_invalid_cursor(codec.decode("AAAA", kFingerprint, kTableKey), "three zero bytes");
  expect_invalid_cursor(codec.decode(std::string(120, 'A'), kFingerprint, kTableKey), "zero bytes");
}

TEST(CursorTest, TruncatedCursorsAreRejected) {
  const CursorCodec codec{std::string(kKey)};
  const auto cursor = codec.encode(activity_key(), kFingerprint);
  for (std::size_t length = 0; length < cursor.size(); ++length) {
    expect_invalid_cursor(codec.decode(cursor.substr(0, length), kFingerprint, kTableKey),
                          "first " + std::to_string(length) + " characters");
  }
  expect_invalid_cursor(codec.decode(cursor.substr(1), kFingerprint, kTableKey), "first character dropped");
}

// One text per cursor: padding, the standard alphabet and stray low bits are all refused, so a
// cursor cannot be varied into a second spelling that decodes to the same bytes.
TEST(CursorTest, NonCanonicalBase64urlIsRejected) {
  const CursorCodec codec{std::string(kKey)};
  constexpr std::string_view kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  bool padded = false;
  bool low_bits = false;
  bool standard_alphabet = false;
  for (int n = 0; n < 64 && !(padded && low_bits && standard_alphabet); ++n) {
    const auto key = table_key("USER#" + std::string(static_cast<std::size_t>(n), 'u'), "PROFILE");
    const auto cursor = codec.encode(key, kFingerprint);
    ASSERT_TRUE(codec.decode(cursor, kFingerprint, kTableKey).ok());
    if (cursor.size() % 4 != 0) {
      padded = true;
      const std::string with_padding = cursor + std::string(4 - cursor.size() % 4, '=');
      expect_invalid_cursor(codec.decode(with_padding, kFingerprint, kTableKey), "padded");
      // The last character carries bits beyond the last byte; setting the lowest one keeps the
      // bytes and must still be refused.
      low_bits = true;
      std::string stray = cursor;
      const auto index = kAlphabet.find(stray.back());
      stray.back() = kAlphabet[index ^ 1U];
      expect_invalid_cursor(codec.decode(stray, kFingerprint, kTableKey), "stray low bits");
    }
    if (const auto at = cursor.find_first_of("-_"); at != std::string::npos) {
      standard_alphabet = true;
      std::string standard = cursor;
      standard[at] = standard[at] == '-' ? '+' : '/';
      expect_invalid_cursor(codec.decode(standard, kFingerprint, kTableKey), "standard base64 alphabet");
    }
  }
  EXPECT_TRUE(padded && low_bits && standard_alphabet) << "some forms were never produced";
}

TEST(CursorTest, OverLongCursorsAreRejected) {
  const CursorCodec codec{std::string(kKey)};
  // Validly signed, but longer than any listing issues.
  const auto long_key = table_key("USER#1", std::string(1600, 's'));
  const auto cursor = codec.encode(long_key, kFingerprint);
  ASSERT_GT(cursor.size(), CursorCodec::kMaxCursorLength);
  expect_invalid_cursor(codec.decode(cursor, kFingerprint, kTableKey), "over-long, validly signed");
  expect_invalid_cursor(
      codec.decode(std::string(CursorCodec::kMaxCursorLength + 1, 'A'), kFingerprint, kTableKey),
      "over-long garbage");

  const auto longest = table_key("USER#1", std::string(1400, 's'));
  const auto fits = codec.encode(longest, kFingerprint);
  ASSERT_LE(fits.size(), CursorCodec::kMaxCursorLength);
  EXPECT_TRUE(codec.decode(fits, kFingerprint, kTableKey).ok());
}

TEST(CursorTest, KeyAttributesMustBeExactlyTheListingsStrings) {
  const CursorCodec codec{std::string(kKey)};
  const auto decode = [&](const aws::Item& key) {
    return codec.decode(codec.encode(key, kFingerprint), kFingerprint, kTableKey);
  };
  expect_invalid_cursor(decode({{"PK", AttributeValue::S("USER#1")}}), "SK missing");
  expect_invalid_cursor(decode({}), "no attributes");
  auto extra = activity_key();
  extra.emplace("GSI1PK", AttributeValue::S("USERS"));
  expect_invalid_cursor(decode(extra), "an extra attribute");
  expect_invalid_cursor(decode({{"PK", AttributeValue::S("USER#1")}, {"sk", AttributeValue::S("PROFILE")}}),
                        "SK misspelt");
  expect_invalid_cursor(decode({{"PK", AttributeValue::S("USER#1")}, {"SK", AttributeValue::N(7)}}),
                        "SK a number");
  expect_invalid_cursor(decode({{"PK", AttributeValue::B("USER#1")}, {"SK", AttributeValue::S("PROFILE")}}),
                        "PK binary");
  expect_invalid_cursor(decode({{"PK", AttributeValue::S("USER#1")}, {"SK", AttributeValue::NUL()}}),
                        "SK null");
  // A table key where the listing runs on GSI1.
  expect_invalid_cursor(codec.decode(codec.encode(activity_key(), kFingerprint), kFingerprint, kGsi1Key),
                        "table key for an index listing");
}

TEST(CursorTest, SignedButMalformedKeyTextIsRejected) {
  const CursorCodec codec{std::string(kKey)};
  expect_invalid_cursor(codec.decode(assemble(1, kFingerprint, "{\"PK\":"), kFingerprint, kTableKey),
                        "cut JSON");
  expect_invalid_cursor(codec.decode(assemble(1, kFingerprint, "[1,2]"), kFingerprint, kTableKey),
                        "an array");
  expect_invalid_cursor(codec.decode(assemble(1, kFingerprint, R"({"PK":{"S":"USER#1"},"SK":{"Q":"x"}})"),
                                     kFingerprint, kTableKey),
                        "an unknown attribute type");
  expect_invalid_cursor(codec.decode(assemble(1, kFingerprint, ""), kFingerprint, kTableKey), "no key text");
}

TEST(CursorTest, TheErrorSaysToStartAgain) {
  const auto error = invalid_cursor_error();
  EXPECT_EQ(error.code, ErrorCode::INVALID_CURSOR);
  EXPECT_EQ(http_status(error.code), 400);
  EXPECT_NE(error.detail.find("start again"), std::string::npos) << error.detail;
  ASSERT_EQ(error.fields.size(), 1U);
  EXPECT_EQ(error.fields[0].pointer, "/query/cursor");
}

// ---- the limits of a page --------------------------------------------------------------------

TEST(PageRequestTest, AcceptsOneToAHundred) {
  EXPECT_EQ(PageRequest{}.limit, kDefaultPageSize);
  EXPECT_EQ(kDefaultPageSize, 20);
  EXPECT_EQ(kMaxPageSize, 100);
  for (const int limit : {1, 2, 20, 99, 100}) {
    EXPECT_TRUE(check_page_request({.limit = limit, .cursor = {}}).ok()) << limit;
  }
}

TEST(PageRequestTest, RejectsOtherLimits) {
  for (const int limit : {0, -1, 101, 1000, INT_MIN, INT_MAX}) {
    const auto checked = check_page_request({.limit = limit, .cursor = {}});
    ASSERT_FALSE(checked.ok()) << limit;
    EXPECT_EQ(checked.error().code, ErrorCode::INVALID_PARAMETER) << limit;
    ASSERT_EQ(checked.error().fields.size(), 1U);
    EXPECT_EQ(checked.error().fields[0].pointer, "/query/limit");
    EXPECT_EQ(checked.error().fields[0].message, "must be an integer from 1 to 100");
  }
}

// ---- what a cursor is bound to ------------------------------------------------------------------

// fingerprint() needs a Table, which needs a client; nothing here sends a request.
class NoNetwork final : public aws::HttpTransport {
 public:
  aws::AwsResult<aws::HttpResponse> send(const aws::HttpRequest& /*request*/,
                                         const aws::SendOptions& /*options*/) override {
    ADD_FAILURE() << "no request expected";
    return aws::HttpResponse{.status = 500, .headers = {}, .body = {}};
  }
};

class FingerprintTest : public ::testing::Test {
 protected:
  NoNetwork transport_;
  aws::RetryQuota quota_;
  aws::dynamodb::DynamoDbClient client_{
      aws::JsonServiceClient{aws::dynamodb_spec(), settings(), transport_, quota_}};
  Table table_{client_, "innovation-hub", std::string(kKey)};

  static aws::ClientSettings settings() {
    aws::ClientSettings s;
    s.endpoint = "http://127.0.0.1:9";
    s.region = "us-east-1";
    return s;
  }

  static Listing activity(std::string_view user) {
    return {.index = "",
            .key_condition = "PK = :pk AND begins_with(SK, :prefix)",
            .expressions = {.condition = {},
                            .names = {},
                            .values = {{":pk", AttributeValue::S(keys::user_pk(user))},
                                       {":prefix", AttributeValue::S(std::string(keys::kActivityPrefix))}}},
            .descending = true};
  }
};

TEST_F(FingerprintTest, NamesEveryPartOfTheListing) {
  const auto base = fingerprint(table_, activity("a1"));
  EXPECT_EQ(base, fingerprint(table_, activity("a1"))) << "stable";

  EXPECT_NE(base, fingerprint(table_, activity("a2"))) << "another partition";
  auto ascending = activity("a1");
  ascending.descending = false;
  EXPECT_NE(base, fingerprint(table_, ascending)) << "another direction";
  auto filtered = activity("a1");
  filtered.expressions.condition = "#a = :a";
  filtered.expressions.names = {{"#a", "action"}};
  filtered.expressions.values.emplace(":a", AttributeValue::S("profile.updated"));
  EXPECT_NE(base, fingerprint(table_, filtered)) << "a filter";
  auto other_value = filtered;
  other_value.expressions.values.insert_or_assign(":a", AttributeValue::S("feedback.sent"));
  EXPECT_NE(fingerprint(table_, filtered), fingerprint(table_, other_value)) << "another filter value";
  auto other_name = filtered;
  other_name.expressions.names = {{"#a", "target"}};
  EXPECT_NE(fingerprint(table_, filtered), fingerprint(table_, other_name)) << "another filter attribute";
  auto indexed = activity("a1");
  indexed.index = keys::kGsi1;
  EXPECT_NE(base, fingerprint(table_, indexed)) << "another index";
  auto condition = activity("a1");
  condition.key_condition = "PK = :pk AND SK >= :prefix";
  EXPECT_NE(base, fingerprint(table_, condition)) << "another key condition";

  const Table other_table{client_, "innovation-hub-staging", std::string(kKey)};
  EXPECT_NE(base, fingerprint(other_table, activity("a1"))) << "another table";
}

TEST(KeyOfTest, KeepsTheKeyAttributesOfTheIndex) {
  aws::Item item = activity_key();
  item.emplace("GSI1PK", AttributeValue::S("FEEDBACK"));
  item.emplace("GSI1SK", AttributeValue::S("01JD3ZQ6X4M8V2K9T5R7W1Y3B6"));
  item.emplace("GSI2PK", AttributeValue::S("FEEDBACK#STATUS#new"));
  item.emplace("GSI2SK", AttributeValue::S("01JD3ZQ6X4M8V2K9T5R7W1Y3B6"));
  item.emplace("message", AttributeValue::S("hello"));
  EXPECT_EQ(key_of(item, ""), activity_key());
  const auto gsi1 = key_of(item, keys::kGsi1);
  EXPECT_EQ(gsi1.size(), 4U);
  EXPECT_TRUE(gsi1.contains("GSI1PK") && gsi1.contains("GSI1SK") && !gsi1.contains("GSI2PK"));
  const auto gsi2 = key_of(item, keys::kGsi2);
  EXPECT_EQ(gsi2.size(), 4U);
  EXPECT_TRUE(gsi2.contains("GSI2PK") && gsi2.contains("GSI2SK") && !gsi2.contains("GSI1PK"));
}

}  // namespace
}  // namespace hub::data
