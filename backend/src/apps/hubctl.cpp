// hubctl: operator commands. Exits 0 on success, 1 on failure, 2 on bad usage.
#include <cstdio>
#include <string_view>

#include <fmt/format.h>

#include "apps/common/service.hpp"
#include "core/build_info.hpp"
#include "core/json.hpp"
#include "handlers/api.hpp"

namespace {

constexpr std::string_view kUsage =
    "usage: hubctl <command>\n"
    "  version         print the build's name, version, commit, build time and compiler\n"
    "  config check    validate the configuration in the environment; print it, or every problem\n"
    "  openapi         print the OpenAPI 3.1 document of the API\n";

int print_version() {
  const auto& b = hub::core::build_info();
  fmt::print("{} {}\ncommit {}\nbuilt {}\ncompiler {} ({})\n", b.name, b.version, b.git_commit, b.build_time,
             b.compiler, b.build_type);
  return 0;
}

int config_check() {
  auto service = hub::apps::load_service();
  if (!service) {
    fmt::print(stderr, "{}", hub::core::describe_config_error(service.error()));
    return 1;
  }
  const auto& c = service.value()->config;
  fmt::print(
      "configuration ok\n  HUB_ENV={}\n  POWERTOOLS_SERVICE_NAME={}\n  LOG_LEVEL={}\n  "
      "CORS_ALLOWED_ORIGINS={}\n"
      "  MAX_BODY_BYTES={}\n  METRICS_EMF={}\n",
      c.environment, c.service_name, hub::core::to_string(c.log_level),
      fmt::join(c.cors_allowed_origins, ","), c.max_body_bytes, c.emf_metrics);
  return 0;
}

int print_openapi() {
  auto service = hub::apps::load_service();
  if (!service) {
    fmt::print(stderr, "{}", hub::core::describe_config_error(service.error()));
    return 1;
  }
  hub::apps::add_health_routes(*service.value());
  const auto pipeline = hub::apps::finish(service.value());
  fmt::print("{}\n", hub::to_json_text(hub::handlers::openapi_document(service.value()->api->operations())));
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  const std::string_view command = argc > 1 ? argv[1] : "";
  const std::string_view sub = argc > 2 ? argv[2] : "";
  try {
    if (command == "version" || command == "--version") return print_version();
    if (command == "config" && sub == "check") return config_check();
    if (command == "openapi") return print_openapi();
    if (command == "help" || command == "--help" || command == "-h") {
      fmt::print("{}", kUsage);
      return 0;
    }
  } catch (const std::exception& e) {
    // The CLI's edge: a bug becomes a message and a non-zero exit.
    fmt::print(stderr, "hubctl: unexpected error: {}\n", e.what());
    return 1;
  }
  fmt::print(stderr, "hubctl: unknown command '{}'\n{}", fmt::format("{} {}", command, sub), kUsage);
  return 2;
}
