#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace hub::core {

// The levels and spellings AWS Lambda Powertools uses.
enum class LogLevel : std::uint8_t { DEBUG, INFO, WARNING, ERROR, CRITICAL };

[[nodiscard]] std::string_view to_string(LogLevel level) noexcept;
// Accepts the Powertools names in any case, plus WARN.
[[nodiscard]] std::optional<LogLevel> parse_log_level(std::string_view text) noexcept;

}  // namespace hub::core
