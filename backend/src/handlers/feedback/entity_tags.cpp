#include "handlers/feedback/entity_tags.hpp"

#include <fmt/format.h>

namespace hub::handlers::feedback {
namespace {

bool is_list_space(char c) noexcept { return c == ' ' || c == '\t' || c == ','; }

}  // namespace

std::string entity_tag(std::int64_t version) { return fmt::format("\"{}\"", version); }

bool if_match_admits(std::optional<std::string_view> if_match, std::string_view current) {
  if (!if_match) return true;
  std::string_view rest = *if_match;
  while (!rest.empty()) {
    if (is_list_space(rest.front())) {
      rest.remove_prefix(1);
      continue;
    }
    if (rest.front() == '*' && (rest.size() == 1 || is_list_space(rest[1]))) return true;
    const bool weak = rest.starts_with("W/");
    if (weak) rest.remove_prefix(2);
    // An entity tag is a quoted opaque tag, which may hold commas: read it up to its closing quote.
    if (rest.starts_with('"')) {
      const auto close = rest.find('"', 1);
      if (close == std::string_view::npos) return false;
      if (!weak && rest.substr(0, close + 1) == current) return true;
      rest.remove_prefix(close + 1);
    } else {
      // Not an entity tag: skip this member.
      const auto comma = rest.find(',');
      if (comma == std::string_view::npos) return false;
      rest.remove_prefix(comma + 1);
    }
  }
  return false;
}

}  // namespace hub::handlers::feedback
