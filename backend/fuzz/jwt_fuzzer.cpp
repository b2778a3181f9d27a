// Bearer tokens: any bytes as a compact JWS, through decode_jwt and through the verifier with a
// fixed key set (one RSA key generated at start) and a fixed clock. An input starting with '{' is
// "<header JSON>\n<payload JSON>" instead: the harness encodes and signs it with the key set's key,
// so the checks behind the signature (header members, claims, times) are reached too.
//
// Invariants:
//  - neither decoding nor verifying throws;
//  - a decoded token's signing input is the token up to its second '.', and its signature part
//    is the canonical base64url of the signature bytes;
//  - every refusal is UNAUTHENTICATED with one field naming the token, its header, payload or
//    signature, and repeats no piece of the token or of a claim value;
//  - a token the harness did not sign never verifies; one it signed verifies only with the claims
//    the settings demand, and not at all once a byte of its signature changes.

#include <algorithm>
#include <array>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/rsa.h>

#include "core/auth/jwks_cache.hpp"
#include "core/auth/jwt.hpp"
#include "core/auth/jwt_verifier.hpp"
#include "core/base64.hpp"
#include "core/clock.hpp"
#include "core/json.hpp"
#include "fuzz_support.hpp"

namespace {

using hub::fuzz::require;
namespace auth = hub::core::auth;
namespace json = hub::json;

constexpr std::string_view kKid = "fuzz-key";
constexpr std::string_view kIssuer = "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Fuzz";
constexpr std::string_view kClient = "fuzz-client";
constexpr std::int64_t kNow = 1'767'225'600;  // 2026-01-01T00:00:00Z
constexpr std::size_t kModulusBits = 2048;

class FixedClock final : public hub::core::Clock {
 public:
  [[nodiscard]] hub::core::SystemTime now() const override {
    return hub::core::SystemTime{std::chrono::seconds{kNow}};
  }
};

struct PkeyDeleter {
  void operator()(EVP_PKEY* key) const noexcept { EVP_PKEY_free(key); }
};
using Pkey = std::unique_ptr<EVP_PKEY, PkeyDeleter>;

std::string big_endian(const EVP_PKEY* key, const char* name) {
  BIGNUM* number = nullptr;
  require(EVP_PKEY_get_bn_param(key, name, &number) == 1, "the key's parameters can be read");
  std::string out(static_cast<std::size_t>(BN_num_bytes(number)), '\0');
  BN_bn2bin(number, reinterpret_cast<unsigned char*>(out.data()));  // NOLINT(*-reinterpret-cast)
  BN_free(number);
  return out;
}

std::string sign(EVP_PKEY* key, std::string_view input) {
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> context(EVP_MD_CTX_new(), EVP_MD_CTX_free);
  std::size_t length = 0;
  require(EVP_DigestSignInit(context.get(), nullptr, EVP_sha256(), nullptr, key) == 1 &&
              EVP_DigestSign(context.get(), nullptr, &length, nullptr, 0) == 1,
          "the harness can sign");
  std::string signature(length, '\0');
  require(EVP_DigestSign(context.get(), reinterpret_cast<unsigned char*>(signature.data()),  // NOLINT
                         &length, reinterpret_cast<const unsigned char*>(input.data()),      // NOLINT
                         input.size()) == 1,
          "the harness can sign");
  signature.resize(length);
  return signature;
}

// The user pool of the run: its key, the key set it publishes and a verifier of its tokens.
struct World {
  FixedClock clock;
  // NOLINTNEXTLINE(cppcoreguidelines-pro-type-vararg): OpenSSL's key generation takes varargs
  Pkey key{EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", kModulusBits)};
  std::shared_ptr<auth::JwksCache> keys;
  std::unique_ptr<auth::JwtVerifier> verifier;

  World() {
    require(key != nullptr, "an RSA key can be generated");
    const json::object jwk{{"kty", "RSA"},
                           {"kid", kKid},
                           {"use", "sig"},
                           {"alg", "RS256"},
                           {"n", hub::core::base64url_encode(big_endian(key.get(), OSSL_PKEY_PARAM_RSA_N))},
                           {"e", hub::core::base64url_encode(big_endian(key.get(), OSSL_PKEY_PARAM_RSA_E))}};
    const std::string document = hub::to_json_text(json::object{{"keys", json::array{jwk}}});
    keys = std::make_shared<auth::JwksCache>(
        "fuzz", [document] { return hub::Result<std::string>(document); }, clock, std::chrono::seconds{300});
    require(keys->refresh().ok(), "the key set is accepted");
    auth::VerifierSettings settings;
    settings.issuer = std::string(kIssuer);
    settings.client_ids = {std::string(kClient)};
    verifier = std::make_unique<auth::JwtVerifier>(settings, keys, clock);
  }
};

World& world() {
  static World instance;
  return instance;
}

// Error texts are fixed; a piece of what the caller sent must never be repeated in one. Pieces
// shorter than this, or holding a space, could match the fixed words themselves.
constexpr std::size_t kMinEchoLength = 16;

void check_refusal(const hub::Error& error, const std::vector<std::string_view>& pieces) {
  require(error.code == hub::ErrorCode::UNAUTHENTICATED, "a refused token is UNAUTHENTICATED");
  require(error.fields.size() == 1, "a refusal names one field");
  const auto& pointer = error.fields.front().pointer;
  constexpr std::array<std::string_view, 4> kParts = {"/token", "/header", "/payload", "/signature"};
  require(std::ranges::any_of(kParts, [&](std::string_view part) { return pointer.starts_with(part); }),
          "a refusal points at the token or one of its parts");
  for (const auto piece : pieces) {
    if (piece.size() < kMinEchoLength || piece.find(' ') != std::string_view::npos) continue;
    require(error.detail.find(piece) == std::string::npos &&
                error.fields.front().message.find(piece) == std::string::npos,
            "a refusal repeats nothing the caller sent");
  }
}

std::vector<std::string_view> parts_of(std::string_view token) {
  std::vector<std::string_view> parts;
  for (std::size_t start = 0;;) {
    const auto dot = token.find('.', start);
    parts.push_back(token.substr(start, dot == std::string_view::npos ? dot : dot - start));
    if (dot == std::string_view::npos) return parts;
    start = dot + 1;
  }
}

void check_decoded(std::string_view token, const auth::DecodedJwt& jwt) {
  const auto second_dot = token.rfind('.');
  require(jwt.signing_input == token.substr(0, second_dot),
          "the signing input is the token up to its second '.'");
  require(hub::core::base64url_encode(jwt.signature) == token.substr(second_dot + 1),
          "the signature part is the canonical base64url of the signature");
}

// A token as received from a client: decoded, then verified (and never accepted: only the
// harness holds the key).
void check_token(std::string_view token) {
  const auto parts = parts_of(token);
  auto decoded = auth::decode_jwt(token);
  if (decoded) {
    check_decoded(token, *decoded);
  } else {
    check_refusal(decoded.error(), parts);
  }
  auto verified = world().verifier->verify(token);
  require(!verified.ok(), "a token the harness did not sign does not verify");
  check_refusal(verified.error(), parts);
}

// The string members of a JSON object text, when it is one: what a refusal must not repeat.
std::vector<std::string> string_members(std::string_view text) {
  std::vector<std::string> values;
  const auto parsed = hub::parse_json(text);
  if (!parsed || !parsed->is_object()) return values;
  for (const auto& member : parsed->get_object()) {
    if (const auto* value = member.value().if_string()) values.emplace_back(*value);
  }
  return values;
}

bool is_text(const json::object& claims, std::string_view name, std::string_view expected) {
  const auto* value = claims.if_contains(name);
  return value != nullptr && value->is_string() && value->get_string() == expected;
}

void check_accepted(const auth::UserContext& user, std::string_view payload_text) {
  const auto payload = hub::parse_json(payload_text);
  require(payload.ok() && payload->is_object(), "an accepted payload is a JSON object");
  const auto& claims = payload->get_object();
  require(is_text(claims, "iss", kIssuer), "an accepted token has the pool's issuer");
  require(!user.user_id.empty() && is_text(claims, "sub", user.user_id), "the user is the token's sub");
  require(user.token_use == "id" || user.token_use == "access", "the token use is id or access");
  require(user.client_id == kClient, "the client is the configured one");
  require(is_text(claims, user.token_use == "id" ? "aud" : "client_id", kClient),
          "the client claim names it");
  const auto* exp = claims.if_contains("exp");
  require(
      exp != nullptr && exp->is_int64() && exp->get_int64() == user.expires_at && user.expires_at + 30 > kNow,
      "an accepted token has not expired");
}

// "<header>\n<payload>": encoded, signed with the pool's key when it gets as far as the
// signature, and verified.
void check_signed(std::string_view text) {
  const auto newline = text.find('\n');
  if (newline == std::string_view::npos) return;
  const auto header = text.substr(0, newline);
  const auto payload = text.substr(newline + 1);
  const std::string signing_input =
      hub::core::base64url_encode(header) + "." + hub::core::base64url_encode(payload);

  std::vector<std::string> members = string_members(header);
  for (auto& value : string_members(payload)) members.push_back(std::move(value));
  std::vector<std::string_view> pieces(members.begin(), members.end());
  pieces.push_back(signing_input);

  // RSA signing is slow: a stand-in signature of the right length first, a real one only for
  // tokens whose header passes.
  const std::string stand_in(kModulusBits / 8, '\x01');
  auto first = world().verifier->verify(signing_input + "." + hub::core::base64url_encode(stand_in));
  require(!first.ok(), "a stand-in signature does not verify");
  check_refusal(first.error(), pieces);
  if (first.error().fields.front().pointer != "/signature") return;

  std::string signature = sign(world().key.get(), signing_input);
  const std::string token = signing_input + "." + hub::core::base64url_encode(signature);
  auto verified = world().verifier->verify(token);
  if (verified) {
    check_accepted(*verified, payload);
  } else {
    check_refusal(verified.error(), pieces);
    require(verified.error().fields.front().pointer.starts_with("/payload"),
            "a signed token with a good header is refused only for its claims");
  }
  signature[signature.size() / 2] = static_cast<char>(signature[signature.size() / 2] ^ 0x20);
  auto tampered = world().verifier->verify(signing_input + "." + hub::core::base64url_encode(signature));
  require(!tampered.ok() && tampered.error().fields.front().pointer == "/signature",
          "a changed signature does not verify");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text = hub::fuzz::as_text(data, size);
  if (text.starts_with('{')) {
    check_signed(text);
  } else {
    check_token(text);
  }
  return 0;
}
