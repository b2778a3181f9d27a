#pragma once

#include <memory>
#include <vector>

#include "core/auth/authenticator.hpp"
#include "core/config.hpp"
#include "core/metrics.hpp"
#include "http/middleware.hpp"
#include "http/router.hpp"
#include "middleware/rate_limit_store.hpp"

namespace hub::middleware {

// The middleware every binary runs, outermost first:
//   request id -> access log -> metrics -> security headers -> CORS -> deadline
//   -> authentication rate limit -> authentication -> rate limit -> body policy -> (router)
// so that every response, errors, 404s and 429s included, is logged, counted and carries the
// request id, the security headers and the CORS headers that apply; CORS preflights never need
// a token and are never rate-limited; requests count against their user once authenticated,
// failed authentications against the client address; and no body is parsed before its sender
// is authenticated and counted.
// `authenticator` may be null (authentication not configured): protected routes then answer
// 401. `router` is the one the pipeline ends in; its routes say which permission they need and
// which rate class they count under. `rate_limit_store` holds the shared counters; null, or
// HUB_RATE_LIMIT_ENABLED=false, leaves rate limiting out.
[[nodiscard]] std::vector<std::shared_ptr<const http::Middleware>> standard_stack(
    const core::Config& config, core::MetricsRegistry& metrics,
    std::shared_ptr<const core::auth::Authenticator> authenticator,
    std::shared_ptr<const http::Router> router,
    std::shared_ptr<const RateLimitStore> rate_limit_store = nullptr);

}  // namespace hub::middleware
