#pragma once

// The world the verifier tests sign in: the user pool's key and its key set, an impostor's and an
// attacker's key, Cognito-shaped claims and a verifier configured for them at a fixed time.
// Keys are generated on first use only (each test runs in its own process under ctest).

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>
#include <boost/json/value_from.hpp>

#include "core/auth/jwks_cache.hpp"
#include "core/auth/jwt_verifier.hpp"
#include "support/fake_clock.hpp"
#include "support/jwt_forge.hpp"
#include "support/loopback_http_server.hpp"

namespace hub::core::auth::verifier_world {

using testing::FakeClock;
using testing::RsaSigner;

inline constexpr std::int64_t kNow = 1'767'225'600;  // 2026-01-01T00:00:00Z
inline constexpr std::string_view kIssuer = "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC123xyz";
inline constexpr std::string_view kClient = "4k2f8q1exampleclientid0001";
inline constexpr std::string_view kKid = "pool-key-1";

// Another key under the pool's kid: another pool's, or an attacker's. Generated only by the
// cases that need it (each test runs in its own process under ctest; key generation is slow).
inline const RsaSigner& impostor() {
  static const RsaSigner instance{std::string(kKid)};
  return instance;
}

// The key an attacker points jku / x5u / jwk at.
inline const RsaSigner& attacker() {
  static const RsaSigner instance{"attacker"};
  return instance;
}

// The user pool's signing key, published twice: under kKid with alg RS256, and under
// "pool-key-384" without an alg (so any configured algorithm may be used with it).
inline json::object alias_without_alg(json::object jwk) {
  jwk["kid"] = "pool-key-384";
  return jwk;
}

struct World {
  RsaSigner pool{std::string(kKid)};
  std::string jwks = testing::jwks_document({pool.public_jwk(), alias_without_alg(pool.public_jwk(""))});
  // Serves the attacker's key set; a verifier that followed jku or x5u would ask it.
  testing::LoopbackHttpServer canary{[](const testing::LoopbackRequest&) {
    return testing::LoopbackResponse{200,
                                     {{"Content-Type", "application/json"}},
                                     testing::jwks_document({attacker().public_jwk()}),
                                     {},
                                     {}};
  }};
};

inline World& world() {
  static World instance;
  return instance;
}

inline json::object id_claims() { return testing::cognito_id_claims(kIssuer, kClient, kNow); }
inline json::object access_claims() { return testing::cognito_access_claims(kIssuer, kClient, kNow); }

template <class T>
json::object with(json::object claims, std::string_view name, const T& value) {
  claims[name] = boost::json::value_from(value);
  return claims;
}
inline json::object without(json::object claims, std::string_view name) {
  claims.erase(name);
  return claims;
}

inline std::string header(std::string_view kid = kKid, std::string_view alg = "RS256") {
  return testing::jws_header(kid, alg);
}
inline std::string sign(const json::object& claims) {
  return world().pool.token(header(), testing::json_text(claims));
}
inline std::string sign_text(std::string_view header_text, std::string_view payload_text) {
  return world().pool.token(header_text, payload_text);
}
inline std::string sign_header(const json::object& header_object) {
  return world().pool.token(testing::json_text(header_object), testing::json_text(id_claims()));
}
inline std::string payload_text() { return testing::json_text(id_claims()); }

// A verifier of the pool's tokens at kNow, for the token uses and algorithms given.
inline JwtVerifier make_verifier(std::vector<std::string> token_uses = {"id", "access"},
                                 std::vector<std::string> algorithms = {"RS256"}) {
  static const FakeClock clock(kNow);
  static const auto keys = [] {
    auto cache = std::make_shared<JwksCache>(
        "test", [] { return Result<std::string>(world().jwks); }, clock, std::chrono::seconds{10});
    EXPECT_TRUE(cache->refresh().ok());
    return cache;
  }();
  VerifierSettings settings;
  settings.issuer = std::string(kIssuer);
  settings.client_ids = {"another-pool-client", std::string(kClient)};
  settings.token_uses = std::move(token_uses);
  settings.algorithms = std::move(algorithms);
  return {settings, keys, clock};
}

}  // namespace hub::core::auth::verifier_world
