#include "core/clock.hpp"

#include <fmt/format.h>

namespace hub::core {

const SystemClock& SystemClock::instance() {
  static const SystemClock clock;
  return clock;
}

std::string to_rfc3339(SystemTime t) {
  using std::chrono::days;
  using std::chrono::floor;
  using std::chrono::hh_mm_ss;
  using std::chrono::milliseconds;
  using std::chrono::time_point_cast;
  using std::chrono::year_month_day;
  const auto ms = time_point_cast<milliseconds>(t);
  const auto day = floor<days>(ms);
  const year_month_day ymd{day};
  const hh_mm_ss hms{ms - day};
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z", static_cast<int>(ymd.year()),
                     static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                     hms.hours().count(), hms.minutes().count(), hms.seconds().count(),
                     hms.subseconds().count());
}

}  // namespace hub::core
