#include "middleware/standard_stack.hpp"

#include <string>

#include "middleware/access_log.hpp"
#include "middleware/authentication.hpp"
#include "middleware/body_policy.hpp"
#include "middleware/cors.hpp"
#include "middleware/deadline.hpp"
#include "middleware/rate_limit.hpp"
#include "middleware/request_id.hpp"
#include "middleware/security_headers.hpp"

namespace hub::middleware {

std::vector<std::shared_ptr<const http::Middleware>> standard_stack(
    const core::Config& config, core::MetricsRegistry& metrics,
    std::shared_ptr<const core::auth::Authenticator> authenticator,
    std::shared_ptr<const http::Router> router, std::shared_ptr<const RateLimitStore> rate_limit_store) {
  CorsPolicy cors;
  cors.allowed_origins = config.cors_allowed_origins;
  cors.max_age = config.cors_max_age;
  std::vector<std::shared_ptr<const http::Middleware>> stack{
      std::make_shared<RequestIdMiddleware>(),
      std::make_shared<AccessLogMiddleware>(),
      std::make_shared<RequestMetricsMiddleware>(metrics, config.emf_metrics, config.metrics_namespace,
                                                 config.service_name),
      // The /docs page and its files set their own policy (handlers/health/docs_routes.hpp).
      std::make_shared<SecurityHeadersMiddleware>(std::vector<std::string>{"/docs"}),
      std::make_shared<CorsMiddleware>(std::move(cors)),
      std::make_shared<DeadlineMiddleware>(config.server.request_timeout),
  };
  std::shared_ptr<const RateLimiter> limiter;
  if (rate_limit_store && config.rate_limit.enabled) {
    limiter = std::make_shared<RateLimiter>(std::move(rate_limit_store), config.rate_limit, metrics);
    stack.push_back(std::make_shared<AuthenticationRateLimitMiddleware>(limiter, router));
  }
  stack.push_back(std::make_shared<AuthenticationMiddleware>(std::move(authenticator), router));
  if (limiter) stack.push_back(std::make_shared<RateLimitMiddleware>(limiter, router));
  stack.push_back(std::make_shared<BodyPolicyMiddleware>(config.max_body_bytes));
  return stack;
}

}  // namespace hub::middleware
