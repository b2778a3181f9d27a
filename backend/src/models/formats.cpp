#include "models/formats.hpp"

#include <algorithm>
#include <array>
#include <cctype>

#include <fmt/format.h>

#include "core/text.hpp"
#include "core/ulid.hpp"

namespace hub::models::formats {
namespace {

bool is_digit(char c) noexcept { return c >= '0' && c <= '9'; }
bool is_alpha(char c) noexcept { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_alnum(char c) noexcept { return is_digit(c) || is_alpha(c); }

bool is_digits(std::string_view s) noexcept { return !s.empty() && std::ranges::all_of(s, is_digit); }

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
    while (n < rest.size() && is_digit(rest[n])) ++n;
    if (n == 1) return false;
    rest.remove_prefix(n);
  }
  if (rest == "Z" || rest == "z") return true;
  return rest.size() == 6 && (rest[0] == '+' || rest[0] == '-') && is_digits(rest.substr(1, 2)) &&
         rest[3] == ':' && is_digits(rest.substr(4, 2));
}

bool has_space(std::string_view s) noexcept {
  return std::ranges::any_of(s, [](char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; });
}

bool is_email(std::string_view s) noexcept {
  const auto at = s.find('@');
  if (at == 0 || at == std::string_view::npos || s.find('@', at + 1) != std::string_view::npos) return false;
  const auto domain = s.substr(at + 1);
  const auto dot = domain.find('.');
  return dot != std::string_view::npos && dot > 0 && dot + 1 < domain.size() && !has_space(s);
}

bool is_uri(std::string_view s) noexcept {
  return (s.starts_with("https://") || s.starts_with("http://")) && s.size() > 8 && !has_space(s);
}

bool is_control(unsigned char c) noexcept { return c < 0x20 || c == 0x7F; }

bool is_single_line(std::string_view s) noexcept {
  return std::ranges::none_of(s, [](char c) { return is_control(static_cast<unsigned char>(c)); });
}

bool is_multi_line(std::string_view s) noexcept {
  return std::ranges::none_of(s, [](char c) {
    return is_control(static_cast<unsigned char>(c)) && c != '\t' && c != '\n' && c != '\r';
  });
}

// ^\+[1-9][0-9]{1,14}$
bool is_e164(std::string_view s) noexcept {
  return s.size() >= 3 && s.size() <= 16 && s[0] == '+' && s[1] != '0' && is_digits(s.substr(1));
}

// ^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$
bool is_language_tag(std::string_view s) noexcept {
  const auto first = s.find('-');
  const auto language = s.substr(0, first);
  if (language.size() < 2 || language.size() > 3 || !std::ranges::all_of(language, is_alpha)) return false;
  if (first == std::string_view::npos) return true;
  auto rest = s.substr(first + 1);
  while (true) {
    const auto dash = rest.find('-');
    const auto subtag = rest.substr(0, dash);
    if (subtag.size() < 2 || subtag.size() > 8 || !std::ranges::all_of(subtag, is_alnum)) return false;
    if (dash == std::string_view::npos) return true;
    rest.remove_prefix(dash + 1);
  }
}

// One DNS label: ^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$
bool is_label(std::string_view label) noexcept {
  return !label.empty() && label.size() <= 63 && is_alnum(label.front()) && is_alnum(label.back()) &&
         std::ranges::all_of(label, [](char c) { return is_alnum(c) || c == '-'; });
}

bool is_hex(char c) noexcept { return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }

// RFC 3986 pchar, percent-encoded octets aside: unreserved, sub-delims, ':' and '@'.
bool is_pchar(char c) noexcept {
  constexpr std::string_view kMarks = "-._~!$&'()*+,;=:@";
  return is_alnum(c) || kMarks.find(c) != std::string_view::npos;
}

// What follows the authority of an RFC 3986 URI: path-abempty ["?" query] ["#" fragment], ASCII
// only, every other octet percent-encoded (so no quotes, angle brackets or spaces reach a page).
bool is_uri_tail(std::string_view tail) noexcept {
  bool in_fragment = false;
  for (std::size_t i = 0; i < tail.size(); ++i) {
    const char c = tail[i];
    if (c == '%') {
      if (i + 2 >= tail.size() || !is_hex(tail[i + 1]) || !is_hex(tail[i + 2])) return false;
      i += 2;
    } else if (c == '#') {
      if (in_fragment) return false;
      in_fragment = true;
    } else if (!is_pchar(c) && c != '/' && c != '?') {
      return false;
    }
  }
  return true;
}

// https://<labels>.<alphabetic TLD>[:port][RFC 3986 path, query and fragment]
bool is_public_https_url(std::string_view s) {
  constexpr std::string_view kScheme = "https://";
  if (s.size() < kScheme.size() || !core::iequals(s.substr(0, kScheme.size()), kScheme)) return false;
  auto rest = s.substr(kScheme.size());
  const auto host_end = rest.find_first_of(":/?#");
  const auto host = rest.substr(0, host_end);
  auto tail = host_end == std::string_view::npos ? std::string_view{} : rest.substr(host_end);
  const auto last_dot = host.rfind('.');
  if (last_dot == std::string_view::npos) return false;
  const auto tld = host.substr(last_dot + 1);
  if (tld.size() < 2 || tld.size() > 63 || !std::ranges::all_of(tld, is_alpha)) return false;
  for (auto labels = host.substr(0, last_dot);;) {
    const auto dot = labels.find('.');
    if (!is_label(labels.substr(0, dot))) return false;
    if (dot == std::string_view::npos) break;
    labels.remove_prefix(dot + 1);
  }
  if (is_local_only_host(host)) return false;
  if (!tail.empty() && tail.front() == ':') {
    const auto port_end = tail.find_first_of("/?#");
    const auto port =
        tail.substr(1, port_end == std::string_view::npos ? std::string_view::npos : port_end - 1);
    if (port.empty() || port.size() > 5 || !is_digits(port)) return false;
    tail = port_end == std::string_view::npos ? std::string_view{} : tail.substr(port_end);
  }
  return is_uri_tail(tail);
}

bool is_app_path(std::string_view s) noexcept {
  const auto allowed = [](char c) {
    const auto byte = static_cast<unsigned char>(c);
    return byte > 0x20U && byte != 0x7FU && c != '\\';
  };
  return s.starts_with('/') && !s.starts_with("//") && std::all_of(s.begin() + 1, s.end(), allowed);
}

}  // namespace

bool is_local_only_host(std::string_view host) {
  const auto lower = core::to_lower(host);
  const std::string_view h = lower;
  constexpr std::array kSuffixes{std::string_view{".localhost"},   std::string_view{".local"},
                                 std::string_view{".internal"},    std::string_view{".home.arpa"},
                                 std::string_view{".localdomain"}, std::string_view{".test"},
                                 std::string_view{".invalid"},     std::string_view{".example"}};
  return h == "localhost" ||
         std::ranges::any_of(kSuffixes, [h](std::string_view suffix) { return h.ends_with(suffix); });
}

bool matches(Format format, std::string_view text) {
  switch (format) {
    case Format::none:
      return true;
    case Format::date_time:
      return is_rfc3339(text);
    case Format::email:
      return is_email(text);
    case Format::uri:
      return is_uri(text);
    case Format::ulid:
      return core::is_ulid(text);
    case Format::single_line:
      return is_single_line(text);
    case Format::multi_line:
      return is_multi_line(text);
    case Format::phone_e164:
      return is_e164(text);
    case Format::language_tag:
      return is_language_tag(text);
    case Format::public_https_url:
      return is_public_https_url(text);
    case Format::app_path:
      return is_app_path(text);
  }
  return false;
}

std::string_view message(Format format) noexcept {
  switch (format) {
    case Format::none:
      return "";
    case Format::date_time:
      return "must be an RFC 3339 date-time such as 2026-01-31T09:00:00Z";
    case Format::email:
      return "must be an email address";
    case Format::uri:
      return "must be an http(s) URL";
    case Format::ulid:
      return "must be a ULID (26 Crockford base32 characters)";
    case Format::single_line:
      return "must not contain control characters or line breaks";
    case Format::multi_line:
      return "must not contain control characters other than tab and line breaks";
    case Format::phone_e164:
      return "must be an E.164 phone number such as +254700123456";
    case Format::language_tag:
      return "must be a BCP 47 language tag such as sw or sw-KE";
    case Format::public_https_url:
      return "must be an https URL on a public host name (no IP addresses or local-only names)";
    case Format::app_path:
      return "must be a path within the app such as /resources/new: one leading /, no spaces, control "
             "characters or backslashes";
  }
  return "";
}

std::optional<std::string_view> schema_format(Format format) noexcept {
  switch (format) {
    case Format::date_time:
      return "date-time";
    case Format::email:
      return "email";
    case Format::uri:
    case Format::public_https_url:
      return "uri";
    default:
      return std::nullopt;
  }
}

std::optional<std::string> schema_pattern(Format format, bool not_blank) {
  // Character classes of the line formats, and of a character that is neither whitespace nor a
  // control character (what not_blank requires at least one of).
  constexpr std::string_view kSingleLine = R"([^\u0000-\u001F\u007F])";
  constexpr std::string_view kMultiLine = R"([^\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F])";
  constexpr std::string_view kVisible = R"([^\u0000-\u0020\u007F])";
  switch (format) {
    case Format::ulid:
      return "^[0-7][0-9A-HJKMNP-TV-Z]{25}$";
    case Format::single_line:
      return not_blank ? fmt::format("^{0}*{1}{0}*$", kSingleLine, kVisible)
                       : fmt::format("^{}*$", kSingleLine);
    case Format::multi_line:
      return not_blank ? fmt::format("^{0}*{1}{0}*$", kMultiLine, kVisible)
                       : fmt::format("^{}*$", kMultiLine);
    case Format::phone_e164:
      return "^\\+[1-9][0-9]{1,14}$";
    case Format::language_tag:
      return "^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$";
    case Format::public_https_url:
      return "^[Hh][Tt][Tt][Pp][Ss]://([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+[A-Za-z]{2,63}"
             "(:[0-9]{1,5})?(/([A-Za-z0-9\\-._~!$&'()*+,;=:@/]|%[0-9A-Fa-f]{2})*)?"
             "(\\?([A-Za-z0-9\\-._~!$&'()*+,;=:@/?]|%[0-9A-Fa-f]{2})*)?"
             "(#([A-Za-z0-9\\-._~!$&'()*+,;=:@/?]|%[0-9A-Fa-f]{2})*)?$";
    case Format::app_path:
      return R"(^/([^/\\\x00-\x20\x7F][^\\\x00-\x20\x7F]*)?$)";
    default:
      if (not_blank) return R"([^\u0009-\u000D\u0020])";
      return std::nullopt;
  }
}

}  // namespace hub::models::formats
