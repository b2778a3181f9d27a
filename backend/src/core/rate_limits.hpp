#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace hub::core {

// How many requests one subject (a user, or a client address) may make in a fixed window.
struct RateLimit {
  std::int64_t limit = 0;
  std::chrono::seconds window{0};
  bool operator==(const RateLimit&) const = default;
};

// Limits by rate class ("public", "read", "write", "auth-failure", or a class a route names).
using RateLimits = std::map<std::string, RateLimit, std::less<>>;

// The class under which failed authentications count, per client address.
inline constexpr std::string_view kAuthFailureRateClass = "auth-failure";

// What a request gets when its counter cannot be updated (the table is unreachable).
enum class RateLimitStoreErrorPolicy : std::uint8_t { allow, deny };

// The limits every process starts from; HUB_RATE_LIMITS overrides them class by class
// (docs/rate-limiting.md says why these numbers).
[[nodiscard]] const RateLimits& default_rate_limits();

// Rate limiting as configured (HUB_RATE_LIMIT_*; docs/rate-limiting.md).
struct RateLimitConfig {
  bool enabled = true;
  RateLimits limits = default_rate_limits();
  RateLimitStoreErrorPolicy on_store_error = RateLimitStoreErrorPolicy::allow;
  std::chrono::milliseconds store_timeout{500};  // budget of one counter update, retries included
};

// A rate class name: 1-32 of a-z 0-9 - _ (it is also the policy name in RateLimit-Policy).
[[nodiscard]] bool valid_rate_class(std::string_view name) noexcept;

// "read=600/1m, write=120/1m": a comma-separated list of class=N/window, the window a whole
// number of s, m, h or d from 1s to 1d, N from 1 to 1000000, each class at most once.
// std::nullopt when anything is malformed.
[[nodiscard]] std::optional<RateLimits> parse_rate_limits(std::string_view text);

// The same form back, classes in name order, each window in its largest exact unit.
[[nodiscard]] std::string format_rate_limits(const RateLimits& limits);

}  // namespace hub::core
