#include "apps/common/service.hpp"

#include <cstdlib>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "apps/common/authentication.hpp"
#include "apps/common/rate_limit_store.hpp"
#include "apps/common/table_role_source.hpp"
#include "apps/common/tracing.hpp"
#include "core/build_info.hpp"
#include "core/log.hpp"
#include "handlers/auth/session_routes.hpp"
#include "handlers/health/docs_routes.hpp"
#include "handlers/health/health_routes.hpp"
#include "middleware/access_log.hpp"
#include "middleware/standard_stack.hpp"
#include "services/cached_check.hpp"

namespace hub::apps {
namespace {

std::string env_or_empty(const core::EnvLookup& env, std::string_view name) { return env(name).value_or(""); }

// A pipeline that also owns the service its handlers refer to.
class OwningPipeline final : public http::Pipeline {
 public:
  OwningPipeline(std::shared_ptr<Service> service, std::vector<std::shared_ptr<const http::Middleware>> stack)
      : http::Pipeline(std::move(stack), service->router), service_(std::move(service)) {}

 private:
  std::shared_ptr<Service> service_;
};

// The table's rate counters, kept alive with the storage they belong to; null without storage
// (commands that serve no requests).
std::shared_ptr<const middleware::RateLimitStore> rate_limit_store(const Service& service) {
  if (!service.storage) return nullptr;
  return std::make_shared<TableRateLimitStore>(std::shared_ptr<const data::RateCounterRepository>(
      service.storage, service.storage->repositories.rate_counters.get()));
}

}  // namespace

Result<std::shared_ptr<Service>> load_service() {
  const auto env = core::process_environment();
  auto config = core::load_config(env, core::process_environment_names());
  if (!config) return std::move(config).error();
  auto service = std::make_shared<Service>();
  service->config = std::move(config).value();
  core::configure_logger(core::LogSettings{
      .service = service->config.service_name,
      .level = service->config.log_level,
      .function_name = env_or_empty(env, "AWS_LAMBDA_FUNCTION_NAME"),
      .function_memory_size = env_or_empty(env, "AWS_LAMBDA_FUNCTION_MEMORY_SIZE"),
      .function_version = env_or_empty(env, "AWS_LAMBDA_FUNCTION_VERSION"),
  });
  return service;
}

Status connect_storage(Service& service) {
  const auto env = core::process_environment();
  auto observer = call_observer(service.config, env, service.metrics->dependencies());
  if (!observer) return std::move(observer).error();
  auto storage = connect_storage(service.config, env, observer.value());
  if (!storage) return std::move(storage).error();
  service.storage = std::move(storage).value();
  service.role_source = table_role_source(service.storage, service.config.auth);
  service.authenticator = make_authenticator(service.config.auth, service.storage, service.role_source);
  return {};
}

void add_health_routes(Service& service) {
  std::vector<std::shared_ptr<const services::ComponentCheck>> checks;
  if (service.storage) {
    checks.push_back(std::make_shared<services::CachedCheck>(std::make_shared<StorageCheck>(service.storage),
                                                             service.config.storage.health_check_cache));
  }
  service.health = std::make_unique<services::HealthService>(std::move(checks), core::SystemClock::instance(),
                                                             service.config.service_name,
                                                             std::string(core::build_info().version));
  std::shared_ptr<const core::TableFiguresSource> table_figures;
  if (service.storage) {
    // Shares ownership of the storage its figures come from.
    table_figures = {service.storage, service.storage->table_figures.get()};
  }
  handlers::health::register_health_routes(*service.api, *service.health, *service.metrics,
                                           std::move(table_figures));
}

void add_auth_routes(Service& service) { handlers::auth::register_session_routes(*service.api); }

void add_api_docs_routes(Service& service, std::string document) {
  // HUB_DEFAULT_DOCS_DIR: where this build staged Swagger UI (cmake/DocsUi.cmake).
  std::string dir = service.config.docs_dir.empty() ? HUB_DEFAULT_DOCS_DIR : service.config.docs_dir;
  handlers::health::register_docs_routes(*service.api, [dir = std::move(dir)] {
    auto assets = handlers::health::load_docs_assets(dir);
    if (!assets.complete()) {
      core::logger().warning(
          "docs page not installed: GET /docs answers 503",
          {{"docs_dir", dir}, {"missing", fmt::format("{}", fmt::join(assets.missing, ","))}});
    }
    return assets;
  });
  if (document.empty()) {
    handlers::health::register_openapi_route(*service.api);
  } else {
    handlers::health::register_openapi_route(*service.api,
                                             std::make_shared<const std::string>(std::move(document)));
  }
}

services::ActivityRecorder& activity_recorder(Service& service) {
  if (!service.activity) {
    service.activity = std::make_unique<services::ActivityRecorder>(*service.storage->repositories.activity);
  }
  return *service.activity;
}

std::shared_ptr<const http::Pipeline> finish(const std::shared_ptr<Service>& service) {
  auto stack = middleware::standard_stack(service->config, *service->metrics, service->authenticator,
                                          service->router, rate_limit_store(*service));
  service->metrics->preregister(middleware::route_keys(*service->router));
  service->metrics->mark_ready();
  return std::make_shared<OwningPipeline>(service, std::move(stack));
}

}  // namespace hub::apps
