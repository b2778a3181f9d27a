#pragma once

#include <memory>
#include <vector>

#include "core/auth/authenticator.hpp"
#include "core/config.hpp"
#include "core/metrics.hpp"
#include "http/middleware.hpp"
#include "http/router.hpp"

namespace hub::middleware {

// The middleware every binary runs, outermost first:
//   request id -> access log -> metrics -> security headers -> CORS -> deadline
//   -> authentication -> body policy -> (router)
// so that every response, errors and 404s included, is logged, counted and carries the
// request id, the security headers and the CORS headers that apply; CORS preflights never need
// a token, and no body is parsed before its sender is authenticated.
// `authenticator` may be null (authentication not configured): protected routes then answer
// 401. `router` is the one the pipeline ends in; its routes say which permission they need.
[[nodiscard]] std::vector<std::shared_ptr<const http::Middleware>> standard_stack(
    const core::Config& config, core::MetricsRegistry& metrics,
    std::shared_ptr<const core::auth::Authenticator> authenticator,
    std::shared_ptr<const http::Router> router);

}  // namespace hub::middleware
