#pragma once

#include <memory>
#include <string>

#include "core/metrics.hpp"
#include "core/table_figures.hpp"
#include "handlers/api.hpp"
#include "services/health_service.hpp"

namespace hub::handlers::health {

// GET /health and GET /version (public), GET /metrics (Permission::metrics_read: admins).
// /metrics reports the table's figures from `table` when given one.
void register_health_routes(Api& api, const services::HealthService& health,
                            const core::MetricsRegistry& metrics,
                            std::shared_ptr<const core::TableFiguresSource> table = nullptr);

// GET /openapi.json (public): the contract of every operation registered on `api` so far,
// itself included. Register it last.
void register_openapi_route(Api& api);

// GET /openapi.json (public) serving `document` as it is: the description of the whole API made
// at build time, for a binary that serves only some of its routes.
void register_openapi_route(Api& api, std::shared_ptr<const std::string> document);

}  // namespace hub::handlers::health
