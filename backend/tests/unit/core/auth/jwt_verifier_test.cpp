// The tokens that must pass, at the edges of the leeway, from many threads; and the settings a
// verifier refuses to be built with.

#include "core/auth/jwt_verifier.hpp"

#include <atomic>
#include <memory>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "support/verifier_world.hpp"

namespace hub::core::auth {
namespace {

using namespace verifier_world;  // NOLINT(google-build-using-namespace): the tests' shared world

// The positive controls: real-shaped tokens pass, and the edges of the leeway are where the
// documentation says.
TEST(JwtVerifier, AcceptsAnIdTokenAndSaysWhoseItIs) {
  const auto user = make_verifier().verify(sign(id_claims()));
  ASSERT_TRUE(user.ok()) << user.error().fields.at(0).pointer;
  EXPECT_EQ(user->user_id, "5f1c2a8e-0b7d-4c41-9a4e-3f2d6b1e9c70");
  EXPECT_EQ(user->username, "amina");
  EXPECT_EQ(user->email, "amina@example.org");
  EXPECT_EQ(user->token_use, "id");
  EXPECT_EQ(user->client_id, kClient);
  EXPECT_TRUE(user->scopes.empty());
  EXPECT_EQ(user->token_groups, std::vector<std::string>{"editor"});
  EXPECT_TRUE(user->roles.empty());
  EXPECT_EQ(user->expires_at, kNow + 3600);
}

TEST(JwtVerifier, AcceptsAnAccessTokenWithItsScopes) {
  const auto user = make_verifier().verify(sign(access_claims()));
  ASSERT_TRUE(user.ok()) << user.error().fields.at(0).pointer;
  EXPECT_EQ(user->username, "amina");
  EXPECT_EQ(user->email, "");
  EXPECT_EQ(user->token_use, "access");
  EXPECT_EQ(user->client_id, kClient);
  EXPECT_EQ(user->scopes, (std::vector<std::string>{"aws.cognito.signin.user.admin", "openid", "email"}));
}

TEST(JwtVerifier, HonoursTheLeewayToTheSecond) {
  const auto verifier = make_verifier();
  EXPECT_TRUE(verifier.verify(sign(with(id_claims(), "exp", kNow - 29))).ok());
  EXPECT_FALSE(verifier.verify(sign(with(id_claims(), "exp", kNow - 30))).ok());
  EXPECT_TRUE(verifier.verify(sign(with(id_claims(), "nbf", kNow + 30))).ok());
  EXPECT_TRUE(verifier.verify(sign(with(id_claims(), "iat", kNow + 30))).ok());
}

TEST(JwtVerifier, AcceptsTypJwtUnknownClaimsAndAnotherConfiguredAlgorithm) {
  const auto verifier = make_verifier({"id", "access"}, {"RS256", "RS384"});
  EXPECT_TRUE(verifier.verify(sign_header({{"alg", "RS256"}, {"kid", kKid}, {"typ", "JWT"}})).ok());
  EXPECT_TRUE(verifier.verify(sign(with(id_claims(), "custom:team", "hub"))).ok());
  // pool-key-384's JWK names no alg, so any configured algorithm may be used with it.
  const auto rs384 = world().pool.token(header("pool-key-384", "RS384"), payload_text(), "RS384");
  EXPECT_TRUE(verifier.verify(rs384).ok());
}

TEST(JwtVerifier, VerifiesFromManyThreadsAtOnce) {
  const auto verifier = make_verifier();
  const auto good = sign(id_claims());
  const auto forged = impostor().token(header(), payload_text());
  std::atomic<int> accepted{0};
  std::atomic<int> refused{0};
  std::vector<std::thread> threads;
  threads.reserve(4);
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 200; ++i) {
        if (verifier.verify(good).ok()) ++accepted;
        if (!verifier.verify(forged).ok()) ++refused;
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(accepted.load(), 800);
  EXPECT_EQ(refused.load(), 800);
}

TEST(JwtVerifier, RefusesSettingsItCannotHonour) {
  const FakeClock clock(kNow);
  const auto keys = std::make_shared<JwksCache>(
      "test", [] { return Result<std::string>(std::string()); }, clock, std::chrono::seconds{10});
  VerifierSettings good;
  good.issuer = std::string(kIssuer);
  good.client_ids = {std::string(kClient)};
  EXPECT_NO_THROW(JwtVerifier(good, keys, clock));
  auto hs = good;
  hs.algorithms = {"HS256"};
  EXPECT_THROW(JwtVerifier(hs, keys, clock), std::invalid_argument);
  auto none = good;
  none.algorithms = {"none"};
  EXPECT_THROW(JwtVerifier(none, keys, clock), std::invalid_argument);
  auto no_issuer = good;
  no_issuer.issuer.clear();
  EXPECT_THROW(JwtVerifier(no_issuer, keys, clock), std::invalid_argument);
  auto no_clients = good;
  no_clients.client_ids.clear();
  EXPECT_THROW(JwtVerifier(no_clients, keys, clock), std::invalid_argument);
  auto odd_use = good;
  odd_use.token_uses = {"refresh"};
  EXPECT_THROW(JwtVerifier(odd_use, keys, clock), std::invalid_argument);
}

TEST(VerifierSettings, ComeFromTheAuthConfiguration) {
  core::AuthConfig config;
  config.user_pool_id = "eu-west-1_AbC123xyz";
  config.app_client_ids = {"one", "two"};
  config.algorithms = {"RS256", "RS512"};
  config.token_uses = {"id"};
  config.leeway = std::chrono::seconds{5};
  const auto settings = VerifierSettings::from(config);
  EXPECT_EQ(settings.issuer, kIssuer);
  EXPECT_EQ(settings.client_ids, (std::vector<std::string>{"one", "two"}));
  EXPECT_EQ(settings.algorithms, (std::vector<std::string>{"RS256", "RS512"}));
  EXPECT_EQ(settings.token_uses, std::vector<std::string>{"id"});
  EXPECT_EQ(settings.leeway, std::chrono::seconds{5});
  EXPECT_EQ(settings.max_token_bytes, 8192U);
}

}  // namespace
}  // namespace hub::core::auth
