#pragma once

#include <optional>
#include <string>
#include <vector>

#include "models/model.hpp"

namespace hub::models {

struct ComponentHealth {
  std::string name;
  std::string status;
  double duration_ms = 0;
  std::optional<std::string> detail;
};
BOOST_DESCRIBE_STRUCT(ComponentHealth, (), (name, status, duration_ms, detail))
HUB_MODEL(
    ComponentHealth, "The result of checking one component the service depends on.",
    field("name").describe("Component name, e.g. storage").min_length(1).max_length(64),
    field("status").describe("ok, or failing when the component cannot be used").one_of({"ok", "failing"}),
    field("duration_ms").describe("How long the check took").minimum(0),
    field("detail").describe("Why a failing check failed, safe to show").max_length(500));

struct HealthReport {
  std::string status;
  std::string service;
  std::string version;
  std::string timestamp;
  double uptime_seconds = 0;
  std::vector<ComponentHealth> checks;
};
BOOST_DESCRIBE_STRUCT(HealthReport, (), (status, service, version, timestamp, uptime_seconds, checks))
HUB_MODEL(HealthReport,
          "Liveness and the state of each component; HTTP 200 when every check is ok, 503 otherwise.",
          field("status").describe("ok when every check passes, failing otherwise").one_of({"ok", "failing"}),
          field("service").describe("Service name").min_length(1),
          field("version").describe("Semantic version of the running build").min_length(1),
          field("timestamp").describe("When the checks ran (UTC)").format(Format::date_time),
          field("uptime_seconds").describe("Seconds since the process started").minimum(0),
          field("checks").describe("One entry per component"));

}  // namespace hub::models
