// The function -> route table: every route group is served by exactly one Lambda function, the
// functions together serve exactly what hub-server serves, and `hubctl routes` reports each route
// with its function and whether the authorizer guards it.
#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <utility>

#include <gtest/gtest.h>

#include "apps/common/api_document.hpp"
#include "apps/common/function_routes.hpp"

namespace hub::apps {
namespace {

using RouteKey = std::pair<std::string, std::string>;  // method, path

std::map<RouteKey, json::object> routes_by_key(const json::array& table) {
  std::map<RouteKey, json::object> routes;
  for (const auto& entry : table) {
    const auto& route = entry.as_object();
    const RouteKey key{std::string(route.at("method").as_string()),
                       std::string(route.at("path").as_string())};
    EXPECT_TRUE(routes.emplace(key, route).second) << key.first << " " << key.second << " listed twice";
  }
  return routes;
}

TEST(FunctionRoutes, EveryGroupIsServedByExactlyOneFunction) {
  for (const RouteGroup group : all_route_groups()) {
    const auto serving = std::ranges::count_if(function_routes(), [&](const FunctionRoutes& function) {
      return std::ranges::find(function.groups, group) != function.groups.end();
    });
    EXPECT_EQ(serving, 1) << "route group " << static_cast<int>(group);
  }
}

TEST(FunctionRoutes, FindsFunctionsByName) {
  ASSERT_NE(find_function_routes("users"), nullptr);
  EXPECT_EQ(find_function_routes("users")->function, "users");
  EXPECT_EQ(find_function_routes("billing"), nullptr);
}

TEST(FunctionRoutes, TheFunctionsTogetherServeWhatHubServerServes) {
  auto everything = describing_service();
  ASSERT_TRUE(everything.ok());
  add_all_routes(*everything.value());
  std::set<RouteKey> all;
  for (const auto& route : everything.value()->router->routes())
    all.emplace(route.method, route.path_template);

  auto table = route_table();
  ASSERT_TRUE(table.ok());
  std::set<RouteKey> by_functions;
  for (const auto& [key, route] : routes_by_key(table.value())) by_functions.insert(key);
  EXPECT_EQ(by_functions, all);
}

TEST(FunctionRoutes, EachRouteNamesItsFunctionAndWhetherTheAuthorizerGuardsIt) {
  auto table = route_table();
  ASSERT_TRUE(table.ok());
  const auto routes = routes_by_key(table.value());
  const auto expect_route = [&](const std::string& method, const std::string& path, std::string_view function,
                                bool authorizer) {
    const auto found = routes.find({method, path});
    ASSERT_NE(found, routes.end()) << method << " " << path;
    EXPECT_EQ(found->second.at("function").as_string(), function) << method << " " << path;
    EXPECT_EQ(found->second.at("authorizer").as_bool(), authorizer) << method << " " << path;
  };
  expect_route("GET", "/health", "health", false);
  expect_route("GET", "/openapi.json", "health", false);
  expect_route("GET", "/docs", "health", false);
  expect_route("GET", "/docs/swagger-ui.css", "health", false);
  expect_route("GET", "/metrics", "health", true);
  expect_route("GET", "/auth/session", "auth", true);
  expect_route("GET", "/users/{id}", "users", true);
  for (const auto& [key, route] : routes) {
    EXPECT_EQ(route.size(), 4U) << key.first << " " << key.second;
  }
}

}  // namespace
}  // namespace hub::apps
