#include "core/log_level.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <string>

namespace hub::core {

std::string_view to_string(LogLevel level) noexcept {
  switch (level) {
    case LogLevel::DEBUG:
      return "DEBUG";
    case LogLevel::INFO:
      return "INFO";
    case LogLevel::WARNING:
      return "WARNING";
    case LogLevel::ERROR:
      return "ERROR";
    case LogLevel::CRITICAL:
      return "CRITICAL";
  }
  return "INFO";
}

std::optional<LogLevel> parse_log_level(std::string_view text) noexcept {
  std::string upper(text);
  std::transform(upper.begin(), upper.end(), upper.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  if (upper == "WARN") {
    return LogLevel::WARNING;
  }
  for (auto level :
       {LogLevel::DEBUG, LogLevel::INFO, LogLevel::WARNING, LogLevel::ERROR, LogLevel::CRITICAL}) {
    if (to_string(level) == upper) {
      return level;
    }
  }
  return std::nullopt;
}

}  // namespace hub::core
