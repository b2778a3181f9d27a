#include "models/codec.hpp"

#include "core/text.hpp"
#include "models/formats.hpp"

#include <algorithm>
#include <cctype>
#include <cstdint>

namespace hub::models::detail {
namespace {

std::string format_number(double v) {
  return v == std::floor(v) && std::abs(v) < 1e15 ? fmt::format("{}", static_cast<std::int64_t>(v))
                                                  : fmt::format("{}", v);
}

}  // namespace

std::string escape_pointer_token(std::string_view token) {
  std::string out;
  out.reserve(token.size());
  for (char c : token) {
    if (c == '~') {
      out += "~0";
    } else if (c == '/') {
      out += "~1";
    } else {
      out.push_back(c);
    }
  }
  return out;
}

std::string_view json_kind(const json::value& v) noexcept {
  switch (v.kind()) {
    case json::kind::null:
      return "null";
    case json::kind::bool_:
      return "a boolean";
    case json::kind::int64:
    case json::kind::uint64:
    case json::kind::double_:
      return "a number";
    case json::kind::string:
      return "a string";
    case json::kind::array:
      return "an array";
    case json::kind::object:
      return "an object";
  }
  return "a value";
}

void check_string(const FieldRule& rule, std::string_view text, const std::string& pointer,
                  std::vector<FieldError>& errors) {
  const auto length = core::utf8_length(text);
  if (rule.min_len && length < *rule.min_len) {
    errors.push_back({pointer, *rule.min_len == 1
                                   ? std::string("must not be empty")
                                   : fmt::format("must be at least {} characters", *rule.min_len)});
  }
  if (rule.max_len && length > *rule.max_len) {
    errors.push_back({pointer, fmt::format("must be at most {} characters", *rule.max_len)});
  }
  if (!rule.allowed.empty() &&
      std::find(rule.allowed.begin(), rule.allowed.end(), text) == rule.allowed.end()) {
    errors.push_back({pointer, rule.allowed_hint.empty()
                                   ? fmt::format("must be one of: {}", fmt::join(rule.allowed, ", "))
                                   : std::string(rule.allowed_hint)});
  }
  // Whitespace as the schema's pattern counts it: tab to carriage return, and space.
  if (rule.not_blank && !text.empty() &&
      std::ranges::all_of(text, [](char c) { return (c >= '\t' && c <= '\r') || c == ' '; })) {
    errors.push_back({pointer, "must not be blank"});
  }
  if (!formats::matches(rule.string_format, text)) {
    errors.push_back({pointer, std::string(formats::message(rule.string_format))});
  }
}

void check_number(const FieldRule& rule, double number, const std::string& pointer,
                  std::vector<FieldError>& errors) {
  if (rule.min_value && number < *rule.min_value) {
    errors.push_back({pointer, fmt::format("must be at least {}", format_number(*rule.min_value))});
  }
  if (rule.max_value && number > *rule.max_value) {
    errors.push_back({pointer, fmt::format("must be at most {}", format_number(*rule.max_value))});
  }
}

void check_count(const FieldRule& rule, std::size_t count, const std::string& pointer,
                 std::vector<FieldError>& errors) {
  if (rule.min_len && count < *rule.min_len) {
    errors.push_back({pointer, fmt::format("must have at least {} items", *rule.min_len)});
  }
  if (rule.max_len && count > *rule.max_len) {
    errors.push_back({pointer, fmt::format("must have at most {} items", *rule.max_len)});
  }
}

void check_unique(const json::array& items, const std::string& pointer, std::vector<FieldError>& errors) {
  for (std::size_t i = 1; i < items.size(); ++i) {
    for (std::size_t j = 0; j < i; ++j) {
      if (items[i] == items[j]) {
        errors.push_back({fmt::format("{}/{}", pointer, i), fmt::format("repeats item {}", j)});
        break;
      }
    }
  }
}

}  // namespace hub::models::detail
