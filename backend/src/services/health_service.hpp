#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "models/health.hpp"

namespace hub::services {

// One component the service depends on (storage, identity provider, ...). check() returns
// an error when the component cannot be used; its detail is shown in /health.
class ComponentCheck {
 public:
  virtual ~ComponentCheck() = default;
  [[nodiscard]] virtual std::string name() const = 0;
  [[nodiscard]] virtual Status check() const = 0;
};

// Runs every check and reports: ok only when all pass.
class HealthService {
 public:
  HealthService(std::vector<std::shared_ptr<const ComponentCheck>> checks, const core::Clock& clock,
                std::string service, std::string version);

  [[nodiscard]] models::HealthReport report() const;

 private:
  std::vector<std::shared_ptr<const ComponentCheck>> checks_;
  const core::Clock& clock_;
  std::string service_;
  std::string version_;
  std::chrono::steady_clock::time_point started_;
};

}  // namespace hub::services
