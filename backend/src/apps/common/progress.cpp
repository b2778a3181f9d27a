#include "apps/common/progress.hpp"

#include <unistd.h>

#include <algorithm>
#include <array>
#include <cmath>

#include <fmt/format.h>

namespace hub::apps {
namespace {

constexpr auto kTerminalInterval = std::chrono::milliseconds{100};
constexpr auto kPlainInterval = std::chrono::seconds{2};
constexpr int kBarWidth = 24;

}  // namespace

std::string with_thousands(std::int64_t n) {
  const auto digits = std::to_string(n < 0 ? -static_cast<std::uint64_t>(n) : static_cast<std::uint64_t>(n));
  std::string out = n < 0 ? "-" : "";
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i != 0 && (digits.size() - i) % 3 == 0) out.push_back(',');
    out.push_back(digits[i]);
  }
  return out;
}

std::string human_bytes(std::int64_t bytes) {
  static constexpr std::array<std::string_view, 4> kUnits{"KiB", "MiB", "GiB", "TiB"};
  if (bytes < 1024) return fmt::format("{} B", bytes);
  auto value = static_cast<double>(bytes) / 1024;
  std::size_t unit = 0;
  while (value >= 1024 && unit + 1 < kUnits.size()) {
    value /= 1024;
    ++unit;
  }
  return fmt::format("{:.1f} {}", value, kUnits[unit]);
}

std::string clock_text(double seconds) {
  const auto total = static_cast<std::int64_t>(std::llround(std::max(0.0, seconds)));
  const auto h = total / 3600;
  const auto m = total / 60 % 60;
  const auto s = total % 60;
  return h > 0 ? fmt::format("{}:{:02}:{:02}", h, m, s) : fmt::format("{}:{:02}", m, s);
}

Progress::Progress(Options options, std::FILE* out)
    : Progress(std::move(options), out, ::isatty(::fileno(out)) == 1) {}

Progress::Progress(Options options, std::FILE* out, bool terminal)
    : options_(std::move(options)), out_(out), terminal_(terminal) {}

void Progress::update(std::int64_t done) {
  const auto now = Clock::now();
  const std::scoped_lock lock{mutex_};
  if (now - last_drawn_ <
      (terminal_ ? Clock::duration{kTerminalInterval} : Clock::duration{kPlainInterval})) {
    return;
  }
  if (!terminal_ && now - started_ < kPlainInterval) return;  // short runs print the final line only
  draw(done, now, false);
}

void Progress::finish(std::int64_t done) {
  const std::scoped_lock lock{mutex_};
  draw(done, Clock::now(), true);
}

// A count at or past the total before the end (an estimate that was low, or the last chunk
// before the final line) is shown without one, rather than as "10,000/10,000 (99%)".
bool Progress::total_known(std::int64_t done, bool final) const noexcept {
  return options_.total > 0 && (final || done < options_.total);
}

void Progress::abandon() {
  const std::scoped_lock lock{mutex_};
  if (terminal_ && last_drawn_ != Clock::time_point{}) {
    fmt::print(out_, "\n");
    (void)std::fflush(out_);
  }
}

void Progress::draw(std::int64_t done, Clock::time_point now, bool final) {
  last_drawn_ = now;
  const double seconds = std::chrono::duration<double>(now - started_).count();
  if (terminal_) {
    // \r back to the line's start, ESC[K clears what a longer earlier line left.
    fmt::print(out_, "\r{}\x1b[K{}", bar_line(done, seconds, final), final ? "\n" : "");
  } else {
    fmt::print(out_, "{}\n", plain_line(done, seconds, final));
  }
  (void)std::fflush(out_);
}

std::string Progress::bar_line(std::int64_t done, double seconds, bool final) const {
  const auto& o = options_;
  const double rate = seconds > 0 ? static_cast<double>(done - o.baseline) / seconds : 0;
  if (!total_known(done, final)) {
    return fmt::format("{}  {} items  {} items/s  {}", o.label, with_thousands(done),
                       with_thousands(std::llround(rate)), clock_text(seconds));
  }
  // Below the total here (total_known): 100 % is for the end.
  const auto percent = final ? 100 : std::clamp<std::int64_t>(done * 100 / o.total, 0, 99);
  const auto filled = static_cast<int>(percent * kBarWidth / 100);
  const std::string bar = std::string(static_cast<std::size_t>(filled), '#') +
                          std::string(static_cast<std::size_t>(kBarWidth - filled), '.');
  const auto items_per_second = with_thousands(std::llround(rate));
  if (final) {
    return fmt::format("{} [{}] 100%  {} items  {} items/s  done in {}", o.label, bar, with_thousands(done),
                       items_per_second, clock_text(seconds));
  }
  const std::string eta =
      rate > 0 ? fmt::format("ETA {}", clock_text(static_cast<double>(o.total - done) / rate)) : "ETA -";
  return fmt::format("{} [{}] {:3}%  {}/{}{} items  {} items/s  {}", o.label, bar, percent,
                     with_thousands(done), o.approximate ? "~" : "", with_thousands(o.total),
                     items_per_second, eta);
}

std::string Progress::plain_line(std::int64_t done, double seconds, bool final) const {
  const auto& o = options_;
  const double rate = seconds > 0 ? static_cast<double>(done - o.baseline) / seconds : 0;
  if (final) {
    return fmt::format("{}: {} items in {:.1f} s ({} items/s)", o.label, with_thousands(done), seconds,
                       with_thousands(std::llround(rate)));
  }
  if (!total_known(done, final)) {
    return fmt::format("{}: {} items, {} items/s", o.label, with_thousands(done),
                       with_thousands(std::llround(rate)));
  }
  const auto percent = std::clamp<std::int64_t>(done * 100 / o.total, 0, 99);
  const std::string eta =
      rate > 0 ? fmt::format(", ETA {}", clock_text(static_cast<double>(o.total - done) / rate))
               : std::string{};
  return fmt::format("{}: {}/{}{} items ({}%), {} items/s{}", o.label, with_thousands(done),
                     o.approximate ? "~" : "", with_thousands(o.total), percent,
                     with_thousands(std::llround(rate)), eta);
}

}  // namespace hub::apps
