#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace hub::core {

using SystemTime = std::chrono::system_clock::time_point;

// Wall-clock time, injectable so tests can fix it.
class Clock {
 public:
  virtual ~Clock() = default;
  [[nodiscard]] virtual SystemTime now() const = 0;
};

class SystemClock final : public Clock {
 public:
  [[nodiscard]] SystemTime now() const override { return std::chrono::system_clock::now(); }
  static const SystemClock& instance();
};

// A time point's UTC calendar fields, truncated to the millisecond.
struct CivilTime {
  int year = 1970;
  unsigned month = 1;
  unsigned day = 1;
  int hour = 0;
  int minute = 0;
  int second = 0;
  int millisecond = 0;
};
[[nodiscard]] CivilTime to_civil(SystemTime t);

// RFC 3339 in UTC with millisecond precision: 2026-11-24T05:26:57.123Z
[[nodiscard]] std::string to_rfc3339(SystemTime t);

// Reads an RFC 3339 date-time (`Z` or a numeric offset, optional fraction, kept to the
// millisecond). std::nullopt for anything else.
[[nodiscard]] std::optional<SystemTime> parse_rfc3339(std::string_view text);

}  // namespace hub::core
