#pragma once

#include <memory>

#include "http/middleware.hpp"
#include "http/router.hpp"
#include "middleware/rate_limiter.hpp"

namespace hub::middleware {

// Rate limiting of every request that authentication let through (placed after
// AuthenticationMiddleware, before any body is parsed). The request counts once, before the
// handler runs, under its route's class (RateLimiter::class_of), for the authenticated user
// ("user:<sub>") or, on public routes and paths no route serves, for the client address.
// Over the limit: 429 RATE_LIMITED with Retry-After; every counted response carries
// RateLimit-Policy and RateLimit. CORS preflights (OPTIONS) are never counted.
// Routes naming a class that has no limit are logged once, at construction.
class RateLimitMiddleware final : public http::Middleware {
 public:
  RateLimitMiddleware(std::shared_ptr<const RateLimiter> limiter, std::shared_ptr<const http::Router> router);
  http::Response handle(http::Request& request, const http::Next& next) const override;

 private:
  std::shared_ptr<const RateLimiter> limiter_;
  std::shared_ptr<const http::Router> router_;
};

// Rate limiting of the requests authentication refuses (placed just before
// AuthenticationMiddleware), so guessing tokens is limited too:
//  - a 401 counts against the client address under the "auth-failure" class; past its limit the
//    401 becomes a 429, and once this process has seen the address refused, requests to
//    protected routes from it are answered 429 before their token is even verified, until the
//    window ends;
//  - a 403 (a valid token lacking the permission) counts against the user under the route's
//    class, as if it had reached the handler.
// Answers that RateLimitMiddleware counted already (they carry RateLimit-Policy) are left alone.
// Public routes and paths no route serves pass through untouched (RateLimitMiddleware counts them).
class AuthenticationRateLimitMiddleware final : public http::Middleware {
 public:
  AuthenticationRateLimitMiddleware(std::shared_ptr<const RateLimiter> limiter,
                                    std::shared_ptr<const http::Router> router);
  http::Response handle(http::Request& request, const http::Next& next) const override;

 private:
  [[nodiscard]] http::Response count_refused(const http::Request& request, http::Response response,
                                             std::string_view rate_class, std::string_view subject) const;

  std::shared_ptr<const RateLimiter> limiter_;
  std::shared_ptr<const http::Router> router_;
};

}  // namespace hub::middleware
