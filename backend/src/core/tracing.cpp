#include "core/tracing.hpp"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <utility>

#include <fmt/format.h>

#include "core/random.hpp"
#include "core/text.hpp"

namespace hub::core {
namespace {

thread_local std::optional<TraceHeader>
    t_trace;  // NOLINT(cppcoreguidelines-avoid-non-const-global-variables): per-thread by design

bool is_hex(char c) noexcept { return std::isxdigit(static_cast<unsigned char>(c)) != 0; }
bool is_lower_hex(char c) noexcept { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); }

bool all_hex(std::string_view text) noexcept { return std::ranges::all_of(text, is_hex); }

// Lambda's counter ("a87bd80c:1", several joined with '|'); anything else is dropped, not passed on.
bool plausible_lineage(std::string_view text) noexcept {
  return !text.empty() && text.size() <= 200 && std::ranges::all_of(text, [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == ':' || c == '|' || c == '-' || c == '_' ||
           c == '.';
  });
}

}  // namespace

std::string xray_trace_root(std::string_view header) {
  const auto start = header.find("Root=");
  if (start == std::string_view::npos) return {};
  auto root = header.substr(start + 5);
  root = root.substr(0, root.find(';'));
  const bool well_formed =
      !root.empty() && root.size() <= 64 && std::all_of(root.begin(), root.end(), [](char c) {
        return std::isxdigit(static_cast<unsigned char>(c)) != 0 || c == '-';
      });
  return well_formed ? std::string(root) : std::string{};
}

bool is_trace_id(std::string_view text) noexcept {
  return text.size() == 35 && text.starts_with("1-") && text[10] == '-' && all_hex(text.substr(2, 8)) &&
         all_hex(text.substr(11));
}

bool is_segment_id(std::string_view text) noexcept {
  return text.size() == 16 && std::ranges::all_of(text, is_lower_hex);
}

std::optional<TraceHeader> parse_trace_header(std::string_view text) {
  TraceHeader header;
  bool seen_root = false;
  bool seen_parent = false;
  bool seen_sampled = false;
  bool seen_lineage = false;
  while (!text.empty()) {
    const auto semicolon = text.find(';');
    const auto field = trim(text.substr(0, semicolon));
    text = semicolon == std::string_view::npos ? std::string_view{} : text.substr(semicolon + 1);
    const auto equals = field.find('=');
    if (equals == std::string_view::npos) continue;
    const auto key = trim(field.substr(0, equals));
    const auto value = trim(field.substr(equals + 1));
    if (key == "Root" && !std::exchange(seen_root, true)) {
      if (!is_trace_id(value)) return std::nullopt;
      header.root = std::string(value);
    } else if (key == "Parent" && !std::exchange(seen_parent, true)) {
      if (!is_segment_id(value)) return std::nullopt;
      header.parent = std::string(value);
    } else if (key == "Sampled" && !std::exchange(seen_sampled, true)) {
      if (value == "1") header.sampled = true;
      if (value == "0") header.sampled = false;
    } else if (key == "Lineage" && !std::exchange(seen_lineage, true)) {
      if (plausible_lineage(value)) header.lineage = std::string(value);
    }
  }
  if (!seen_root) return std::nullopt;
  return header;
}

std::string format_trace_header(const TraceHeader& header) {
  std::string out = "Root=" + header.root;
  if (!header.parent.empty()) out += ";Parent=" + header.parent;
  if (header.sampled) out += *header.sampled ? ";Sampled=1" : ";Sampled=0";
  if (!header.lineage.empty()) out += ";Lineage=" + header.lineage;
  return out;
}

std::string new_segment_id() {
  std::uint64_t id = 0;
  while (id == 0) id = random_u64();
  return fmt::format("{:016x}", id);
}

const TraceHeader* current_trace() noexcept { return t_trace ? &*t_trace : nullptr; }

ScopedTraceContext::ScopedTraceContext(std::optional<TraceHeader> header) : previous_(std::move(t_trace)) {
  t_trace = std::move(header);
}

ScopedTraceContext::~ScopedTraceContext() { t_trace = std::move(previous_); }

}  // namespace hub::core
