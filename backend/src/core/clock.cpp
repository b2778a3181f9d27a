#include "core/clock.hpp"

#include <fmt/format.h>

namespace hub::core {

const SystemClock& SystemClock::instance() {
  static const SystemClock clock;
  return clock;
}

CivilTime to_civil(SystemTime t) {
  using std::chrono::days;
  using std::chrono::milliseconds;
  const auto ms = std::chrono::time_point_cast<milliseconds>(t);
  const auto day = std::chrono::floor<days>(ms);
  const std::chrono::year_month_day ymd{day};
  const std::chrono::hh_mm_ss hms{ms - day};
  return {static_cast<int>(ymd.year()),
          static_cast<unsigned>(ymd.month()),
          static_cast<unsigned>(ymd.day()),
          static_cast<int>(hms.hours().count()),
          static_cast<int>(hms.minutes().count()),
          static_cast<int>(hms.seconds().count()),
          static_cast<int>(hms.subseconds().count())};
}

std::string to_rfc3339(SystemTime t) {
  const CivilTime c = to_civil(t);
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z", c.year, c.month, c.day, c.hour, c.minute,
                     c.second, c.millisecond);
}

}  // namespace hub::core
