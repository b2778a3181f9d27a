#include "services/health_service.hpp"

#include <exception>

#include "core/log.hpp"

namespace hub::services {

HealthService::HealthService(std::vector<std::shared_ptr<const ComponentCheck>> checks,
                             const core::Clock& clock, std::string service, std::string version)
    : checks_(std::move(checks)),
      clock_(clock),
      service_(std::move(service)),
      version_(std::move(version)),
      started_(std::chrono::steady_clock::now()) {}

models::HealthReport HealthService::report() const {
  models::HealthReport report;
  report.service = service_;
  report.version = version_;
  report.timestamp = core::to_rfc3339(clock_.now());
  report.uptime_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count();
  report.status = "ok";
  for (const auto& check : checks_) {
    models::ComponentHealth component;
    component.name = check->name();
    const auto start = std::chrono::steady_clock::now();
    const Status outcome = check->check();
    component.duration_ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    if (outcome) {
      component.status = "ok";
    } else {
      component.status = "failing";
      component.detail = outcome.error().detail;
      report.status = "failing";
      core::logger().warning("health check failing",
                             {{"check", component.name}, {"detail", outcome.error().detail}});
    }
    report.checks.push_back(std::move(component));
  }
  return report;
}

}  // namespace hub::services
