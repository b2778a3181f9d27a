#include "core/auth/jwk.hpp"

#include <string>

#include <gtest/gtest.h>

#include "core/base64.hpp"
#include "core/json.hpp"
#include "support/jwt_forge.hpp"

namespace hub::core::auth {
namespace {

using testing::RsaSigner;

const RsaSigner& signer() {
  static const RsaSigner instance("key-a");
  return instance;
}

std::string pointer_of(const Result<KeySet>& result) {
  return result.ok() || result.error().fields.empty() ? std::string() : result.error().fields[0].pointer;
}

// A JWKS holding the good key plus `extra` (a variant of it under another kid).
std::string with_key(json::object extra) {
  return testing::jwks_document({signer().public_jwk(), std::move(extra)});
}

json::object variant(std::string_view member, json::value value) {
  json::object key = signer().public_jwk();
  key["kid"] = "key-b";
  key[member] = std::move(value);
  return key;
}

json::object variant_text(std::string_view member, std::string_view value) {
  return variant(member, json::value(value));
}

json::object variant_without(std::string_view member) {
  json::object key = signer().public_jwk();
  key["kid"] = "key-b";
  key.erase(member);
  return key;
}

TEST(ParseJwks, ReadsRsaKeysAndSkipsOthers) {
  json::object ec{{"kty", "EC"}, {"kid", "ec-1"}, {"crv", "P-256"}, {"x", "AA"}, {"y", "AA"}};
  const auto keys = parse_jwks(testing::jwks_document({signer().public_jwk(), ec, variant_without("alg")}));
  ASSERT_TRUE(keys.ok()) << pointer_of(keys);
  ASSERT_EQ(keys->size(), 2U);
  EXPECT_EQ((*keys)[0]->kid(), "key-a");
  EXPECT_EQ((*keys)[0]->alg(), "RS256");
  EXPECT_EQ((*keys)[0]->signature_size(), 256U);
  EXPECT_EQ((*keys)[1]->kid(), "key-b");
  EXPECT_FALSE((*keys)[1]->alg().has_value());
}

TEST(VerificationKey, VerifiesOnlyItsOwnSignaturesWithTheNamedDigest) {
  const auto keys = parse_jwks(testing::jwks_document({signer().public_jwk()}));
  ASSERT_TRUE(keys.ok());
  const auto& key = *(*keys)[0];
  const std::string input = "header.payload";
  EXPECT_TRUE(key.verify("RS256", input, signer().sign(input)));
  EXPECT_TRUE(key.verify("RS512", input, signer().sign(input, "RS512")));
  EXPECT_FALSE(key.verify("RS384", input, signer().sign(input)));
  EXPECT_FALSE(key.verify("RS256", input + "x", signer().sign(input)));
  EXPECT_FALSE(key.verify("HS256", input, signer().sign(input)));
  EXPECT_FALSE(key.verify("RS256", input, std::string(64, '\0')));
  EXPECT_FALSE(key.verify("RS256", input, std::string(256, '\0')));
  EXPECT_FALSE(key.verify("RS256", input, signer().sign(input) + '\0'));
}

TEST(ParseJwks, RefusesBadDocumentsNamingTheProblem) {
  const RsaSigner small("small", 1024);
  const std::string n = core::base64url_encode(signer().modulus());
  const std::string padded_n = core::base64url_encode(std::string(1, '\0') + signer().modulus());
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"", ""},
      {"[]", "/keys"},
      {R"({"keys":{}})", "/keys"},
      {R"({"keys":[]})", "/keys"},
      {R"({"keys":[1]})", "/keys/0"},
      {R"({"keys":[{"kid":"k"}]})", "/keys/0/kty"},
      {R"({"keys":[],"keys":[]})", "/keys"},
      {with_key(variant("kid", "key-a")), "/keys/1/kid"},
      {with_key(variant("kid", "")), "/keys/1/kid"},
      {with_key(variant_text("kid", std::string(257, 'k'))), "/keys/1/kid"},
      {with_key(variant("kid", 7)), "/keys/1/kid"},
      {with_key(variant_without("kid")), "/keys/1/kid"},
      {testing::jwks_document({small.public_jwk()}), "/keys/0/n"},
      {with_key(variant("use", "enc")), "/keys/1/use"},
      {with_key(variant("alg", "HS256")), "/keys/1/alg"},
      {with_key(variant("alg", "none")), "/keys/1/alg"},
      {with_key(variant("key_ops", json::array{"sign"})), "/keys/1/key_ops"},
      {with_key(variant("key_ops", "verify")), "/keys/1/key_ops"},
      {with_key(variant("d", "AQAB")), "/keys/1/d"},
      {with_key(variant_text("n", n + "=")), "/keys/1/n"},
      {with_key(variant_text("n", padded_n)), "/keys/1/n"},
      {with_key(variant_text("n", core::base64_encode(signer().modulus()))), "/keys/1/n"},
      {with_key(variant("n", 12345)), "/keys/1/n"},
      {with_key(variant_without("n")), "/keys/1/n"},
      {with_key(variant_text("n", core::base64url_encode(std::string(1100, '\x7f')))), "/keys/1/n"},
      {with_key(variant("e", "AQ")), "/keys/1/e"},
      {with_key(variant("e", "AAEAAQ")), "/keys/1/e"},
      {with_key(variant("e", "AQAA")), "/keys/1/e"},
      {with_key(variant("e", "AQAAAAE")), "/keys/1/e"},
  };
  for (const auto& [document, pointer] : cases) {
    const auto result = parse_jwks(document);
    ASSERT_FALSE(result.ok()) << document.substr(0, 200);
    EXPECT_EQ(result.error().code, ErrorCode::DEPENDENCY_UNAVAILABLE);
    EXPECT_EQ(pointer_of(result), pointer)
        << document.substr(0, 200) << " " << result.error().fields[0].message;
  }
}

TEST(ParseJwks, AcceptsKeyOpsThatIncludeVerifyAndLargerKeys) {
  EXPECT_TRUE(parse_jwks(with_key(variant("key_ops", json::array{"verify", "encrypt"}))).ok());
  const RsaSigner big("big", 4096);
  const auto keys = parse_jwks(testing::jwks_document({big.public_jwk()}));
  ASSERT_TRUE(keys.ok());
  EXPECT_EQ((*keys)[0]->signature_size(), 512U);
}

}  // namespace
}  // namespace hub::core::auth
