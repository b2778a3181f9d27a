#include "apps/common/api_document.hpp"

#include <map>
#include <memory>
#include <string>

#include "apps/common/function_routes.hpp"
#include "handlers/api.hpp"

namespace hub::apps {
namespace {

// What api_document() builds its service from. The endpoint is the discard port on loopback:
// should anything try to call it, the call fails at once instead of leaving the machine.
core::EnvLookup describing_environment() {
  static const std::map<std::string, std::string, std::less<>> kVariables{
      {"AWS_REGION", "us-east-1"},
      {"AWS_ACCESS_KEY_ID", "describe-only"},
      {"AWS_SECRET_ACCESS_KEY", "describe-only"},
      {"AWS_ENDPOINT_URL", "http://127.0.0.1:9"},
      {"HUB_PAGINATION_KEY", "describe-only-key-signing-no-cursor-ever"},
  };
  return [](std::string_view name) -> std::optional<std::string> {
    const auto found = kVariables.find(name);
    if (found == kVariables.end()) return std::nullopt;
    return found->second;
  };
}

}  // namespace

void add_all_routes(Service& service) {
  for (const RouteGroup group : all_route_groups()) add_route_group(service, group);
}

Result<std::shared_ptr<Service>> describing_service() {
  const auto env = describing_environment();
  auto config = core::load_config(env);
  if (!config) return std::move(config).error();
  auto service = std::make_shared<Service>();
  service->config = std::move(config).value();
  service->describe_only = true;
  auto storage = connect_storage(service->config, env);
  if (!storage) return std::move(storage).error();
  service->storage = std::move(storage).value();
  return service;
}

Result<json::object> api_document() {
  auto service = describing_service();
  if (!service) return std::move(service).error();
  add_all_routes(*service.value());
  return handlers::openapi_document(service.value()->api->operations());
}

}  // namespace hub::apps
