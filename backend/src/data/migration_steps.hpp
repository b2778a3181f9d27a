#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string_view>

// The steps' own rules, for their tests. The list of steps is data::migrations()
// (data/migrations.hpp).
namespace hub::data {

// When an activity entry that occurred at `occurred_at` (RFC 3339) expires, in epoch seconds:
// that moment plus `retention`. nullopt when `occurred_at` is not an RFC 3339 date-time.
[[nodiscard]] std::optional<std::int64_t> activity_expires_at(std::string_view occurred_at,
                                                              std::chrono::days retention);

}  // namespace hub::data
