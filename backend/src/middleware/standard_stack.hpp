#pragma once

#include <memory>
#include <vector>

#include "core/config.hpp"
#include "core/metrics.hpp"
#include "http/middleware.hpp"

namespace hub::middleware {

// The middleware every binary runs, outermost first:
//   request id -> access log -> metrics -> security headers -> CORS -> body policy -> (router)
// so that every response, errors and 404s included, is logged, counted and carries the
// request id, the security headers and the CORS headers that apply.
[[nodiscard]] std::vector<std::shared_ptr<const http::Middleware>> standard_stack(
    const core::Config& config, core::MetricsRegistry& metrics);

}  // namespace hub::middleware
