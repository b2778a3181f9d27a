#include "handlers/health/health_routes.hpp"

#include <memory>

#include "core/build_info.hpp"
#include "models/codec.hpp"
#include "models/metrics.hpp"
#include "models/version.hpp"

namespace hub::handlers::health {
namespace {

models::VersionInfo version_info() {
  const auto& b = core::build_info();
  return {std::string(b.name),       std::string(b.version),  std::string(b.git_commit),
          std::string(b.build_time), std::string(b.compiler), std::string(b.build_type)};
}

}  // namespace

void register_health_routes(Api& api, const services::HealthService& health,
                            const core::MetricsRegistry& metrics,
                            std::shared_ptr<const core::TableFiguresSource> table) {
  api.get<models::HealthReport>("/health", "Liveness and component checks", "health", Access::public_route(),
                                [&health](const http::Request&) -> Result<http::Response> {
                                  const auto report = health.report();
                                  return http::Response::json(report.status == "ok" ? 200 : 503,
                                                              models::to_json(report));
                                },
                                {.errors = {503}});

  // The version never changes while the process lives: render it once.
  auto version_body = std::make_shared<const json::value>(models::to_json(version_info()));
  api.get<models::VersionInfo>("/version", "Name, version and provenance of the running build", "health",
                               Access::public_route(),
                               [version_body](const http::Request&) -> Result<http::Response> {
                                 return http::Response::json(200, *version_body);
                               });

  // Route names, traffic, latencies and table figures are operational detail: administrators only.
  api.get<models::MetricsSnapshot>(
      "/metrics", "Request counts and latency per route, AWS calls per operation, and the table's figures",
      "health", Access::require(core::auth::Permission::metrics_read),
      [&metrics, table = std::move(table)](const http::Request&) -> Result<http::Response> {
        auto snapshot = metrics.snapshot();
        if (table) snapshot.table = table->figures();
        return http::Response::json(200, models::to_json(snapshot));
      });
}

void register_openapi_route(Api& api) {
  // The document includes this operation, so declare it first and fill the body after.
  auto document = std::make_shared<std::string>();
  register_openapi_route(api, document);
  *document = to_json_text(openapi_document(api.operations()));
}

void register_openapi_route(Api& api, std::shared_ptr<const std::string> document) {
  api.get<json::value>("/openapi.json", "This API's OpenAPI 3.1 description", "health",
                       Access::public_route(), [document](const http::Request&) -> Result<http::Response> {
                         http::Response response;
                         response.headers.set("Content-Type", "application/json");
                         response.body = *document;
                         return response;
                       });
}

}  // namespace hub::handlers::health
