#include "apps/common/rate_limit_store.hpp"

namespace hub::apps {

Result<middleware::RateLimitCount> TableRateLimitStore::hit(std::string_view key, std::int64_t limit,
                                                            std::chrono::seconds window) const {
  auto counted = counters_->hit(key, limit, window);
  if (!counted) return std::move(counted).error();
  return middleware::RateLimitCount{
      .count = counted->count, .allowed = counted->allowed, .reset = counted->retry_after};
}

}  // namespace hub::apps
