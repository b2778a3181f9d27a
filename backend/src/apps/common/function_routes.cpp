#include "apps/common/function_routes.hpp"

#include <algorithm>
#include <array>
#include <utility>

#include "apps/common/api_document.hpp"

namespace hub::apps {
namespace {

constexpr std::array kAllGroups{RouteGroup::health, RouteGroup::auth, RouteGroup::users, RouteGroup::feedback,
                                RouteGroup::api_docs};

}  // namespace

std::span<const RouteGroup> all_route_groups() noexcept { return kAllGroups; }

std::span<const FunctionRoutes> function_routes() {
  static const std::vector<FunctionRoutes> kFunctions{
      {.function = "health", .groups = {RouteGroup::health, RouteGroup::api_docs}},
      {.function = "users", .groups = {RouteGroup::users, RouteGroup::feedback}},
      {.function = "auth", .groups = {RouteGroup::auth}},
  };
  return kFunctions;
}

const FunctionRoutes* find_function_routes(std::string_view function) {
  const auto functions = function_routes();
  const auto found = std::ranges::find_if(
      functions, [&](const FunctionRoutes& entry) { return entry.function == function; });
  return found == functions.end() ? nullptr : &*found;
}

void add_route_group(Service& service, RouteGroup group, std::string api_document) {
  switch (group) {
    case RouteGroup::health:
      add_health_routes(service);
      return;
    case RouteGroup::auth:
      add_auth_routes(service);
      return;
    case RouteGroup::users:
      add_users_routes(service);
      return;
    case RouteGroup::feedback:
      add_feedback_routes(service);
      return;
    case RouteGroup::api_docs:
      add_api_docs_routes(service, std::move(api_document));
      return;
  }
}

void add_function_routes(Service& service, const FunctionRoutes& function, const std::string& api_document) {
  for (const RouteGroup group : all_route_groups()) {
    if (std::ranges::find(function.groups, group) != function.groups.end()) {
      add_route_group(service, group, group == RouteGroup::api_docs ? api_document : std::string{});
    }
  }
}

Result<json::array> route_table() {
  json::array table;
  for (const auto& function : function_routes()) {
    auto service = describing_service();
    if (!service) return std::move(service).error();
    add_function_routes(*service.value(), function);
    for (const auto& route : service.value()->router->routes()) {
      table.push_back(json::object{{"function", function.function},
                                   {"method", route.method},
                                   {"path", route.path_template},
                                   {"authorizer", route.permission.has_value()}});
    }
  }
  return table;
}

}  // namespace hub::apps
