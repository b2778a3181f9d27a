#pragma once

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <mutex>
#include <string>

namespace hub::apps {

// Progress of a long command, on stderr. On a terminal: one line redrawn in place (a bar, the
// percentage, items, items/s and the time left). Otherwise (a log, CI): a plain line every two
// seconds and one at the end, so the output stays readable and small.
class Progress {
 public:
  using Clock = std::chrono::steady_clock;

  struct Options {
    std::string label{};        // "backup", "restore"
    std::int64_t total = 0;     // 0: unknown (count and rate only); 100 % is shown at the end only
    bool approximate = false;   // the total is an estimate: shown as "~N"
    std::int64_t baseline = 0;  // done before this run (a resumed restore): not part of the rate
  };

  // `terminal` defaults to whether `out` is one.
  explicit Progress(Options options, std::FILE* out = stderr);
  Progress(Options options, std::FILE* out, bool terminal);

  // Thread-safe; draws only when due (terminal: every 100 ms; plain: every 2 s).
  void update(std::int64_t done);
  // The final figures, always drawn; ends the terminal line.
  void finish(std::int64_t done);
  // Ends the terminal line as it is (the command failed; its message comes next).
  void abandon();

  [[nodiscard]] bool terminal() const noexcept { return terminal_; }

 private:
  void draw(std::int64_t done, Clock::time_point now, bool final);
  [[nodiscard]] bool total_known(std::int64_t done, bool final) const noexcept;
  [[nodiscard]] std::string bar_line(std::int64_t done, double seconds, bool final) const;
  [[nodiscard]] std::string plain_line(std::int64_t done, double seconds, bool final) const;

  Options options_;
  std::FILE* out_;
  bool terminal_;
  Clock::time_point started_ = Clock::now();
  Clock::time_point last_drawn_{};
  std::mutex mutex_;
};

// 12345678 -> "12,345,678"
[[nodiscard]] std::string with_thousands(std::int64_t n);
// 1536 -> "1.5 KiB"
[[nodiscard]] std::string human_bytes(std::int64_t bytes);
// 75.2 -> "1:15"; 3725 -> "1:02:05"
[[nodiscard]] std::string clock_text(double seconds);

}  // namespace hub::apps
