#include "middleware/rate_limit.hpp"

#include <set>

#include "core/log.hpp"

namespace hub::middleware {
namespace {

// CORS preflights and other OPTIONS requests: the CORS middleware or the router answer them
// without doing any work worth limiting.
bool never_counted(const http::Request& request) { return request.method == "OPTIONS"; }

}  // namespace

RateLimitMiddleware::RateLimitMiddleware(std::shared_ptr<const RateLimiter> limiter,
                                         std::shared_ptr<const http::Router> router)
    : limiter_(std::move(limiter)), router_(std::move(router)) {
  std::set<std::string> unconfigured;
  for (const auto& route : router_->routes()) {
    if (!limiter_->configured(route.rate_class)) unconfigured.insert(route.rate_class);
  }
  for (const auto& rate_class : unconfigured) {
    core::logger().warning("a rate class has no limit: its routes count as read or write by method",
                           {{"rate_class", rate_class}, {"hint", "add it to HUB_RATE_LIMITS"}});
  }
}

http::Response RateLimitMiddleware::handle(http::Request& request, const http::Next& next) const {
  if (never_counted(request)) return next(request);
  const auto* route = router_->find(request.method, request.path);
  // A refusal given here is logged and counted under the route, as the router would name it.
  if (route != nullptr) request.route = route->path_template;
  const auto subject = request.user ? RateLimiter::user_subject(request.user->user_id)
                                    : RateLimiter::client_subject(request.remote_address);
  const auto decision = limiter_->count(limiter_->class_of(route), subject);
  if (auto refused = limiter_->refusal(request, decision)) return std::move(*refused);
  auto response = next(request);
  RateLimiter::add_fields(response, decision);
  return response;
}

AuthenticationRateLimitMiddleware::AuthenticationRateLimitMiddleware(
    std::shared_ptr<const RateLimiter> limiter, std::shared_ptr<const http::Router> router)
    : limiter_(std::move(limiter)), router_(std::move(router)) {}

http::Response AuthenticationRateLimitMiddleware::handle(http::Request& request,
                                                         const http::Next& next) const {
  if (never_counted(request)) return next(request);
  const auto* route = router_->find(request.method, request.path);
  if (route == nullptr || !route->permission) return next(request);
  const auto client = RateLimiter::client_subject(request.remote_address);
  if (const auto remembered = limiter_->remembered_refusal(core::kAuthFailureRateClass, client)) {
    request.route = route->path_template;
    return *limiter_->refusal(request, *remembered);
  }
  auto response = next(request);
  // A response with the fields was counted by RateLimitMiddleware (the handler answered it).
  if (response.headers.contains("RateLimit-Policy")) return response;
  if (response.status == 401) {
    return count_refused(request, std::move(response), core::kAuthFailureRateClass, client);
  }
  if (response.status == 403 && request.user) {
    return count_refused(request, std::move(response), limiter_->class_of(route),
                         RateLimiter::user_subject(request.user->user_id));
  }
  return response;
}

http::Response AuthenticationRateLimitMiddleware::count_refused(const http::Request& request,
                                                                http::Response response,
                                                                std::string_view rate_class,
                                                                std::string_view subject) const {
  const auto decision = limiter_->count(rate_class, subject);
  // Refused already: a store failure leaves the refusal as it was, whatever the store-error rule.
  if (decision.outcome == RateDecision::Outcome::refused) return *limiter_->refusal(request, decision);
  RateLimiter::add_fields(response, decision);
  return response;
}

}  // namespace hub::middleware
