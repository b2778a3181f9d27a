#include "core/redact.hpp"

#include <algorithm>
#include <array>
#include <cctype>

namespace hub::core {
namespace {

char normalize(char c) noexcept {
  if (c == '-') {
    return '_';
  }
  return static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
}

bool contains_folded(std::string_view haystack, std::string_view needle) noexcept {
  if (needle.size() > haystack.size()) {
    return false;
  }
  for (std::size_t i = 0; i + needle.size() <= haystack.size(); ++i) {
    bool match = true;
    for (std::size_t j = 0; j < needle.size() && match; ++j) {
      match = normalize(haystack[i + j]) == needle[j];
    }
    if (match) {
      return true;
    }
  }
  return false;
}

bool is_base64url_char(char c) noexcept {
  return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '-' || c == '_' || c == '=';
}

bool is_token_char(char c) noexcept {
  return is_base64url_char(c) || c == '.' || c == '+' || c == '/' || c == '~';
}

// A JWT: three base64url segments separated by dots, the first starting "eyJ" ({" encoded).
std::size_t jwt_length_at(std::string_view text, std::size_t start) noexcept {
  if (text.substr(start, 3) != "eyJ") {
    return 0;
  }
  std::size_t i = start;
  int dots = 0;
  while (i < text.size() && (is_base64url_char(text[i]) || text[i] == '.')) {
    dots += text[i] == '.' ? 1 : 0;
    ++i;
  }
  return dots >= 2 ? i - start : 0;
}

}  // namespace

bool is_sensitive_key(std::string_view key) noexcept {
  static constexpr std::array kFragments{
      std::string_view{"authorization"}, std::string_view{"cookie"},
      std::string_view{"token"},         std::string_view{"secret"},
      std::string_view{"password"},      std::string_view{"passwd"},
      std::string_view{"api_key"},       std::string_view{"apikey"},
      std::string_view{"credential"},    std::string_view{"session"},
      std::string_view{"private_key"},   std::string_view{"x_amz_security_token"}};
  return std::any_of(kFragments.begin(), kFragments.end(),
                     [key](std::string_view f) { return contains_folded(key, f); });
}

std::string redact_text(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    // "Bearer <token>", any case.
    constexpr std::string_view kScheme = "bearer ";
    if (i + kScheme.size() < text.size() && contains_folded(text.substr(i, kScheme.size()), kScheme)) {
      std::size_t end = i + kScheme.size();
      while (end < text.size() && is_token_char(text[end])) {
        ++end;
      }
      if (end > i + kScheme.size()) {
        out.append(text.substr(i, kScheme.size()));
        out.append(kRedacted);
        i = end;
        continue;
      }
    }
    if (const std::size_t n = jwt_length_at(text, i); n > 0) {
      out.append(kRedacted);
      i += n;
      continue;
    }
    out.push_back(text[i]);
    ++i;
  }
  return out;
}

void redact(json::value& value) {
  if (auto* object = value.if_object()) {
    for (auto& entry : *object) {
      if (is_sensitive_key(entry.key()) && !entry.value().is_null()) {
        entry.value() = kRedacted;
      } else {
        redact(entry.value());
      }
    }
  } else if (auto* array = value.if_array()) {
    for (auto& element : *array) {
      redact(element);
    }
  } else if (auto* string = value.if_string()) {
    const std::string_view view{string->data(), string->size()};
    if (view.find("eyJ") != std::string_view::npos || contains_folded(view, "bearer ")) {
      *string = redact_text(view);
    }
  }
}

}  // namespace hub::core
