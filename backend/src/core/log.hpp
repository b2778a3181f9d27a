#pragma once

#include <initializer_list>
#include <memory>
#include <mutex>
#include <source_location>
#include <string>
#include <string_view>
#include <utility>

#include "core/json.hpp"
#include "core/log_level.hpp"

namespace hub::core {

// Where finished log lines go. One line per call, without the trailing newline.
class LogSink {
 public:
  virtual ~LogSink() = default;
  virtual void write(std::string_view line) = 0;
};

// Writes to a file descriptor, stdout unless told otherwise, one system call per line; lines
// never interleave. Commands whose stdout is their output (hubctl) log to stderr.
class FdSink final : public LogSink {
 public:
  static constexpr int kStdout = 1;
  static constexpr int kStderr = 2;
  explicit FdSink(int fd = kStdout) : fd_(fd) {}
  void write(std::string_view line) override;

 private:
  int fd_;
  std::mutex mutex_;
};

// Fields that describe the current invocation/request on this thread (Powertools names).
// Set through ScopedLogContext; read by every log line written on the thread.
struct LogContext {
  std::string function_request_id{};
  std::string xray_trace_id{};
  std::string correlation_id{};
  std::string request_id{};
  std::string user_id{};  // the authenticated caller's id (Cognito sub); nothing else of the user
  bool cold_start = false;
  bool in_invocation = false;
};

[[nodiscard]] const LogContext& current_log_context() noexcept;

// Installs a context for the lifetime of the object and restores the previous one after.
class ScopedLogContext {
 public:
  explicit ScopedLogContext(LogContext context);
  ~ScopedLogContext();
  ScopedLogContext(const ScopedLogContext&) = delete;
  ScopedLogContext& operator=(const ScopedLogContext&) = delete;
  ScopedLogContext(ScopedLogContext&&) = delete;
  ScopedLogContext& operator=(ScopedLogContext&&) = delete;

 private:
  LogContext previous_;
};

struct LogSettings {
  std::string service = "innovation-hub";
  LogLevel level = LogLevel::INFO;
  std::string function_name;         // AWS_LAMBDA_FUNCTION_NAME, empty outside Lambda
  std::string function_memory_size;  // AWS_LAMBDA_FUNCTION_MEMORY_SIZE
  std::string function_version;      // AWS_LAMBDA_FUNCTION_VERSION
};

// One extra field of a log line. Strings, numbers, booleans and JSON values all convert.
struct LogField {
  LogField(std::string_view k, json::value v) : key(k), value(std::move(v)) {}
  LogField(std::string_view k, std::string_view v) : key(k), value(v) {}
  LogField(std::string_view k, const char* v) : key(k), value(std::string_view{v}) {}
  LogField(std::string_view k, const std::string& v) : key(k), value(std::string_view{v}) {}
  std::string_view key;
  json::value value;
};

// JSON log lines with AWS Lambda Powertools field names. Extra fields are redacted
// (core/redact.hpp) before they are written, and so is the message.
class Logger {
 public:
  Logger(LogSettings settings, std::shared_ptr<LogSink> sink);

  [[nodiscard]] bool enabled(LogLevel level) const noexcept { return level >= settings_.level; }
  [[nodiscard]] const LogSettings& settings() const noexcept { return settings_; }

  void log(LogLevel level, std::string_view message, std::initializer_list<LogField> fields = {},
           std::source_location where = std::source_location::current());
  void log(LogLevel level, std::string_view message, json::object fields,
           std::source_location where = std::source_location::current());

  // A line written as is (EMF metrics documents), bypassing level and envelope.
  void write_raw(std::string_view line) { sink_->write(line); }

  void debug(std::string_view m, std::initializer_list<LogField> f = {},
             std::source_location w = std::source_location::current()) {
    log(LogLevel::DEBUG, m, f, w);
  }
  void info(std::string_view m, std::initializer_list<LogField> f = {},
            std::source_location w = std::source_location::current()) {
    log(LogLevel::INFO, m, f, w);
  }
  void warning(std::string_view m, std::initializer_list<LogField> f = {},
               std::source_location w = std::source_location::current()) {
    log(LogLevel::WARNING, m, f, w);
  }
  void error(std::string_view m, std::initializer_list<LogField> f = {},
             std::source_location w = std::source_location::current()) {
    log(LogLevel::ERROR, m, f, w);
  }

 private:
  LogSettings settings_;
  std::shared_ptr<LogSink> sink_;
};

// The process-wide logger. Before configure_logger() it logs INFO to stdout.
[[nodiscard]] Logger& logger() noexcept;
void configure_logger(LogSettings settings, std::shared_ptr<LogSink> sink = nullptr);

}  // namespace hub::core
