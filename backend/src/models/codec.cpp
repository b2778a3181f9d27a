#include "models/codec.hpp"

#include "core/ulid.hpp"

#include <algorithm>
#include <cctype>
#include <cstdint>

namespace hub::models::detail {
namespace {

std::size_t utf8_length(std::string_view text) noexcept {
  return static_cast<std::size_t>(std::count_if(
      text.begin(), text.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0U) != 0x80U; }));
}

bool is_digits(std::string_view s) noexcept {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// RFC 3339 date-time: 2026-11-24T05:26:57Z, optional fraction, Z or ±hh:mm offset.
bool is_rfc3339(std::string_view s) noexcept {
  if (s.size() < 20 || s[4] != '-' || s[7] != '-' || (s[10] != 'T' && s[10] != 't') || s[13] != ':' ||
      s[16] != ':') {
    return false;
  }
  if (!is_digits(s.substr(0, 4)) || !is_digits(s.substr(5, 2)) || !is_digits(s.substr(8, 2)) ||
      !is_digits(s.substr(11, 2)) || !is_digits(s.substr(14, 2)) || !is_digits(s.substr(17, 2))) {
    return false;
  }
  auto rest = s.substr(19);
  if (!rest.empty() && rest.front() == '.') {
    std::size_t n = 1;
    while (n < rest.size() && rest[n] >= '0' && rest[n] <= '9') ++n;
    if (n == 1) return false;
    rest.remove_prefix(n);
  }
  if (rest == "Z" || rest == "z") return true;
  return rest.size() == 6 && (rest[0] == '+' || rest[0] == '-') && is_digits(rest.substr(1, 2)) &&
         rest[3] == ':' && is_digits(rest.substr(4, 2));
}

bool is_email(std::string_view s) noexcept {
  const auto at = s.find('@');
  if (at == 0 || at == std::string_view::npos || s.find('@', at + 1) != std::string_view::npos) return false;
  const auto domain = s.substr(at + 1);
  const auto dot = domain.find('.');
  return dot != std::string_view::npos && dot > 0 && dot + 1 < domain.size() &&
         std::none_of(s.begin(), s.end(),
                      [](char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; });
}

bool is_uri(std::string_view s) noexcept {
  return (s.starts_with("https://") || s.starts_with("http://")) && s.size() > 8 &&
         std::none_of(s.begin(), s.end(),
                      [](char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; });
}

// The pattern of Format::app_path in the schema says the same, character for character.
bool is_app_path(std::string_view s) noexcept {
  const auto allowed = [](char c) {
    const auto byte = static_cast<unsigned char>(c);
    return byte > 0x20U && byte != 0x7FU && c != '\\';
  };
  return s.starts_with('/') && !s.starts_with("//") && std::all_of(s.begin() + 1, s.end(), allowed);
}

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
  const auto length = utf8_length(text);
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
    errors.push_back({pointer, fmt::format("must be one of: {}", fmt::join(rule.allowed, ", "))});
  }
  switch (rule.string_format) {
    case Format::none:
      break;
    case Format::date_time:
      if (!is_rfc3339(text))
        errors.push_back({pointer, "must be an RFC 3339 date-time such as 2026-01-31T09:00:00Z"});
      break;
    case Format::email:
      if (!is_email(text)) errors.push_back({pointer, "must be an email address"});
      break;
    case Format::uri:
      if (!is_uri(text)) errors.push_back({pointer, "must be an http(s) URL"});
      break;
    case Format::ulid:
      if (!core::is_ulid(text))
        errors.push_back({pointer, "must be a ULID (26 Crockford base32 characters)"});
      break;
    case Format::app_path:
      if (!is_app_path(text)) {
        errors.push_back({pointer,
                          "must be a path within the app such as /resources/new: one leading /, no spaces, "
                          "control characters or backslashes"});
      }
      break;
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

}  // namespace hub::models::detail
