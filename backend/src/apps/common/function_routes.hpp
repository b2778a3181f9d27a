#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "apps/common/service.hpp"
#include "core/json.hpp"
#include "core/result.hpp"

namespace hub::apps {

// Routes registered together by one call (add_health_routes, add_users_routes, ...).
enum class RouteGroup { health, auth, users, feedback, api_docs };

// Every group, in the order the API's description lists them (api_docs last: it describes the
// groups registered before it).
[[nodiscard]] std::span<const RouteGroup> all_route_groups() noexcept;

// The Lambda function (bootstrap-<function>) that serves some route groups. This table is the
// one place saying which function serves which route: the bootstrap mains register from it and
// `hubctl routes` prints it for the CDK stack (infra/generated/routes.json).
struct FunctionRoutes {
  std::string_view function;  // "health", "users", "auth"
  std::vector<RouteGroup> groups{};
};

// Every function, each group served by exactly one of them.
[[nodiscard]] std::span<const FunctionRoutes> function_routes();

// The function of that name; nullptr when there is none.
[[nodiscard]] const FunctionRoutes* find_function_routes(std::string_view function);

// Registers one group. `api_document` is what /openapi.json serves (api_docs only; empty: the
// description of the routes registered so far, see add_api_docs_routes).
void add_route_group(Service& service, RouteGroup group, std::string api_document = {});

// Registers the groups `function` serves, in all_route_groups() order (call before finish()).
void add_function_routes(Service& service, const FunctionRoutes& function,
                         const std::string& api_document = {});

// Every route of every function as API Gateway needs to know it, in function_routes() order:
// [{"function":"users","method":"GET","path":"/users/{id}","authorizer":true}, ...]; authorizer
// is true for routes that need a signed-in caller. Routes the API's description leaves out (the
// files /docs loads) are included. Built on a describing service (describing_service()).
[[nodiscard]] Result<json::array> route_table();

}  // namespace hub::apps
