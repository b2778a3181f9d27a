#pragma once

#include <memory>
#include <string>

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
  // Built only to describe the API (api_document()): its routes are registered and never
  // called, and no file is read for them.
  bool describe_only = false;
};

// Reads and validates the configuration from the environment and configures logging.
// A bad configuration is an error naming every bad variable.
[[nodiscard]] Result<std::shared_ptr<Service>> load_service();

// Builds service.storage from the configuration and the AWS environment, and with it
// service.authenticator (apps/common/authentication.hpp) when a user pool is configured.
// Its AWS clients count their calls in service.metrics (GET /metrics' dependencies) and, when
// tracing is on, record them as X-Ray subsegments (apps/common/tracing.hpp).
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

// Registers GET /docs (Swagger UI; its files are read from config.docs_dir, HUB_DOCS_DIR) and
// then GET /openapi.json. `document` is the description /openapi.json serves; empty: the
// description of every route registered on this service, /docs and /openapi.json included
// (register the other groups first). Serve the whole API's description in every binary that
// serves it: hub-server registers every group (add_all_routes); bootstrap-health passes
// built_api_document() (apps/common/api_document.hpp).
void add_api_docs_routes(Service& service, std::string document = {});

// The activity recorder over storage's table, built on first use.
[[nodiscard]] services::ActivityRecorder& activity_recorder(Service& service);

// The request pipeline over the routes registered (middleware::standard_stack, authenticating
// with service.authenticator and, with storage connected, rate limiting on the table's counters).
// The pipeline keeps the service alive.
[[nodiscard]] std::shared_ptr<const http::Pipeline> finish(const std::shared_ptr<Service>& service);

}  // namespace hub::apps
