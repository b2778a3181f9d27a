#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "services/health_service.hpp"

namespace hub::services {

// Remembers a check's outcome for `ttl`, so a load balancer or monitor polling /health often does
// not turn into as many calls to the dependency. Concurrent callers share one refresh.
class CachedCheck final : public ComponentCheck {
 public:
  using Now = std::function<std::chrono::steady_clock::time_point()>;

  CachedCheck(std::shared_ptr<const ComponentCheck> inner, std::chrono::milliseconds ttl,
              Now now = std::chrono::steady_clock::now)
      : inner_(std::move(inner)), ttl_(ttl), now_(std::move(now)) {}

  [[nodiscard]] std::string name() const override { return inner_->name(); }
  [[nodiscard]] Status check() const override;

 private:
  std::shared_ptr<const ComponentCheck> inner_;
  std::chrono::milliseconds ttl_;
  Now now_;
  mutable std::mutex mutex_;  // guards the refresh and last_
  mutable std::optional<Status> last_;
  mutable std::chrono::steady_clock::time_point checked_at_{};
  // The healthy, fresh case is answered without the mutex: polling threads do not queue on it.
  mutable std::atomic<std::int64_t> ok_until_ns_{0};
};

}  // namespace hub::services
