// The signing keys over the real path: JwksCache + aws::fetch_document + CurlHttpClient against a
// local JWKS server that counts what it is asked. No emulator needed.

#include <atomic>
#include <chrono>
#include <memory>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "aws/curl_http_client.hpp"
#include "aws/document_fetch.hpp"
#include "core/auth/jwks_cache.hpp"
#include "core/auth/jwt_verifier.hpp"
#include "support/fake_clock.hpp"
#include "support/jwt_forge.hpp"
#include "support/loopback_http_server.hpp"

namespace hub::core::auth {
namespace {

using namespace std::chrono_literals;
using testing::LoopbackRequest;
using testing::LoopbackResponse;

constexpr std::string_view kIssuer = "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_JwksTest01";
constexpr std::string_view kClient = "jwks-test-client";
constexpr std::chrono::milliseconds kTimeout{1500};
constexpr std::size_t kMaxBytes = 64 * 1024;

const testing::RsaSigner& pool_key() {
  static const testing::RsaSigner instance("pool-key");
  return instance;
}

// A JWKS endpoint: serves the pool's key set, or whatever a test sets, and counts requests.
class JwksServer {
 public:
  JwksServer()
      : server_([this](const LoopbackRequest&) {
          return LoopbackResponse{200, {{"Content-Type", "application/json"}}, body(), delay_.load(), {}};
        }) {}

  [[nodiscard]] std::string url() const {
    return server_.url() + "/eu-west-1_JwksTest01/.well-known/jwks.json";
  }
  [[nodiscard]] std::size_t requests() const { return server_.requests_received(); }
  void stop() { server_.stop(); }
  void serve(std::string document) {
    const std::lock_guard lock(mutex_);
    document_ = std::move(document);
  }
  void delay(std::chrono::milliseconds by) { delay_ = by; }

 private:
  std::string body() {
    const std::lock_guard lock(mutex_);
    return document_;
  }
  std::mutex mutex_;
  std::string document_ = testing::jwks_document({pool_key().public_jwk()});
  std::atomic<std::chrono::milliseconds> delay_{0ms};
  testing::LoopbackHttpServer server_;
};

std::shared_ptr<JwksCache> make_cache(aws::HttpTransport& http, const std::string& url,
                                      const core::Clock& clock) {
  return std::make_shared<JwksCache>(
      url, [&http, url] { return aws::fetch_document(http, url, kTimeout, kMaxBytes); }, clock, 10s);
}

JwtVerifier make_verifier(std::shared_ptr<const KeySource> keys, const core::Clock& clock) {
  VerifierSettings settings;
  settings.issuer = std::string(kIssuer);
  settings.client_ids = {std::string(kClient)};
  return {settings, std::move(keys), clock};
}

std::int64_t seconds_now(const core::Clock& clock) {
  return std::chrono::floor<std::chrono::seconds>(clock.now()).time_since_epoch().count();
}

std::string id_token(std::string_view kid, const core::Clock& clock) {
  return pool_key().token(testing::jws_header(kid), testing::json_text(testing::cognito_id_claims(
                                                        kIssuer, kClient, seconds_now(clock))));
}

TEST(Jwks, AThousandRandomKidsCauseAtMostOneFetchPerInterval) {
  JwksServer server;
  aws::CurlHttpClient http;
  const auto& clock = core::SystemClock::instance();
  const auto cache = make_cache(http, server.url(), clock);
  const auto verifier = make_verifier(cache, clock);

  const auto started = std::chrono::steady_clock::now();
  std::mt19937_64 random(2026);  // NOLINT(cert-msc32-c,cert-msc51-cpp): the same kids every run
  for (int i = 0; i < 1000; ++i) {
    const auto result = verifier.verify(id_token("kid-" + std::to_string(random()), clock));
    ASSERT_FALSE(result.ok());
    ASSERT_EQ(result.error().fields.at(0).pointer, "/header/kid");
  }
  const auto elapsed = std::chrono::steady_clock::now() - started;
  const auto intervals = std::chrono::duration_cast<std::chrono::seconds>(elapsed).count() / 10 + 1;
  EXPECT_GE(server.requests(), 1U);
  EXPECT_LE(server.requests(), static_cast<std::size_t>(intervals)) << "in " << intervals << " interval(s)";
  EXPECT_TRUE(verifier.verify(id_token("pool-key", clock)).ok());  // the key set fetched is in use
}

TEST(Jwks, WithTheServerDownCachedKeysVerifyAndNewKidsFailClosed) {
  JwksServer server;
  aws::CurlHttpClient http;
  testing::FakeClock clock(seconds_now(core::SystemClock::instance()));
  const auto cache = make_cache(http, server.url(), clock);
  ASSERT_TRUE(cache->refresh().ok());
  const auto verifier = make_verifier(cache, clock);
  ASSERT_TRUE(verifier.verify(id_token("pool-key", clock)).ok());

  server.stop();
  clock.advance(10s);  // a new kid may now refetch: the fetch fails
  const auto started = std::chrono::steady_clock::now();
  const auto unknown = verifier.verify(id_token("rotated-key", clock));
  const auto took = std::chrono::steady_clock::now() - started;
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().code, ErrorCode::UNAUTHENTICATED);
  EXPECT_EQ(unknown.error().fields.at(0).pointer, "/header/kid");
  EXPECT_LT(took, kTimeout + 5s);  // bounded by the fetch timeout, with room for a slow machine
  EXPECT_EQ(cache->fetch_count(), 2U);
  for (int i = 0; i < 100; ++i) ASSERT_TRUE(verifier.verify(id_token("pool-key", clock)).ok());
  EXPECT_FALSE(verifier.verify(id_token("another-key", clock)).ok());
  EXPECT_EQ(cache->fetch_count(), 2U);  // still within the interval of the failed fetch
}

TEST(Jwks, AHungServerDelaysOnlyNewKidsAndOnlyForTheTimeout) {
  JwksServer server;
  aws::CurlHttpClient http;
  testing::FakeClock clock(seconds_now(core::SystemClock::instance()));
  const auto cache = make_cache(http, server.url(), clock);
  ASSERT_TRUE(cache->refresh().ok());
  const auto verifier = make_verifier(cache, clock);

  std::vector<std::string> known_kid_tokens;
  known_kid_tokens.reserve(20);
  for (int i = 0; i < 20; ++i) known_kid_tokens.push_back(id_token("pool-key", clock));
  server.delay(20s);
  clock.advance(10s);
  std::atomic<bool> done{false};
  std::thread unknown_kid([&] {
    EXPECT_FALSE(verifier.verify(id_token("rotated-key", clock)).ok());
    done = true;
  });
  while (cache->fetch_count() < 2) std::this_thread::yield();
  // While that fetch hangs, tokens with the known kid are verified without waiting for it.
  for (const auto& token : known_kid_tokens) ASSERT_TRUE(verifier.verify(token).ok());
  EXPECT_FALSE(done.load());  // microseconds of verification against a 1.5 s fetch timeout
  unknown_kid.join();
  server.stop();
}

TEST(Jwks, AnOversizedDocumentIsRefusedAndTheKeysHeldAreKept) {
  JwksServer server;
  aws::CurlHttpClient http;
  testing::FakeClock clock(seconds_now(core::SystemClock::instance()));
  const auto cache = make_cache(http, server.url(), clock);
  ASSERT_TRUE(cache->refresh().ok());

  std::vector<boost::json::object> many(400, pool_key().public_jwk());  // ~170 KB
  for (std::size_t i = 0; i < many.size(); ++i) many[i]["kid"] = "k" + std::to_string(i);
  server.serve(testing::jwks_document(many));
  const auto refreshed = cache->refresh();
  ASSERT_FALSE(refreshed.ok());
  EXPECT_EQ(refreshed.error().code, ErrorCode::DEPENDENCY_UNAVAILABLE);
  EXPECT_NE(refreshed.error().detail.find("larger than 65536 bytes"), std::string::npos)
      << refreshed.error().detail;
  EXPECT_TRUE(cache->key("pool-key").ok());
  EXPECT_FALSE(cache->key("k1").ok());
}

TEST(Jwks, ASlowDocumentIsRefusedAfterTheTimeout) {
  JwksServer server;
  server.delay(kTimeout + 1500ms);
  aws::CurlHttpClient http;
  testing::FakeClock clock(seconds_now(core::SystemClock::instance()));
  const auto cache = make_cache(http, server.url(), clock);
  const auto refreshed = cache->refresh();
  ASSERT_FALSE(refreshed.ok());
  EXPECT_EQ(refreshed.error().code, ErrorCode::DEPENDENCY_UNAVAILABLE);
  EXPECT_NE(refreshed.error().detail.find("timed out"), std::string::npos) << refreshed.error().detail;
  EXPECT_EQ(cache->key_count(), 0U);
  server.stop();
}

}  // namespace
}  // namespace hub::core::auth
