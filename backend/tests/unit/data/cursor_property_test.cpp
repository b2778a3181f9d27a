// Property tests (RapidCheck): any key survives a cursor, and no change to a valid cursor (one
// character, one byte of what it carries, a cut, an extension) gets past decode.
#include <array>
#include <cstddef>
#include <cstdint>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>
#include <boost/json/serialize.hpp>

#include "aws/dynamodb_json.hpp"
#include "core/base64.hpp"
#include "data/cursor.hpp"
#include "data/keys.hpp"
#include "support/utf8_gen.hpp"

namespace hub::aws {

// How RapidCheck prints a counterexample key (found by argument-dependent lookup).
void showValue(const Item& item, std::ostream& os) { os << boost::json::serialize(to_json(item)); }

}  // namespace hub::aws

namespace hub::data {
namespace {

namespace gen = rc::gen;
using aws::AttributeValue;

constexpr std::string_view kFingerprint = "innovation-hub\nGSI1\nGSI1PK = :pk\n\n{}\n\nasc";
constexpr std::array<std::string_view, 4> kGsi1Key{keys::kPk, keys::kSk, keys::kGsi1Pk, keys::kGsi1Sk};
constexpr std::size_t kMaxKeyChars = 40;  // keeps every generated cursor under the length limit

// Key values as the table may hold them: mostly the ASCII of our patterns (USER#, ULIDs,
// timestamps), sometimes any Unicode scalar value, control characters and quotes included.
rc::Gen<std::string> key_text() {
  return gen::mapcat(gen::inRange<std::size_t>(1, kMaxKeyChars + 1), [](std::size_t n) {
    return gen::map(gen::container<std::vector<std::uint32_t>>(n, hub::testing::code_point(8)),
                    hub::testing::to_utf8);
  });
}

rc::Gen<aws::Item> gsi1_key() {
  return gen::map(gen::tuple(key_text(), key_text(), key_text(), key_text()), [](const auto& parts) {
    const auto& [pk, sk, gsi_pk, gsi_sk] = parts;
    return aws::Item{{"PK", AttributeValue::S(pk)},
                     {"SK", AttributeValue::S(sk)},
                     {"GSI1PK", AttributeValue::S(gsi_pk)},
                     {"GSI1SK", AttributeValue::S(gsi_sk)}};
  });
}

rc::Gen<std::string> codec_key() { return gen::nonEmpty(gen::arbitrary<std::string>()); }

bool rejected(const Result<aws::Item>& decoded) {
  return !decoded.ok() && decoded.error().code == ErrorCode::INVALID_CURSOR;
}

RC_GTEST_PROP(CursorProperty, AnyKeyRoundTrips, ()) {
  const CursorCodec codec{*codec_key()};
  const auto key = *gsi1_key();
  const auto cursor = codec.encode(key, kFingerprint);
  RC_ASSERT(cursor.size() <= CursorCodec::kMaxCursorLength);
  const auto decoded = codec.decode(cursor, kFingerprint, kGsi1Key);
  if (!decoded.ok()) RC_FAIL(decoded.error().detail);
  RC_ASSERT(decoded.value() == key);
}

RC_GTEST_PROP(CursorProperty, AnyCharacterChangedIsRejected, ()) {
  const CursorCodec codec{*codec_key()};
  std::string cursor = codec.encode(*gsi1_key(), kFingerprint);
  const auto at = *gen::inRange<std::size_t>(0, cursor.size());
  const auto replacement = *gen::suchThat(gen::arbitrary<char>(), [&](char c) { return c != cursor[at]; });
  cursor[at] = replacement;
  RC_ASSERT(rejected(codec.decode(cursor, kFingerprint, kGsi1Key)));
}

// A byte changed under the base64url (a flipped bit in the format, fingerprint, key text or MAC),
// then encoded canonically again: only the MAC can catch it, and it must.
RC_GTEST_PROP(CursorProperty, AnyByteChangedIsRejected, ()) {
  const CursorCodec codec{*codec_key()};
  auto raw = core::base64url_decode(codec.encode(*gsi1_key(), kFingerprint));
  RC_ASSERT(raw.has_value());
  const auto at = *gen::inRange<std::size_t>(0, raw->size());
  const auto flip = *gen::inRange<int>(1, 256);
  (*raw)[at] = static_cast<char>(static_cast<unsigned char>((*raw)[at]) ^ static_cast<unsigned>(flip));
  RC_ASSERT(rejected(codec.decode(core::base64url_encode(*raw), kFingerprint, kGsi1Key)));
}

RC_GTEST_PROP(CursorProperty, AnyTruncationIsRejected, ()) {
  const CursorCodec codec{*codec_key()};
  const auto cursor = codec.encode(*gsi1_key(), kFingerprint);
  const auto length = *gen::inRange<std::size_t>(0, cursor.size());
  RC_ASSERT(rejected(codec.decode(cursor.substr(0, length), kFingerprint, kGsi1Key)));
  // Cut at the front as well: the format byte and fingerprint move.
  RC_ASSERT(rejected(codec.decode(cursor.substr(cursor.size() - length), kFingerprint, kGsi1Key)));
}

RC_GTEST_PROP(CursorProperty, AnyExtensionIsRejected, ()) {
  const CursorCodec codec{*codec_key()};
  const auto cursor = codec.encode(*gsi1_key(), kFingerprint);
  const auto alphabet =
      gen::elementOf(std::string_view{"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"});
  const auto tail = *gen::nonEmpty(
      gen::oneOf(gen::container<std::string>(alphabet), gen::container<std::string>(gen::arbitrary<char>())));
  RC_ASSERT(rejected(codec.decode(cursor + tail, kFingerprint, kGsi1Key)));
  RC_ASSERT(rejected(codec.decode(tail + cursor, kFingerprint, kGsi1Key)));
}

RC_GTEST_PROP(CursorProperty, AnotherKeyOrListingIsRejected, ()) {
  const auto key = *codec_key();
  const auto other_key = *gen::suchThat(codec_key(), [&](const std::string& k) { return k != key; });
  const CursorCodec codec{key};
  const auto cursor = codec.encode(*gsi1_key(), kFingerprint);
  RC_ASSERT(rejected(CursorCodec{other_key}.decode(cursor, kFingerprint, kGsi1Key)));
  const auto other_listing =
      *gen::suchThat(gen::arbitrary<std::string>(), [](const std::string& f) { return f != kFingerprint; });
  RC_ASSERT(rejected(codec.decode(cursor, other_listing, kGsi1Key)));
}

}  // namespace
}  // namespace hub::data
