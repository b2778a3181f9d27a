// bench-auth: the cost of verifying one Cognito ID token (RS256, 2048-bit key) with
// core::auth::JwtVerifier and a warm key cache, parsing included: the whole of verify() on a
// realistic token, and its two halves (decode_jwt: split, base64url, strict JSON; the RSA
// signature check alone), each call timed on its own so p50/p99 are exact (nearest rank).
//
// Results: one JSON object on stdout (scripts/bench-auth records it in docs/performance.md).
// Environment:
//   BENCH_AUTH_ITERATIONS=20000   measured calls per case (after a tenth as many for warm-up)

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <exception>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

#include "bench_main.hpp"
#include "core/auth/jwk.hpp"
#include "core/auth/jwks_cache.hpp"
#include "core/auth/jwt.hpp"
#include "core/auth/jwt_verifier.hpp"
#include "core/clock.hpp"
#include "core/log.hpp"
#include "core/log_level.hpp"
#include "core/result.hpp"
#include "support/jwt_forge.hpp"

namespace {

namespace auth = hub::core::auth;
using SteadyClock = std::chrono::steady_clock;

constexpr std::string_view kIssuer = "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_BenchPool1";
constexpr std::string_view kClient = "bench-app-client-id-0001";

std::size_t iterations() {
  const char* text =
      std::getenv("BENCH_AUTH_ITERATIONS");  // NOLINT(concurrency-mt-unsafe): before any thread
  const long value = text == nullptr ? 20000 : std::strtol(text, nullptr, 10);  // NOLINT(google-runtime-int)
  return value > 0 ? static_cast<std::size_t>(value) : 20000;
}

double nearest_rank(std::vector<double> values, double percent) {
  std::ranges::sort(values);
  const auto rank =
      static_cast<std::size_t>(std::max(1.0, std::ceil(static_cast<double>(values.size()) * percent / 100)));
  return values[rank - 1];
}

// Times `call` `count` times after a warm-up; every call must succeed.
template <class Call>
boost::json::object measure(std::string_view name, std::size_t count, const Call& call) {
  for (std::size_t i = 0; i < count / 10 + 1; ++i) {
    if (!call()) throw std::runtime_error(fmt::format("{}: a warm-up call failed", name));
  }
  std::vector<double> micros;
  micros.reserve(count);
  const auto started = SteadyClock::now();
  for (std::size_t i = 0; i < count; ++i) {
    const auto before = SteadyClock::now();
    const bool ok = call();
    const auto after = SteadyClock::now();
    if (!ok) throw std::runtime_error(fmt::format("{}: call {} failed", name, i));
    micros.push_back(std::chrono::duration<double, std::micro>(after - before).count());
  }
  const double seconds = std::chrono::duration<double>(SteadyClock::now() - started).count();
  double sum = 0;
  for (const double m : micros) sum += m;
  return {{"case", name},
          {"calls", count},
          {"p50_us", nearest_rank(micros, 50)},
          {"p99_us", nearest_rank(micros, 99)},
          {"mean_us", sum / static_cast<double>(count)},
          {"calls_per_second", static_cast<double>(count) / seconds}};
}

int run() {
  // stdout carries the result: the key cache's log lines go nowhere below ERROR.
  hub::core::LogSettings quiet;
  quiet.level = hub::core::LogLevel::ERROR;
  hub::core::configure_logger(quiet);
  const std::size_t count = iterations();
  const hub::testing::RsaSigner signer("bench-key");
  const std::string jwks = hub::testing::jwks_document({signer.public_jwk()});
  const auto& clock = hub::core::SystemClock::instance();
  const auto now = std::chrono::floor<std::chrono::seconds>(clock.now()).time_since_epoch().count();
  const std::string token =
      signer.token(hub::testing::jws_header("bench-key"),
                   hub::testing::json_text(hub::testing::cognito_id_claims(kIssuer, kClient, now)));

  const auto keys = std::make_shared<auth::JwksCache>(
      "bench", [&jwks] { return hub::Result<std::string>(jwks); }, clock, std::chrono::seconds{10});
  if (!keys->refresh()) throw std::runtime_error("the key set did not load");
  auth::VerifierSettings settings;
  settings.issuer = std::string(kIssuer);
  settings.client_ids = {std::string(kClient)};
  const auth::JwtVerifier verifier(settings, keys, clock);
  const auto key = keys->key("bench-key");
  const auto decoded = auth::decode_jwt(token);
  if (!key || !decoded) throw std::runtime_error("the token does not decode");

  boost::json::array cases;
  cases.push_back(measure("verify", count, [&] { return verifier.verify(token).ok(); }));
  cases.push_back(measure("decode", count, [&] { return auth::decode_jwt(token).ok(); }));
  cases.push_back(measure("signature", count, [&] {
    return (*key)->verify("RS256", decoded->signing_input, decoded->signature);
  }));
  const boost::json::object result{
      {"token_bytes", token.size()}, {"key_bits", (*key)->signature_size() * 8}, {"cases", std::move(cases)}};
  fmt::print("{}\n", boost::json::serialize(result));
  return 0;
}

}  // namespace

int main() { return hub::bench::bench_main("bench-auth", run); }
