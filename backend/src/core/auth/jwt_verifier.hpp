#pragma once

#include <chrono>
#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/auth/jwks_cache.hpp"
#include "core/auth/jwt.hpp"
#include "core/auth/token_verifier.hpp"
#include "core/auth/user_context.hpp"
#include "core/clock.hpp"
#include "core/config.hpp"
#include "core/result.hpp"

namespace hub::core::auth {

// What a token must be to be accepted (docs/auth.md).
struct VerifierSettings {
  std::string issuer;                                   // the only accepted iss, compared exactly
  std::vector<std::string> client_ids;                  // accepted aud (ID token) / client_id (access token)
  std::vector<std::string> algorithms{"RS256"};         // accepted alg; a subset of RS256, RS384, RS512
  std::vector<std::string> token_uses{"id", "access"};  // accepted token_use
  std::chrono::seconds leeway{30};                      // clock skew allowed on exp, nbf, iat
  std::size_t max_token_bytes = kMaxTokenBytes;

  // The user pool's issuer, app clients, algorithms, token uses and leeway from the configuration.
  [[nodiscard]] static VerifierSettings from(const core::AuthConfig& config);
};

// Verifies Cognito ID and access tokens (RS256 by default) against the user pool's keys, more
// strictly than aws-jwt-verify: decode_jwt's rules, then
//  - header: alg a string on the allow-list (the token never chooses: none, HS256, ... are
//    refused), kid a string of 1 to 256 characters, typ "JWT" when present; crit, jku, x5u, jwk,
//    x5c, x5t, x5t#S256, zip and enc refused outright (never used, never fetched); the key's own
//    alg, when its JWK has one, equal to the header's;
//  - signature: exactly the modulus length, then RSASSA-PKCS1-v1_5 with the alg's SHA-2;
//  - claims, each of one JSON type only: exp an integer in [0, 253402300799] and now < exp +
//    leeway; nbf, iat and auth_time integers of the same range when present, nbf and iat not after
//    now + leeway; iss exactly the issuer; token_use "id" or "access", one of the accepted ones; an
//    ID token's aud (a string) or an access token's client_id one of the client ids, and not the
//    other claim; sub a non-empty string; email, username, cognito:username, scope, jti,
//    origin_jti and event_id strings and cognito:groups an array of strings when present.
// The signature is checked before any claim. Every refusal is UNAUTHENTICATED with one field
// naming the part or claim ("/header/alg", "/signature", "/payload/exp") and a fixed message.
class JwtVerifier final : public TokenVerifier {
 public:
  // Settings outside what can be verified (no issuer or client id, an algorithm other than RS*,
  // a token use other than id/access) are a bug: std::invalid_argument.
  JwtVerifier(VerifierSettings settings, std::shared_ptr<const KeySource> keys,
              const core::Clock& clock = core::SystemClock::instance());

  [[nodiscard]] Result<UserContext> verify(std::string_view token) const override;

 private:
  [[nodiscard]] Result<std::shared_ptr<const VerificationKey>> check_header(const json::object& header) const;
  [[nodiscard]] Result<UserContext> check_claims(const json::object& claims) const;

  VerifierSettings settings_;
  std::shared_ptr<const KeySource> keys_;
  const core::Clock& clock_;
};

}  // namespace hub::core::auth
