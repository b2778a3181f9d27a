#include "http/request.hpp"

namespace hub::http {
namespace {

int hex_value(char c) noexcept {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Calls visit(name, value) for every `name=value` pair of a query string, decoded.
template <class Visit>
void for_each_query_pair(std::string_view query, Visit&& visit) {
  while (!query.empty()) {
    const auto amp = query.find('&');
    const auto pair = query.substr(0, amp);
    if (!pair.empty()) {
      const auto eq = pair.find('=');
      const auto raw_name = pair.substr(0, eq);
      const auto raw_value = eq == std::string_view::npos ? std::string_view{} : pair.substr(eq + 1);
      auto name = url_decode(raw_name, true);
      auto value = url_decode(raw_value, true);
      if (name && value && visit(*name, std::move(*value))) {
        return;
      }
    }
    if (amp == std::string_view::npos) break;
    query.remove_prefix(amp + 1);
  }
}

}  // namespace

std::optional<std::string> url_decode(std::string_view text, bool plus_is_space) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '%') {
      if (i + 2 >= text.size()) return std::nullopt;
      const int hi = hex_value(text[i + 1]);
      const int lo = hex_value(text[i + 2]);
      if (hi < 0 || lo < 0) return std::nullopt;
      out.push_back(static_cast<char>(hi * 16 + lo));
      i += 2;
    } else if (c == '+' && plus_is_space) {
      out.push_back(' ');
    } else {
      out.push_back(c);
    }
  }
  return out;
}

std::optional<std::string> Request::query(std::string_view name) const {
  std::optional<std::string> found;
  for_each_query_pair(query_string, [&](const std::string& n, std::string v) {
    if (n == name) {
      found = std::move(v);
      return true;
    }
    return false;
  });
  return found;
}

std::vector<std::string> Request::query_all(std::string_view name) const {
  std::vector<std::string> values;
  for_each_query_pair(query_string, [&](const std::string& n, std::string v) {
    if (n == name) values.push_back(std::move(v));
    return false;
  });
  return values;
}

std::optional<std::string_view> Request::path_param(std::string_view name) const noexcept {
  for (const auto& [key, value] : path_params) {
    if (key == name) return std::string_view{value};
  }
  return std::nullopt;
}

}  // namespace hub::http
