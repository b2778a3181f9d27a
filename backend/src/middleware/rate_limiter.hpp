#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "core/clock.hpp"
#include "core/metrics.hpp"
#include "core/rate_limits.hpp"
#include "http/request.hpp"
#include "http/response.hpp"
#include "http/router.hpp"
#include "middleware/rate_limit_store.hpp"
#include "middleware/refusal_memory.hpp"

namespace hub::middleware {

// What counting one request decided.
struct RateDecision {
  enum class Outcome : std::uint8_t {
    allowed,      // counted, within the limit
    refused,      // the limit was reached: 429
    unavailable,  // the store failed: HUB_RATE_LIMIT_ON_STORE_ERROR decides
  };
  Outcome outcome = Outcome::unavailable;
  std::string rate_class{};  // the policy the request counted under
  core::RateLimit policy{};
  std::int64_t remaining = 0;     // what is left of the window's quota
  std::chrono::seconds reset{0};  // until the window ends
};

// A process's rate limits: which policy a request counts under, counting it in the shared store
// (every process that shares the store enforces one limit), and what a refused request is told.
// Counter keys are "<class>:<subject>", the subject "user:<sub>" or "ip:<address>"
// (docs/rate-limiting.md). Configured at construction; the only state is the RefusalMemory.
class RateLimiter {
 public:
  // The standard classes (public, read, write, auth-failure) missing from `config.limits` take
  // their defaults, so every route has a policy.
  RateLimiter(std::shared_ptr<const RateLimitStore> store, core::RateLimitConfig config,
              core::MetricsRegistry& metrics, const core::Clock& clock = core::SystemClock::instance());

  // The class a route's requests count under: the route's own when it is configured, else the
  // class default_rate_class() gives the route (public, or read/write by method). No route
  // (404/405 to come): public.
  [[nodiscard]] std::string_view class_of(const http::RouteInfo* route) const;

  [[nodiscard]] bool configured(std::string_view rate_class) const {
    return config_.limits.contains(rate_class);
  }

  // Counts one request of `subject` under `rate_class` (a configured class). A subject this
  // process saw refused in the current window is refused again without asking the store.
  [[nodiscard]] RateDecision count(std::string_view rate_class, std::string_view subject) const;

  // The refusal this process remembers for `subject` under `rate_class`, without counting.
  [[nodiscard]] std::optional<RateDecision> remembered_refusal(std::string_view rate_class,
                                                               std::string_view subject) const;

  // The answer to a request whose decision stops it: 429 RATE_LIMITED with Retry-After for
  // `refused`; for `unavailable`, 503 DEPENDENCY_UNAVAILABLE when the store-error rule denies.
  // std::nullopt: the request goes on. Both carry the RateLimit fields.
  [[nodiscard]] std::optional<http::Response> refusal(const http::Request& request,
                                                      const RateDecision& decision) const;

  // Sets RateLimit-Policy and, when the count is known, RateLimit
  // (draft-ietf-httpapi-ratelimit-headers-11):
  //   RateLimit-Policy: "read";q=600;w=60
  //   RateLimit: "read";r=599;t=37
  static void add_fields(http::Response& response, const RateDecision& decision);

  // The subject of an authenticated caller: "user:<sub>".
  [[nodiscard]] static std::string user_subject(std::string_view user_id);
  // The subject of an anonymous caller: "ip:<address>"; an IPv6 address counts by its /64
  // ("ip:2001:db8:1:2::/64", what one host is usually given), an IPv4-mapped one as IPv4;
  // "ip:unknown" without an address.
  [[nodiscard]] static std::string client_subject(std::string_view remote_address);

 private:
  [[nodiscard]] RateDecision decision(std::string_view rate_class, RateDecision::Outcome outcome) const;

  std::shared_ptr<const RateLimitStore> store_;
  core::RateLimitConfig config_;
  core::MetricsRegistry& metrics_;
  mutable RefusalMemory memory_;  // thread-safe; a cache of what the store said
};

}  // namespace hub::middleware
