#include "core/auth/jwt.hpp"

#include <string>

#include <gtest/gtest.h>
#include <boost/json/parse.hpp>

#include "core/auth/strict_json.hpp"
#include "core/base64.hpp"

namespace hub::core::auth {
namespace {

std::string part(std::string_view text) { return core::base64url_encode(text); }

std::string pointer_of(const Result<DecodedJwt>& result) {
  return result.ok() || result.error().fields.empty() ? std::string() : result.error().fields[0].pointer;
}

TEST(StrictJson, RefusesRepeatedMemberNamesAtAnyDepthNamingThem) {
  const auto top = parse_strict_json(R"({"a":1,"b":2,"a":3})", 8);
  ASSERT_FALSE(top.ok());
  EXPECT_EQ(top.error().pointer, "/a");
  EXPECT_EQ(top.error().message, "is a duplicate member name");
  const auto nested = parse_strict_json(R"({"x":[{"k":1},{"k":1,"k":2}]})", 8);
  ASSERT_FALSE(nested.ok());
  EXPECT_EQ(nested.error().pointer, "/x/1/k");
  const auto escaped = parse_strict_json(R"({"a/b":1,"a\/b":2})", 8);
  ASSERT_FALSE(escaped.ok());
  EXPECT_EQ(escaped.error().pointer, "/a~1b");
}

TEST(StrictJson, RefusesNumbersThatOverflowToInfinity) {
  for (const auto* text : {R"({"n":1e309})", R"({"n":-1e400})", R"([1e999])"}) {
    const auto result = parse_strict_json(text, 8);
    ASSERT_FALSE(result.ok()) << text;
    EXPECT_EQ(result.error().message, "is a number out of range");
  }
  EXPECT_EQ(parse_strict_json(R"({"n":[1e309]})", 8).error().pointer, "/n/0");
}

TEST(StrictJson, BoundsNestingAndRefusesWhatJsonDoesNotAllow) {
  EXPECT_TRUE(parse_strict_json("[[[[]]]]", 4).ok());
  EXPECT_EQ(parse_strict_json("[[[[[]]]]]", 4).error().message, "nests too deeply");
  for (const auto* text : {"", "{", R"({"a":1,})", "{} {}", "// c\n{}", "{'a':1}", "\"\xff\"", "NaN"}) {
    EXPECT_FALSE(parse_strict_json(text, 8).ok()) << text;
  }
}

TEST(StrictJson, BuildsTheSameValueAsBoostJson) {
  const std::string text =
      R"({"s":"t\u00e9\n","i":-5,"u":18446744073709551615,"d":1.5,"b":true,"z":null,"a":[1,{"k":"v"}],"o":{}})";
  const auto result = parse_strict_json(text, 8);
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(*result, json::parse(text));
  EXPECT_TRUE(result->as_object().at("u").is_uint64());
  EXPECT_TRUE(result->as_object().at("i").is_int64());
}

TEST(DecodeJwt, KeepsTheSigningInputAndTheDecodedSignature) {
  const std::string token = part(R"({"alg":"RS256"})") + "." + part(R"({"sub":"x"})") + "." + part("sig\x01");
  const auto jwt = decode_jwt(token);
  ASSERT_TRUE(jwt.ok());
  EXPECT_EQ(jwt->header.at("alg"), "RS256");
  EXPECT_EQ(jwt->payload.at("sub"), "x");
  EXPECT_EQ(jwt->signing_input, token.substr(0, token.rfind('.')));
  EXPECT_EQ(jwt->signature, "sig\x01");
}

TEST(DecodeJwt, RefusesEveryMalformedShape) {
  const std::string h = part(R"({"alg":"RS256"})");
  const std::string p = part(R"({"sub":"x"})");
  const std::string s = part("sig");
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"", "/token"},
      {h + "." + p, "/token"},
      {h + "." + p + "." + s + "." + s, "/token"},
      {h + "." + p + "." + s + "." + s + "." + s, "/token"},
      {h + "." + p + ".", "/signature"},
      {"." + p + "." + s, "/header"},
      {h + ".." + s, "/payload"},
      {h + "=." + p + "." + s, "/header"},
      {h + "." + p + "." + s + "=", "/signature"},
      {h + "." + p + "." + "c2l+", "/signature"},
      {h + "." + p + "." + "c2l/", "/signature"},
      {h + "." + p + "." + "c2lnZ", "/signature"},  // a length no base64 text has
      {h + "." + part("[]") + "." + s, "/payload"},
      {part("\"RS256\"") + "." + p + "." + s, "/header"},
      {h + "." + part(R"({"exp":1,"exp":2})") + "." + s, "/payload/exp"},
      {h + "." + part(R"({"secret-name":1,"secret-name":2})") + "." + s, "/payload"},
      {part(R"({"alg":"RS256","alg":"none"})") + "." + p + "." + s, "/header/alg"},
  };
  for (const auto& [token, pointer] : cases) {
    const auto result = decode_jwt(token);
    ASSERT_FALSE(result.ok()) << token;
    EXPECT_EQ(result.error().code, ErrorCode::UNAUTHENTICATED);
    EXPECT_EQ(pointer_of(result), pointer) << token;
  }
}

TEST(DecodeJwt, RefusesNonZeroUnusedBits) {
  // "sig" is 3 bytes (no unused bits); "si" is 2 bytes: "c2k" has 2 unused bits, "c2l" sets one.
  const std::string h = part(R"({"alg":"RS256"})");
  const std::string p = part(R"({"sub":"x"})");
  EXPECT_TRUE(decode_jwt(h + "." + p + ".c2k").ok());
  EXPECT_EQ(pointer_of(decode_jwt(h + "." + p + ".c2l")), "/signature");
}

TEST(DecodeJwt, CapsTheSizeBeforeLookingAtTheText) {
  const std::string token = part(R"({"alg":"RS256"})") + "." + part(R"({"sub":"x"})") + "." + part("sig");
  EXPECT_TRUE(decode_jwt(token, token.size()).ok());
  const auto too_big = decode_jwt(token, token.size() - 1);
  ASSERT_FALSE(too_big.ok());
  EXPECT_EQ(pointer_of(too_big), "/token");
  EXPECT_EQ(pointer_of(decode_jwt(std::string(kMaxTokenBytes + 1, 'a'))), "/token");
}

}  // namespace
}  // namespace hub::core::auth
