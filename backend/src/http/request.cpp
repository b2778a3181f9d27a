#include "http/request.hpp"

#include "core/text.hpp"

namespace hub::http {
namespace {

// Calls visit(name, value) for every `name=value` pair of the query string, decoded; a pair
// with a malformed escape is skipped. Stops when visit returns true.
template <class Visit>
void for_each_query_pair(std::string_view query, Visit&& visit) {
  for (const auto& [raw_name, raw_value] : core::split_query(query)) {
    auto name = core::percent_decode(raw_name, true);
    auto value = core::percent_decode(raw_value, true);
    if (name && value && visit(*name, std::move(*value))) return;
  }
}

}  // namespace

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
