#include "core/rate_limits.hpp"

#include <algorithm>
#include <array>

#include <fmt/format.h>

#include "core/text.hpp"

namespace hub::core {
namespace {

using std::chrono::seconds;

constexpr std::int64_t kMaxLimit = 1'000'000;
constexpr std::size_t kMaxClassLength = 32;

struct WindowUnit {
  char suffix;
  std::int64_t seconds;
};
// Largest first, so format_rate_limits picks the largest exact unit.
constexpr std::array<WindowUnit, 4> kUnits{{{'d', 86'400}, {'h', 3'600}, {'m', 60}, {'s', 1}}};
constexpr std::int64_t kMaxWindowSeconds = 86'400;

// "30s", "1m", "1h", "1d" -> seconds; std::nullopt otherwise.
std::optional<seconds> parse_window(std::string_view text) {
  if (text.size() < 2) return std::nullopt;
  const auto* const unit =
      std::ranges::find_if(kUnits, [&](const WindowUnit& u) { return u.suffix == text.back(); });
  if (unit == kUnits.end()) return std::nullopt;
  const auto count = parse_number<std::int64_t>(text.substr(0, text.size() - 1));
  if (!count || *count < 1 || *count > kMaxWindowSeconds / unit->seconds) return std::nullopt;
  return seconds{*count * unit->seconds};
}

// "read=600/1m" -> ("read", {600, 60s}).
std::optional<std::pair<std::string, RateLimit>> parse_item(std::string_view item) {
  const auto equals = item.find('=');
  const auto slash = item.find('/');
  if (equals == std::string_view::npos || slash == std::string_view::npos || slash < equals)
    return std::nullopt;
  const auto name = trim(item.substr(0, equals));
  const auto limit = parse_number<std::int64_t>(trim(item.substr(equals + 1, slash - equals - 1)));
  const auto window = parse_window(trim(item.substr(slash + 1)));
  if (!valid_rate_class(name) || !limit || *limit < 1 || *limit > kMaxLimit || !window) return std::nullopt;
  return std::pair{std::string(name), RateLimit{.limit = *limit, .window = *window}};
}

}  // namespace

const RateLimits& default_rate_limits() {
  static const RateLimits limits{
      {std::string(kAuthFailureRateClass), {.limit = 60, .window = seconds{60}}},
      {"feedback", {.limit = 20, .window = seconds{3600}}},
      {"public", {.limit = 300, .window = seconds{60}}},
      {"read", {.limit = 600, .window = seconds{60}}},
      {"write", {.limit = 120, .window = seconds{60}}},
  };
  return limits;
}

bool valid_rate_class(std::string_view name) noexcept {
  return !name.empty() && name.size() <= kMaxClassLength && std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
  });
}

std::optional<RateLimits> parse_rate_limits(std::string_view text) {
  RateLimits limits;
  while (!trim(text).empty()) {
    const auto comma = text.find(',');
    auto item = parse_item(trim(text.substr(0, comma)));
    if (!item || limits.contains(item->first)) return std::nullopt;
    limits.insert(std::move(*item));
    if (comma == std::string_view::npos) break;
    text.remove_prefix(comma + 1);
    if (trim(text).empty()) return std::nullopt;  // a trailing comma
  }
  return limits;
}

std::string format_rate_limits(const RateLimits& limits) {
  std::string out;
  for (const auto& [name, limit] : limits) {
    const auto window = limit.window.count();
    const auto* const unit =
        std::ranges::find_if(kUnits, [&](const WindowUnit& u) { return window % u.seconds == 0; });
    if (!out.empty()) out += ',';
    out += fmt::format("{}={}/{}{}", name, limit.limit, window / unit->seconds, unit->suffix);
  }
  return out;
}

}  // namespace hub::core
