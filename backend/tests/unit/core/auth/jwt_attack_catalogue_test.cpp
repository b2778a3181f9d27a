// The attack catalogue: every way a bearer token can be forged, bent or smuggled that we know of,
// each refused as UNAUTHENTICATED naming the part that was wrong, and nothing fetched from where a
// token points.

#include <functional>
#include <ostream>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <boost/json/parse.hpp>

#include "core/base64.hpp"
#include "support/verifier_world.hpp"

namespace hub::core::auth {
namespace {

using namespace verifier_world;  // NOLINT(google-build-using-namespace): the tests' shared world

// The ID token's payload text with `exp` written as `literal`, signed.
std::string with_exp_literal(std::string_view literal) {
  std::string text = testing::json_text(without(id_claims(), "exp"));
  text.pop_back();
  text += R"(,"exp":)";
  text += literal;
  text += '}';
  return sign_text(header(), text);
}

// The three parts of a token.
std::vector<std::string> parts_of(const std::string& token) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  for (auto dot = token.find('.'); dot != std::string::npos; dot = token.find('.', start)) {
    parts.push_back(token.substr(start, dot - start));
    start = dot + 1;
  }
  parts.push_back(token.substr(start));
  return parts;
}

// Sets the unused low bits of the last character of a base64url text whose byte length is not a
// multiple of 3: the same bytes, written non-canonically.
std::string with_dirty_trailing_bits(std::string text) {
  constexpr std::string_view alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  const auto index = alphabet.find(text.back());
  text.back() = alphabet[index | 1U];
  return text;
}

std::string non_canonical_payload_token() {
  std::string payload = payload_text();
  while (payload.size() % 3 != 1) payload += ' ';  // JSON allows trailing whitespace
  const auto token = sign_text(header(), payload);
  auto parts = parts_of(token);
  return parts[0] + "." + with_dirty_trailing_bits(parts[1]) + "." + parts[2];
}

std::string standard_alphabet_signature_token() {
  const auto token = sign(id_claims());
  auto parts = parts_of(token);
  std::string signature = parts[2];
  for (char& c : signature) {
    if (c == '-') c = '+';
    if (c == '_') c = '/';
  }
  return parts[0] + "." + parts[1] + "." + signature;
}

std::string tampered_payload_token() {
  const auto parts = parts_of(sign(id_claims()));
  const auto forged = core::base64url_encode(testing::json_text(with(id_claims(), "sub", "someone-else")));
  return parts[0] + "." + forged + "." + parts[2];
}

std::string canary_header(std::string_view member, json::value value) {
  return testing::json_text({{"alg", "RS256"}, {"kid", "attacker"}, {member, std::move(value)}});
}
std::string attacker_signed(std::string_view header_text) {
  return attacker().token(header_text, payload_text());
}

struct AttackCase {
  std::string name;
  std::function<std::string()> token;
  std::string pointer;
  std::vector<std::string> token_uses{"id", "access"};
  std::vector<std::string> algorithms{"RS256"};
};

void PrintTo(const AttackCase& c, std::ostream* out) { *out << c.name; }

std::vector<AttackCase> attack_catalogue() {
  using testing::assemble_token;
  using testing::hs256_token;
  const std::string zeros64(64, '\0');
  const std::string zeros256(256, '\0');
  return {
      // The algorithm is the server's choice, never the token's.
      {"alg_none",
       [] { return assemble_token(R"({"alg":"none","kid":"pool-key-1"})", payload_text(), "sig"); },
       "/header/alg"},
      {"alg_None",
       [] { return assemble_token(R"({"alg":"None","kid":"pool-key-1"})", payload_text(), "sig"); },
       "/header/alg"},
      {"alg_none_without_signature", [] { return assemble_token(R"({"alg":"none"})", payload_text(), ""); },
       "/signature"},
      {"alg_HS256_keyed_with_public_pem",
       [] { return hs256_token(world().pool.public_pem(), header(kKid, "HS256"), payload_text()); },
       "/header/alg"},
      {"alg_HS256_keyed_with_public_der",
       [] { return hs256_token(world().pool.public_der(), header(kKid, "HS256"), payload_text()); },
       "/header/alg"},
      {"alg_HS256_keyed_with_public_jwk",
       [] {
         return hs256_token(testing::json_text(world().pool.public_jwk()), header(kKid, "HS256"),
                            payload_text());
       },
       "/header/alg"},
      {"alg_missing", [] { return sign_text(R"({"kid":"pool-key-1"})", payload_text()); }, "/header/alg"},
      {"alg_as_array", [] { return sign_text(R"({"alg":["RS256"],"kid":"pool-key-1"})", payload_text()); },
       "/header/alg"},
      {"alg_lower_case", [] { return sign_text(R"({"alg":"rs256","kid":"pool-key-1"})", payload_text()); },
       "/header/alg"},
      {"alg_RS512_not_configured",
       [] { return world().pool.token(header(kKid, "RS512"), payload_text(), "RS512"); }, "/header/alg"},
      {"alg_ES256_zero_signature",
       [zeros64] { return assemble_token(header(kKid, "ES256"), payload_text(), zeros64); }, "/header/alg"},
      {"alg_PS256", [] { return sign_text(header(kKid, "PS256"), payload_text()); }, "/header/alg"},
      {"alg_differs_from_the_keys_alg",
       [] { return world().pool.token(header(kKid, "RS384"), payload_text(), "RS384"); },
       "/header/alg",
       {"id", "access"},
       {"RS256", "RS384"}},
      // Signatures.
      {"signature_stripped",
       [] { return parts_of(sign(id_claims()))[0] + "." + parts_of(sign(id_claims()))[1] + "."; },
       "/signature"},
      {"signature_ecdsa_style_64_zero_bytes",
       [zeros64] { return assemble_token(header(), payload_text(), zeros64); }, "/signature"},
      {"signature_modulus_length_zero_bytes",
       [zeros256] { return assemble_token(header(), payload_text(), zeros256); }, "/signature"},
      {"signature_by_a_foreign_key_with_the_same_kid",
       [] { return impostor().token(header(), payload_text()); }, "/signature"},
      {"signature_truncated", [] { return sign(id_claims()).substr(0, sign(id_claims()).size() - 4); },
       "/signature"},
      {"signature_with_standard_base64_alphabet", standard_alphabet_signature_token, "/signature"},
      {"signature_with_padding", [] { return sign(id_claims()) + "=="; }, "/signature"},
      {"payload_tampered_after_signing", tampered_payload_token, "/signature"},
      {"signature_by_a_foreign_key_under_the_other_kid",
       [] { return impostor().token(header("pool-key-384"), payload_text()); }, "/signature"},
      // Key ids.
      {"kid_missing", [] { return sign_text(R"({"alg":"RS256"})", payload_text()); }, "/header/kid"},
      {"kid_unknown", [] { return sign_text(header("no-such-key"), payload_text()); }, "/header/kid"},
      {"kid_number", [] { return sign_text(R"({"alg":"RS256","kid":1})", payload_text()); }, "/header/kid"},
      {"kid_null", [] { return sign_text(R"({"alg":"RS256","kid":null})", payload_text()); }, "/header/kid"},
      {"kid_empty", [] { return sign_text(header(""), payload_text()); }, "/header/kid"},
      {"kid_path_traversal", [] { return sign_text(header("../../etc/passwd"), payload_text()); },
       "/header/kid"},
      {"kid_300_characters", [] { return sign_text(header(std::string(300, 'k')), payload_text()); },
       "/header/kid"},
      {"kid_10_kilobytes", [] { return sign_text(header(std::string(10 * 1024, 'k')), payload_text()); },
       "/token"},
      // Keys the token brings along are never fetched nor trusted.
      {"jku_to_an_attacker_key_set",
       [] { return attacker_signed(canary_header("jku", json::value(world().canary.url() + "/jwks.json"))); },
       "/header/jku"},
      {"x5u_to_an_attacker_certificate",
       [] { return attacker_signed(canary_header("x5u", json::value(world().canary.url() + "/cert.pem"))); },
       "/header/x5u"},
      {"jwk_embedded_attacker_key",
       [] { return attacker_signed(canary_header("jwk", attacker().public_jwk())); }, "/header/jwk"},
      {"x5c_embedded_certificate_chain",
       [] {
         return attacker_signed(
             canary_header("x5c", json::array{core::base64_encode(attacker().public_der())}));
       },
       "/header/x5c"},
      {"crit",
       [] {
         return sign_header({{"alg", "RS256"}, {"kid", kKid}, {"crit", json::array{"exp"}}});
       },
       "/header/crit"},
      {"zip",
       [] {
         return sign_header({{"alg", "RS256"}, {"kid", kKid}, {"zip", "DEF"}});
       },
       "/header/zip"},
      {"typ_not_jwt",
       [] {
         return sign_header({{"alg", "RS256"}, {"kid", kKid}, {"typ", "at+jwt+x"}});
       },
       "/header/typ"},
      // Issuer.
      {"iss_other", [] { return sign(with(id_claims(), "iss", "https://evil.example.org")); },
       "/payload/iss"},
      {"iss_with_trailing_slash", [] { return sign(with(id_claims(), "iss", std::string(kIssuer) + "/")); },
       "/payload/iss"},
      {"iss_other_user_pool",
       [] {
         return sign(
             with(id_claims(), "iss", "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Other0000"));
       },
       "/payload/iss"},
      {"iss_missing", [] { return sign(without(id_claims(), "iss")); }, "/payload/iss"},
      {"iss_as_array", [] { return sign(with(id_claims(), "iss", json::array{kIssuer})); }, "/payload/iss"},
      // App client.
      {"aud_other_client", [] { return sign(with(id_claims(), "aud", "another-app-client")); },
       "/payload/aud"},
      {"aud_as_array", [] { return sign(with(id_claims(), "aud", json::array{kClient})); }, "/payload/aud"},
      {"aud_missing", [] { return sign(without(id_claims(), "aud")); }, "/payload/aud"},
      {"client_id_other_client",
       [] { return sign(with(access_claims(), "client_id", "another-app-client")); }, "/payload/client_id"},
      {"id_token_carrying_client_id", [] { return sign(with(id_claims(), "client_id", kClient)); },
       "/payload/client_id"},
      {"access_token_carrying_aud", [] { return sign(with(access_claims(), "aud", kClient)); },
       "/payload/aud"},
      // Token use.
      {"id_token_where_only_access_is_accepted",
       [] { return sign(id_claims()); },
       "/payload/token_use",
       {"access"}},
      {"access_token_where_only_id_is_accepted",
       [] { return sign(access_claims()); },
       "/payload/token_use",
       {"id"}},
      {"token_use_ID", [] { return sign(with(id_claims(), "token_use", "ID")); }, "/payload/token_use"},
      {"token_use_Access", [] { return sign(with(access_claims(), "token_use", "Access")); },
       "/payload/token_use"},
      {"token_use_as_array", [] { return sign(with(id_claims(), "token_use", json::array{"id"})); },
       "/payload/token_use"},
      {"token_use_missing", [] { return sign(without(id_claims(), "token_use")); }, "/payload/token_use"},
      // Time.
      {"expired", [] { return sign(with(id_claims(), "exp", kNow - 30)); }, "/payload/exp"},
      {"not_yet_valid", [] { return sign(with(id_claims(), "nbf", kNow + 31)); }, "/payload/nbf"},
      {"issued_in_the_future", [] { return sign(with(id_claims(), "iat", kNow + 31)); }, "/payload/iat"},
      {"exp_as_string", [] { return sign(with(id_claims(), "exp", std::to_string(kNow + 3600))); },
       "/payload/exp"},
      {"exp_1e309", [] { return with_exp_literal("1e309"); }, "/payload/exp"},
      {"exp_1e20", [] { return with_exp_literal("1e20"); }, "/payload/exp"},
      {"exp_negative", [] { return with_exp_literal("-1"); }, "/payload/exp"},
      {"exp_with_fraction", [] { return with_exp_literal("1767229200.5"); }, "/payload/exp"},
      {"exp_beyond_year_9999", [] { return with_exp_literal("253402300800"); }, "/payload/exp"},
      {"exp_above_int64", [] { return with_exp_literal("18446744073709551615"); }, "/payload/exp"},
      {"exp_null", [] { return with_exp_literal("null"); }, "/payload/exp"},
      {"exp_missing", [] { return sign(without(id_claims(), "exp")); }, "/payload/exp"},
      {"iat_as_string", [] { return sign(with(id_claims(), "iat", "yesterday")); }, "/payload/iat"},
      {"auth_time_with_fraction", [] { return sign(with(id_claims(), "auth_time", 1.5)); },
       "/payload/auth_time"},
      // Repeated members: two readers could disagree on which one counts.
      {"duplicate_sub", [] { return sign_text(header(), R"({"sub":"a","sub":"b"})"); }, "/payload/sub"},
      {"duplicate_exp", [] { return sign_text(header(), R"({"exp":1767229200,"exp":4102444800})"); },
       "/payload/exp"},
      {"duplicate_header_alg",
       [] { return sign_text(R"({"alg":"RS256","kid":"pool-key-1","alg":"none"})", payload_text()); },
       "/header/alg"},
      {"duplicate_header_kid",
       [] { return sign_text(R"({"alg":"RS256","kid":"pool-key-1","kid":"attacker"})", payload_text()); },
       "/header/kid"},
      {"duplicate_unknown_claim_not_named",
       [] { return sign_text(header(), R"({"x-secret":1,"x-secret":2})"); }, "/payload"},
      // Shape and encoding.
      {"empty_token", [] { return std::string(); }, "/token"},
      {"oversized_token", [] { return sign(with(id_claims(), "custom:pad", std::string(9000, 'p'))); },
       "/token"},
      {"jwe_five_parts", [] { return std::string("eyJhbGciOiJSU0EtT0FFUCJ9.a2V5.aXY.Y2lwaGVy.dGFn"); },
       "/token"},
      {"two_parts", [] { return parts_of(sign(id_claims()))[0] + "." + parts_of(sign(id_claims()))[1]; },
       "/token"},
      {"four_parts", [] { return sign(id_claims()) + ".c2ln"; }, "/token"},
      {"empty_header_part",
       [] { return "." + parts_of(sign(id_claims()))[1] + "." + parts_of(sign(id_claims()))[2]; }, "/header"},
      {"empty_payload_part",
       [] { return parts_of(sign(id_claims()))[0] + ".." + parts_of(sign(id_claims()))[2]; }, "/payload"},
      {"padding_in_header",
       [] { return core::base64url_encode(header()) + "=." + parts_of(sign(id_claims()))[1] + ".c2ln"; },
       "/header"},
      {"non_canonical_trailing_bits", non_canonical_payload_token, "/payload"},
      {"whitespace_inside", [] { return " " + sign(id_claims()); }, "/header"},
      {"whitespace_at_the_end", [] { return sign(id_claims()) + "\n"; }, "/signature"},
      {"header_not_an_object", [] { return sign_text(R"(["RS256"])", payload_text()); }, "/header"},
      {"header_not_json", [] { return sign_text(R"({"alg":"RS256",})", payload_text()); }, "/header"},
      {"payload_not_an_object", [] { return sign_text(header(), "[1,2,3]"); }, "/payload"},
      {"payload_null", [] { return sign_text(header(), "null"); }, "/payload"},
      {"payload_not_json", [] { return sign_text(header(), "sub=admin"); }, "/payload"},
      {"payload_nested_too_deeply",
       [] {
         return sign(
             with(id_claims(), "custom:deep", json::parse(std::string(20, '[') + std::string(20, ']'))));
       },
       "/payload"},
      // Subject and typed claims.
      {"sub_missing", [] { return sign(without(id_claims(), "sub")); }, "/payload/sub"},
      {"sub_empty", [] { return sign(with(id_claims(), "sub", "")); }, "/payload/sub"},
      {"sub_number", [] { return sign(with(id_claims(), "sub", 42)); }, "/payload/sub"},
      {"email_as_array", [] { return sign(with(id_claims(), "email", json::array{"a@example.org"})); },
       "/payload/email"},
      {"username_as_object", [] { return sign(with(access_claims(), "username", json::object{})); },
       "/payload/username"},
      {"scope_as_array", [] { return sign(with(access_claims(), "scope", json::array{"openid"})); },
       "/payload/scope"},
      {"groups_as_string", [] { return sign(with(id_claims(), "cognito:groups", "admin")); },
       "/payload/cognito:groups"},
      {"groups_with_a_number",
       [] {
         return sign(with(id_claims(), "cognito:groups", json::array{"admin", 1}));
       },
       "/payload/cognito:groups"},
  };
}

// Nothing a refusal says may repeat what the token held.
void expect_nothing_echoed(const Error& error) {
  for (const auto* secret : {"passwd", "attacker", "evil", "amina", "5f1c2a8e", "another-app-client",
                             "someone-else", "x-secret", "custom:", "pool-key-1", "1767229200"}) {
    EXPECT_EQ(error.detail.find(secret), std::string::npos) << secret;
    for (const auto& field : error.fields) {
      EXPECT_EQ(field.message.find(secret), std::string::npos) << secret;
      EXPECT_EQ(field.pointer.find(secret), std::string::npos) << secret;
    }
  }
}

class AttackCatalogue : public ::testing::TestWithParam<AttackCase> {};

TEST_P(AttackCatalogue, IsRefusedNamingWhatWasWrong) {
  const AttackCase& attack = GetParam();
  const auto verifier = make_verifier(attack.token_uses, attack.algorithms);
  const auto token = attack.token();
  const auto result = verifier.verify(token);
  ASSERT_FALSE(result.ok()) << "accepted";
  const Error& error = result.error();
  EXPECT_EQ(error.code, ErrorCode::UNAUTHENTICATED);
  ASSERT_EQ(error.fields.size(), 1U);
  EXPECT_EQ(error.fields[0].pointer, attack.pointer) << error.fields[0].message;
  EXPECT_FALSE(error.fields[0].message.empty());
  expect_nothing_echoed(error);
  EXPECT_EQ(world().canary.requests_received(), 0U) << "the verifier fetched a key the token pointed at";
}

INSTANTIATE_TEST_SUITE_P(Tokens, AttackCatalogue, ::testing::ValuesIn(attack_catalogue()),
                         [](const ::testing::TestParamInfo<AttackCase>& param_info) {
                           return param_info.param.name;
                         });

TEST(AttackCatalogueSize, HoldsAtLeastFortyFiveCases) { EXPECT_GE(attack_catalogue().size(), 45U); }

TEST(AttackCatalogueCanary, ReceivedNoRequestAtAll) {
  const auto verifier = make_verifier();
  for (const auto& attack : attack_catalogue()) (void)verifier.verify(attack.token());
  EXPECT_EQ(world().canary.requests_received(), 0U);
  EXPECT_EQ(world().canary.connections_accepted(), 0U);
}

}  // namespace
}  // namespace hub::core::auth
