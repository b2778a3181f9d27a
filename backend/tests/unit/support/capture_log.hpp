#pragma once

// Test support: a LogSink that keeps every line, and an RAII guard that installs it as the
// process-wide logger and puts a default (stdout, INFO) logger back afterwards.

#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <boost/json/parse.hpp>

#include "core/json.hpp"
#include "core/log.hpp"

namespace hub::testing {

class CapturingSink final : public core::LogSink {
 public:
  void write(std::string_view line) override {
    const std::lock_guard lock(mutex_);
    lines_.emplace_back(line);
  }

  [[nodiscard]] std::vector<std::string> lines() const {
    const std::lock_guard lock(mutex_);
    return lines_;
  }

  // Every line parsed as a JSON object (a line that is not one fails the parse loudly).
  [[nodiscard]] std::vector<json::object> objects() const {
    std::vector<json::object> out;
    for (const auto& line : lines()) out.push_back(boost::json::parse(line).as_object());
    return out;
  }

  // The parsed lines whose "message" equals `message`.
  [[nodiscard]] std::vector<json::object> with_message(std::string_view message) const {
    std::vector<json::object> out;
    for (auto& o : objects()) {
      if (const auto* m = o.if_contains("message");
          m != nullptr && m->is_string() && m->get_string() == message) {
        out.push_back(std::move(o));
      }
    }
    return out;
  }

  [[nodiscard]] std::string all_text() const {
    std::string out;
    for (const auto& line : lines()) out.append(line).append("\n");
    return out;
  }

  void clear() {
    const std::lock_guard lock(mutex_);
    lines_.clear();
  }

 private:
  mutable std::mutex mutex_;
  std::vector<std::string> lines_;
};

// Routes core::logger() into a CapturingSink for the lifetime of the guard.
class LogCapture {
 public:
  explicit LogCapture(core::LogLevel level = core::LogLevel::DEBUG, std::string service = "test-service")
      : sink_(std::make_shared<CapturingSink>()) {
    core::LogSettings settings;
    settings.service = std::move(service);
    settings.level = level;
    core::configure_logger(std::move(settings), sink_);
  }
  ~LogCapture() { core::configure_logger(core::LogSettings{}, nullptr); }
  LogCapture(const LogCapture&) = delete;
  LogCapture& operator=(const LogCapture&) = delete;
  LogCapture(LogCapture&&) = delete;
  LogCapture& operator=(LogCapture&&) = delete;

  [[nodiscard]] CapturingSink& sink() noexcept { return *sink_; }

 private:
  std::shared_ptr<CapturingSink> sink_;
};

// Parses a JSON text that a test expects to be valid.
[[nodiscard]] inline json::value parse(std::string_view text) { return boost::json::parse(text); }

}  // namespace hub::testing
