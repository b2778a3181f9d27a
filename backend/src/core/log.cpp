#include "core/log.hpp"

#include <sys/uio.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <climits>

#include <fmt/format.h>
#include <boost/json/serialize.hpp>

#include "core/clock.hpp"
#include "core/redact.hpp"

namespace hub::core {
namespace {

thread_local LogContext
    t_context;  // NOLINT(cppcoreguidelines-avoid-non-const-global-variables): per-thread by design

std::string_view file_name(std::string_view path) noexcept {
  const auto slash = path.find_last_of('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

void put_if(json::object& line, std::string_view key, const std::string& text) {
  if (!text.empty()) {
    line[key] = text;
  }
}

}  // namespace

void FdSink::write(std::string_view line) {
  // One writev per line, line and newline together, straight to the descriptor: no stdio buffer to
  // flush, nothing lost if the process dies, lines never split. Writes up to PIPE_BUF are
  // atomic on their own; longer lines take the mutex so they cannot interleave.
  std::unique_lock<std::mutex> lock(mutex_, std::defer_lock);
  if (line.size() + 1 > PIPE_BUF) lock.lock();
  char newline = '\n';
  std::array<iovec, 2> parts{
      iovec{const_cast<char*>(line.data()), line.size()},  // NOLINT: writev does not write
      iovec{&newline, 1}};
  std::size_t index = 0;
  while (index < parts.size()) {
    const ssize_t written = ::writev(fd_, &parts[index], static_cast<int>(parts.size() - index));
    if (written < 0) {
      if (errno == EINTR) continue;
      return;  // the descriptor is gone: nothing sensible left to do with a log line
    }
    auto left = static_cast<std::size_t>(written);
    while (index < parts.size() && left >= parts[index].iov_len) {
      left -= parts[index].iov_len;
      ++index;
    }
    if (index < parts.size()) {
      parts[index].iov_base = static_cast<char*>(parts[index].iov_base) + left;
      parts[index].iov_len -= left;
    }
  }
}

const LogContext& current_log_context() noexcept { return t_context; }

ScopedLogContext::ScopedLogContext(LogContext context) : previous_(std::move(t_context)) {
  t_context = std::move(context);
}

ScopedLogContext::~ScopedLogContext() { t_context = std::move(previous_); }

Logger::Logger(LogSettings settings, std::shared_ptr<LogSink> sink)
    : settings_(std::move(settings)), sink_(sink ? std::move(sink) : std::make_shared<FdSink>()) {}

void Logger::log(LogLevel level, std::string_view message, std::initializer_list<LogField> fields,
                 std::source_location where) {
  if (!enabled(level)) {
    return;
  }
  json::object extra;
  for (const auto& field : fields) {
    extra[field.key] = field.value;
  }
  log(level, message, std::move(extra), where);
}

void Logger::log(LogLevel level, std::string_view message, json::object fields, std::source_location where) {
  if (!enabled(level)) {
    return;
  }
  const LogContext& ctx = t_context;
  json::object line;
  line.reserve(13 + fields.size());
  line["level"] = to_string(level);
  line["location"] = fmt::format("{}:{}", file_name(where.file_name()), where.line());
  line["message"] = redact_text(message);
  line["timestamp"] = to_rfc3339(std::chrono::system_clock::now());
  line["service"] = settings_.service;
  if (ctx.in_invocation) {
    line["cold_start"] = ctx.cold_start;
  }
  put_if(line, "function_name", settings_.function_name);
  put_if(line, "function_memory_size", settings_.function_memory_size);
  put_if(line, "function_version", settings_.function_version);
  put_if(line, "function_request_id", ctx.function_request_id);
  put_if(line, "xray_trace_id", ctx.xray_trace_id);
  put_if(line, "correlation_id", ctx.correlation_id);
  put_if(line, "request_id", ctx.request_id);
  put_if(line, "user_id", ctx.user_id);
  json::value extra(std::move(fields));
  redact(extra);
  for (auto& entry : extra.as_object()) {
    // The envelope wins: an extra field can never pass itself off as level, message, ids...
    if (!line.contains(entry.key())) line[entry.key()] = std::move(entry.value());
  }
  sink_->write(boost::json::serialize(line));
}

namespace {
std::shared_ptr<Logger>& global_logger() {
  static std::shared_ptr<Logger> instance = std::make_shared<Logger>(LogSettings{}, nullptr);
  return instance;
}
}  // namespace

Logger& logger() noexcept { return *global_logger(); }

void configure_logger(LogSettings settings, std::shared_ptr<LogSink> sink) {
  // Called once from main before any thread starts; not synchronised by design.
  global_logger() = std::make_shared<Logger>(std::move(settings), std::move(sink));
}

}  // namespace hub::core
