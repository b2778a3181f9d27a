#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string_view>

#include "core/clock.hpp"

namespace hub::data {

// When an activity entry that occurred at `occurred_at` (RFC 3339) expires, in epoch seconds
// (the table's TTL attribute): that moment plus `retention`. nullopt when `occurred_at` is not an
// RFC 3339 date-time. The activity repository and the activity-expiry migration share this rule.
[[nodiscard]] inline std::optional<std::int64_t> activity_expires_at(std::string_view occurred_at,
                                                                     std::chrono::days retention) {
  const auto at = core::parse_rfc3339(occurred_at);
  if (!at) return std::nullopt;
  return std::chrono::floor<std::chrono::seconds>(*at + retention).time_since_epoch().count();
}

}  // namespace hub::data
