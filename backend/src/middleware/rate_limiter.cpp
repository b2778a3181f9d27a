#include "middleware/rate_limiter.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>

#include <algorithm>
#include <array>

#include <fmt/format.h>

#include "core/deadline.hpp"
#include "core/log.hpp"
#include "http/problem.hpp"

namespace hub::middleware {
namespace {

using Outcome = RateDecision::Outcome;

std::string_view policy_name(core::RateLimitStoreErrorPolicy policy) {
  return policy == core::RateLimitStoreErrorPolicy::allow ? "allow" : "deny";
}

std::string counter_key(std::string_view rate_class, std::string_view subject) {
  return fmt::format("{}:{}", rate_class, subject);
}

// An IPv6 address as its /64 ("2001:db8:1:2::/64"), an IPv4-mapped one as IPv4;
// std::nullopt when `address` is not IPv6.
std::optional<std::string> ipv6_subject(const std::string& address) {
  std::array<unsigned char, sizeof(in6_addr)> bytes{};
  if (address.find(':') == std::string::npos || inet_pton(AF_INET6, address.c_str(), bytes.data()) != 1)
    return std::nullopt;
  constexpr std::array<unsigned char, 12> kMappedPrefix{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
  if (std::equal(kMappedPrefix.begin(), kMappedPrefix.end(), bytes.begin())) {
    return fmt::format("ip:{}.{}.{}.{}", bytes[12], bytes[13], bytes[14], bytes[15]);
  }
  const auto group = [&](std::size_t i) { return (unsigned{bytes[2 * i]} << 8U) | bytes[2 * i + 1]; };
  return fmt::format("ip:{:x}:{:x}:{:x}:{:x}::/64", group(0), group(1), group(2), group(3));
}

}  // namespace

RateLimiter::RateLimiter(std::shared_ptr<const RateLimitStore> store, core::RateLimitConfig config,
                         core::MetricsRegistry& metrics, const core::Clock& clock)
    : store_(std::move(store)), config_(std::move(config)), metrics_(metrics), memory_(clock) {
  for (const auto& [name, limit] : core::default_rate_limits()) config_.limits.try_emplace(name, limit);
}

std::string_view RateLimiter::class_of(const http::RouteInfo* route) const {
  std::string fallback = "public";
  if (route != nullptr) {
    if (const auto own = config_.limits.find(route->rate_class); own != config_.limits.end())
      return own->first;
    fallback = http::default_rate_class(route->method, route->permission);
  }
  return config_.limits.find(fallback)->first;  // the standard classes are always configured
}

RateDecision RateLimiter::decision(std::string_view rate_class, Outcome outcome) const {
  auto found = config_.limits.find(rate_class);
  if (found == config_.limits.end()) found = config_.limits.find("public");
  return RateDecision{.outcome = outcome, .rate_class = found->first, .policy = found->second};
}

std::optional<RateDecision> RateLimiter::remembered_refusal(std::string_view rate_class,
                                                            std::string_view subject) const {
  const auto refused_for = memory_.refused_for(counter_key(rate_class, subject));
  if (!refused_for) return std::nullopt;
  auto refused = decision(rate_class, Outcome::refused);
  refused.reset = *refused_for;
  return refused;
}

RateDecision RateLimiter::count(std::string_view rate_class, std::string_view subject) const {
  const auto key = counter_key(rate_class, subject);
  auto result = decision(rate_class, Outcome::unavailable);
  if (const auto refused_for = memory_.refused_for(key)) {
    result.outcome = Outcome::refused;
    result.reset = *refused_for;
    return result;
  }
  const core::ScopedDeadline budget{core::Deadline::after(config_.store_timeout)};
  const auto counted = store_->hit(key, result.policy.limit, result.policy.window);
  if (!counted) {
    metrics_.record_rate_limit_store_error();
    core::logger().warning("rate limit counter could not be updated",
                           {{"rate_class", result.rate_class},
                            {"on_store_error", policy_name(config_.on_store_error)},
                            {"code", name(counted.error().code)}});
    return result;
  }
  result.reset = std::max(counted->reset, std::chrono::seconds{0});
  if (!counted->allowed) {
    result.outcome = Outcome::refused;
    memory_.remember(key, result.reset);
    return result;
  }
  result.outcome = Outcome::allowed;
  result.remaining = std::max<std::int64_t>(result.policy.limit - counted->count, 0);
  return result;
}

std::optional<http::Response> RateLimiter::refusal(const http::Request& request,
                                                   const RateDecision& decision) const {
  if (decision.outcome == Outcome::allowed) return std::nullopt;
  if (decision.outcome == Outcome::unavailable) {
    if (config_.on_store_error == core::RateLimitStoreErrorPolicy::allow) return std::nullopt;
    auto response =
        http::problem_response(Error::make(ErrorCode::DEPENDENCY_UNAVAILABLE,
                                           "Request limits cannot be checked right now; retry later."),
                               request.request_id, request.path);
    add_fields(response, decision);
    return response;
  }
  metrics_.record_rate_limited(decision.rate_class);
  const auto retry_after = std::max(decision.reset, std::chrono::seconds{1});
  auto response = http::problem_response(
      Error::make(ErrorCode::RATE_LIMITED,
                  fmt::format("Too many requests: the {} limit is {} per {} seconds. Retry after {} seconds.",
                              decision.rate_class, decision.policy.limit, decision.policy.window.count(),
                              retry_after.count())),
      request.request_id, request.path);
  response.headers.set("Retry-After", std::to_string(retry_after.count()));
  add_fields(response, decision);
  return response;
}

void RateLimiter::add_fields(http::Response& response, const RateDecision& decision) {
  response.headers.set("RateLimit-Policy",
                       fmt::format(R"("{}";q={};w={})", decision.rate_class, decision.policy.limit,
                                   decision.policy.window.count()));
  if (decision.outcome == Outcome::unavailable) return;
  response.headers.set("RateLimit", fmt::format(R"("{}";r={};t={})", decision.rate_class,
                                                decision.outcome == Outcome::refused ? 0 : decision.remaining,
                                                decision.reset.count()));
}

std::string RateLimiter::user_subject(std::string_view user_id) { return fmt::format("user:{}", user_id); }

std::string RateLimiter::client_subject(std::string_view remote_address) {
  if (remote_address.empty()) return "ip:unknown";
  const std::string address(remote_address);
  if (auto v6 = ipv6_subject(address)) return std::move(*v6);
  return "ip:" + address;
}

}  // namespace hub::middleware
