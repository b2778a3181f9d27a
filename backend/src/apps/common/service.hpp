#pragma once

#include <memory>

#include "apps/common/storage.hpp"
#include "core/auth/authenticator.hpp"
#include "core/config.hpp"
#include "core/metrics.hpp"
#include "core/result.hpp"
#include "handlers/api.hpp"
#include "http/middleware.hpp"
#include "http/router.hpp"
#include "services/activity_recorder.hpp"
#include "services/health_service.hpp"

namespace hub::apps {

// Everything one process serves with, built once at start and kept for its lifetime.
// Each binary's main() decides which route groups to register on it.
struct Service {
  core::Config config;
  std::shared_ptr<core::MetricsRegistry> metrics = std::make_shared<core::MetricsRegistry>();
  std::shared_ptr<http::Router> router = std::make_shared<http::Router>();
  std::unique_ptr<handlers::Api> api = std::make_unique<handlers::Api>(*router);
  std::unique_ptr<services::HealthService> health;
  std::shared_ptr<Storage> storage;  // set by connect_storage(); absent for commands that need no data
  // Checks bearer tokens on routes that require a permission; null: authentication is not
  // configured and those routes answer 401.
  std::shared_ptr<const core::auth::Authenticator> authenticator;
  // The roles the authenticator reads (the table's, behind the role cache); set with storage.
  std::shared_ptr<const core::auth::RoleSource> role_source;
  // Records users' changes; built by the first route group that needs it (needs storage).
  std::unique_ptr<services::ActivityRecorder> activity;
  // What route groups run on (their services and adapters), kept for the process's lifetime.
  std::vector<std::shared_ptr<void>> parts;
};

// Reads and validates the configuration from the environment and configures logging.
// A bad configuration is an error naming every bad variable.
[[nodiscard]] Result<std::shared_ptr<Service>> load_service();

// Builds service.storage from the configuration and the AWS environment, and with it
// service.authenticator (apps/common/authentication.hpp) when a user pool is configured.
// Its AWS clients count their calls in service.metrics (GET /metrics' dependencies).
[[nodiscard]] Status connect_storage(Service& service);

// Registers GET /health, /version, /metrics (call before finish()). With storage connected,
// /health checks it and /metrics reports the table's figures.
void add_health_routes(Service& service);

// Registers GET /auth/session (call before finish()).
void add_auth_routes(Service& service);

// Registers /users/...: profile, preferences, administration and activity (needs storage; call
// before finish()).
void add_users_routes(Service& service);

// Registers /feedback... (needs storage; call before finish()).
void add_feedback_routes(Service& service);

// The activity recorder over storage's table, built on first use.
[[nodiscard]] services::ActivityRecorder& activity_recorder(Service& service);

// Registers /openapi.json over everything registered so far and returns the request pipeline
// (middleware::standard_stack, authenticating with service.authenticator).
// The pipeline keeps the service alive.
[[nodiscard]] std::shared_ptr<const http::Pipeline> finish(const std::shared_ptr<Service>& service);

}  // namespace hub::apps
