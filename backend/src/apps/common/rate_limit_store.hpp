#pragma once

#include <memory>

#include "data/rate_counter_repository.hpp"
#include "middleware/rate_limit_store.hpp"

namespace hub::apps {

// The rate-limit middleware's store on the table: data::RateCounterRepository's fixed-window
// counters (RATE#<class>:<subject> / WINDOW#<start>, docs/data-model.md), so every Lambda
// instance and every hub-server process on the table shares one count.
class TableRateLimitStore final : public middleware::RateLimitStore {
 public:
  explicit TableRateLimitStore(std::shared_ptr<const data::RateCounterRepository> counters)
      : counters_(std::move(counters)) {}

  [[nodiscard]] Result<middleware::RateLimitCount> hit(std::string_view key, std::int64_t limit,
                                                       std::chrono::seconds window) const override;

 private:
  std::shared_ptr<const data::RateCounterRepository> counters_;
};

}  // namespace hub::apps
