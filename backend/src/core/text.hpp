#pragma once

#include <charconv>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace hub::core {

// The number `text` is, all of it (no sign for unsigned types, no spaces): std::from_chars
// without the bookkeeping. std::nullopt for anything else, out-of-range values included.
template <class Number>
[[nodiscard]] std::optional<Number> parse_number(std::string_view text) noexcept {
  Number value{};
  const auto* end = text.data() + text.size();
  const auto [at, ec] = std::from_chars(text.data(), end, value);
  if (ec != std::errc{} || at != end) return std::nullopt;
  return value;
}

// Without leading and trailing spaces and tabs.
[[nodiscard]] std::string_view trim(std::string_view text) noexcept;

// Characters (Unicode code points) in UTF-8 text: what "length" means for every text field.
[[nodiscard]] std::size_t utf8_length(std::string_view text) noexcept;

// The first `characters` characters of UTF-8 text, cut on a character boundary.
[[nodiscard]] std::string_view utf8_prefix(std::string_view text, std::size_t characters) noexcept;

// ASCII lower case.
[[nodiscard]] std::string to_lower(std::string_view text);

// Equal ignoring ASCII case (header names, auth schemes).
[[nodiscard]] bool iequals(std::string_view a, std::string_view b) noexcept;

// Decodes %XX escapes (and '+' as a space when `plus_is_space`, for query strings);
// std::nullopt when an escape is malformed.
[[nodiscard]] std::optional<std::string> percent_decode(std::string_view text, bool plus_is_space);

// The `name=value` pairs of a raw query string, still encoded; empty items are skipped and a
// pair without '=' has an empty value.
[[nodiscard]] std::vector<std::pair<std::string_view, std::string_view>> split_query(std::string_view query);

}  // namespace hub::core
