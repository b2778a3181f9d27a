// hubctl: operator commands. Exits 0 on success, 1 on failure, 2 on bad usage.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <memory>
#include <span>
#include <string_view>

#include <fmt/format.h>

#include "apps/common/api_document.hpp"
#include "apps/common/function_routes.hpp"
#include "apps/common/service.hpp"
#include "core/build_info.hpp"
#include "core/deadline.hpp"
#include "core/json.hpp"
#include "core/log.hpp"
#include "core/text.hpp"
#include "hubctl_commands.hpp"

namespace {

constexpr std::string_view kUsage =
    "usage: hubctl <command>\n"
    "  version         print the build's name, version, commit, build time and compiler\n"
    "  config check    validate the configuration and AWS settings in the environment; print them, or\n"
    "                  every problem\n"
    "  openapi [--compact]\n"
    "                  print the OpenAPI 3.1 description of the whole API (what docs/openapi.json holds:\n"
    "                  sorted keys, indented; --compact: one line); reads no settings\n"
    "  table create    create the table (HUB_TABLE_NAME) from data/table.json unless it exists, wait\n"
    "                  until it is ACTIVE and enable TTL (for local emulators; AWS uses the CDK stack)\n"
    "  table describe  print the table's status, item count and indexes\n"
    "  table definition  print data/table.json as compiled in\n"
    "  routes          print every route as API Gateway serves it, with the function serving it and\n"
    "                  whether the Lambda authorizer guards it (what infra/generated/routes.json holds);\n"
    "                  reads no settings\n"
    "  migrate [--dry-run] [--to N] [--lease-seconds S]\n"
    "                  apply the pending migration steps in order (up to version N), one runner at a\n"
    "                  time under a lease of S seconds (default 30); --dry-run prints the plan and the\n"
    "                  items each step would write, and writes nothing\n"
    "  migrate status  print the table's migration version, the lease and each step's record\n"
    "  seed [--user-pool-id ID] [--password P]\n"
    "                  load the development data set: users of every role in the local Cognito user pool\n"
    "                  (innovation-hub-local, made if missing) with profiles, preferences, roles,\n"
    "                  activity and feedback; what exists is left alone (refused when HUB_ENV is prod)\n"
    "  auth env [--user-pool-id ID]\n"
    "                  make sure the local Cognito user pool, app client and groups exist and print\n"
    "                  COGNITO_USER_POOL_ID, COGNITO_APP_CLIENT_IDS and COGNITO_JWKS_URL for them, one per\n"
    "                  line: export $(hubctl auth env) (refused when HUB_ENV is prod)\n"
    "  token (--user EMAIL | --role ROLE) [--password P] [--access]\n"
    "                  sign a user in (InitiateAuth) and print their ID token (or access token) only;\n"
    "                  --role picks a seeded user holding ROLE in the table\n"
    "  roles show USER | roles set USER --roles R1,R2 | roles sync USER\n"
    "                  a user's roles (email or user id): show them with the user's Cognito groups,\n"
    "                  replace them in the table and mirror them to the groups, or repair the groups\n"
    "  backup --out FILE [--segments N]\n"
    "                  write every item of the table to FILE (gzip, one item a line in DynamoDB JSON;\n"
    "                  a parallel scan in N segments, default 4), then FILE.manifest.json (item count,\n"
    "                  size, SHA-256)\n"
    "  restore --in FILE [--table T] [--no-resume]\n"
    "                  check FILE against its manifest, then write its items into the table (or into\n"
    "                  T, another existing table); an interrupted restore resumes unless --no-resume\n";

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
  if (auto connected = hub::apps::connect_storage(*service.value()); !connected) {
    fmt::print(stderr, "{}", hub::core::describe_config_error(connected.error()));
    return 1;
  }
  const auto& c = service.value()->config;
  const auto& aws = service.value()->storage->aws;
  fmt::print(
      "configuration ok\n  HUB_ENV={}\n  POWERTOOLS_SERVICE_NAME={}\n  LOG_LEVEL={}\n  "
      "CORS_ALLOWED_ORIGINS={}\n"
      "  MAX_BODY_BYTES={}\n  METRICS_EMF={}\n  HUB_TABLE_NAME={}\n  AWS region {}\n  AWS credentials from "
      "{}\n"
      "  DynamoDB at {}\n",
      c.environment, c.service_name, hub::core::to_string(c.log_level),
      fmt::join(c.cors_allowed_origins, ","), c.max_body_bytes, c.emf_metrics, c.storage.table_name,
      aws.region, aws.credentials_source, aws.dynamodb_endpoint);
  return 0;
}

// The whole API's description, from the code alone (no environment is read): pretty-printed with
// sorted keys for docs/openapi.json, or --compact for the build (bootstrap-health).
int print_openapi(std::string_view option) {
  if (!option.empty() && option != "--compact") {
    fmt::print(stderr, "hubctl openapi: unknown option '{}' (only --compact)\n", option);
    return 2;
  }
  // Logs go to stderr: stdout is the document.
  hub::core::configure_logger(hub::core::logger().settings(),
                              std::make_shared<hub::core::FdSink>(hub::core::FdSink::kStderr));
  const auto document = hub::apps::api_document();
  if (!document) {
    fmt::print(stderr, "hubctl openapi: {}", hub::core::describe_config_error(document.error()));
    return 1;
  }
  if (option == "--compact") {
    fmt::print("{}\n", hub::to_json_text(document.value()));
  } else {
    fmt::print("{}", hub::to_pretty_json_text(document.value()));
  }
  return 0;
}

// The route table the CDK stack maps onto API Gateway (function_routes.hpp), indented JSON.
int print_routes() {
  hub::core::configure_logger(hub::core::logger().settings(),
                              std::make_shared<hub::core::FdSink>(hub::core::FdSink::kStderr));
  const auto routes = hub::apps::route_table();
  if (!routes) {
    fmt::print(stderr, "hubctl routes: {}", hub::core::describe_config_error(routes.error()));
    return 1;
  }
  fmt::print("{}", hub::to_pretty_json_text(routes.value()));
  return 0;
}

using hub::apps::hubctl::service_with_storage;

int table_create() {
  const auto service = service_with_storage();
  if (!service) return 1;
  const auto& storage = *service->storage;
  const auto deadline = hub::core::Deadline::after(std::chrono::seconds{60});
  auto created = storage.dynamodb->ensure_table(storage.table.spec, deadline);
  if (!created) {
    fmt::print(stderr, "hubctl: could not create table {} at {}: {}\n", storage.table.spec.name,
               storage.aws.dynamodb_endpoint, created.error().describe());
    return 1;
  }
  fmt::print("table {} {} at {}\n", storage.table.spec.name, *created ? "created" : "already exists",
             storage.aws.dynamodb_endpoint);
  return 0;
}

int table_describe() {
  const auto service = service_with_storage();
  if (!service) return 1;
  const auto& storage = *service->storage;
  auto table = storage.dynamodb->describe_table(storage.table.spec.name,
                                                hub::core::Deadline::after(std::chrono::seconds{10}));
  if (!table) {
    fmt::print(stderr, "hubctl: {}\n", table.error().describe());
    return 1;
  }
  fmt::print("table {}\n  status {}\n  items {}\n  endpoint {}\n", table->name, table->status,
             table->item_count, storage.aws.dynamodb_endpoint);
  for (const auto& index : table->indexes) fmt::print("  index {} {}\n", index.name, index.status);
  return 0;
}

}  // namespace

namespace hub::apps::hubctl {

std::shared_ptr<Service> service_with_storage() {
  auto service = load_service();
  if (!service) {
    fmt::print(stderr, "{}", core::describe_config_error(service.error()));
    return nullptr;
  }
  if (auto connected = connect_storage(*service.value()); !connected) {
    fmt::print(stderr, "{}", core::describe_config_error(connected.error()));
    return nullptr;
  }
  return std::move(service).value();
}

bool is_production_environment(std::string_view hub_env) {
  const auto env = core::to_lower(core::trim(hub_env));
  return env == "prod" || env == "production";
}

}  // namespace hub::apps::hubctl

int main(int argc, char** argv) {
  const std::string_view command = argc > 1 ? argv[1] : "";
  const std::string_view sub = argc > 2 ? argv[2] : "";
  try {
    if (command == "version" || command == "--version") return print_version();
    if (command == "config" && sub == "check") return config_check();
    if (command == "openapi") return print_openapi(sub);
    if (command == "routes") return print_routes();
    if (command == "table" && sub == "create") return table_create();
    if (command == "table" && sub == "describe") return table_describe();
    if (command == "table" && sub == "definition") {
      fmt::print("{}", hub::data::table_definition_json());
      return 0;
    }
    const std::span<char* const> rest{argv + std::min(argc, 2), argv + argc};
    if (command == "migrate") return hub::apps::hubctl::migrate(rest);
    if (command == "backup") return hub::apps::hubctl::backup(rest);
    if (command == "restore") return hub::apps::hubctl::restore(rest);
    if (command == "seed") return hub::apps::hubctl::seed(rest);
    if (command == "auth") return hub::apps::hubctl::auth(rest);
    if (command == "token") return hub::apps::hubctl::token(rest);
    if (command == "roles") return hub::apps::hubctl::roles(rest);
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
