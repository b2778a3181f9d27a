#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace hub::core {

// The trace id of an X-Ray trace header, as Lambda Powertools logs it:
// "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1"
//   -> "1-5759e988-bd862e3fe1be46a994272793". Empty when there is no well-formed Root.
[[nodiscard]] std::string xray_trace_root(std::string_view header);

// An X-Ray trace header (X-Amzn-Trace-Id, Lambda-Runtime-Trace-Id, _X_AMZN_TRACE_ID):
// "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1;Lineage=a87bd80c:1".
struct TraceHeader {
  std::string root;             // the trace id: "1-" 8 hex (epoch seconds) "-" 24 hex
  std::string parent;           // the calling segment's id, 16 hex; empty when absent
  std::optional<bool> sampled;  // Sampled=1 / 0; absent (or "?": not decided yet) when unknown
  std::string lineage;          // Lambda's recursion-loop counter, passed on as received

  [[nodiscard]] bool is_sampled() const noexcept { return sampled.value_or(false); }
  bool operator==(const TraceHeader&) const = default;
};

// Reads a trace header: fields in any order, spaces around them ignored, unknown fields (Self=,
// Foo=...) skipped, the first of a repeated field taken. Strict where it matters: no Root, a Root
// that is not a trace id, or a Parent that is not a segment id make the whole header unusable
// (std::nullopt), so nothing malformed is ever passed on.
[[nodiscard]] std::optional<TraceHeader> parse_trace_header(std::string_view text);

// "Root=...;Parent=...;Sampled=1;Lineage=...": Parent, Sampled and Lineage only when known.
[[nodiscard]] std::string format_trace_header(const TraceHeader& header);

// "1-5759e988-bd862e3fe1be46a994272793": version 1, 8 hex digits of epoch seconds, 24 hex digits.
[[nodiscard]] bool is_trace_id(std::string_view text) noexcept;

// A segment or subsegment id: 16 lower-case hex digits (64 bits).
[[nodiscard]] bool is_segment_id(std::string_view text) noexcept;

// A fresh random segment id (16 lower-case hex digits, never all zeros). Thread-safe.
[[nodiscard]] std::string new_segment_id();

// The trace the work on this thread belongs to: the Lambda invocation's, installed by the
// runtime loop for the invocation's lifetime (ScopedTraceContext). AWS clients read it to pass
// the trace on and to name the parent of the subsegments they record. Null outside a trace.
[[nodiscard]] const TraceHeader* current_trace() noexcept;

// Installs `header` as this thread's trace for the lifetime of the object (std::nullopt: no
// trace) and restores the previous one after. Worker threads a request starts install their
// parent's (current_trace()) themselves.
class ScopedTraceContext {
 public:
  explicit ScopedTraceContext(std::optional<TraceHeader> header);
  ~ScopedTraceContext();
  ScopedTraceContext(const ScopedTraceContext&) = delete;
  ScopedTraceContext& operator=(const ScopedTraceContext&) = delete;
  ScopedTraceContext(ScopedTraceContext&&) = delete;
  ScopedTraceContext& operator=(ScopedTraceContext&&) = delete;

 private:
  std::optional<TraceHeader> previous_;
};

}  // namespace hub::core
