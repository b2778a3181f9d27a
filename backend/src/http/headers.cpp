#include "http/headers.hpp"

#include <algorithm>

namespace hub::http {

std::optional<std::string_view> Headers::get(std::string_view name) const noexcept {
  for (const auto& [key, value] : fields_) {
    if (iequals(key, name)) {
      return std::string_view{value};
    }
  }
  return std::nullopt;
}

std::size_t Headers::count(std::string_view name) const noexcept {
  return static_cast<std::size_t>(
      std::ranges::count_if(fields_, [name](const Field& f) { return iequals(f.first, name); }));
}

void Headers::set(std::string_view name, std::string_view value) {
  erase(name);
  fields_.emplace_back(name, value);
}

void Headers::add(std::string_view name, std::string_view value) { fields_.emplace_back(name, value); }

void Headers::erase(std::string_view name) {
  std::erase_if(fields_, [name](const Field& f) { return iequals(f.first, name); });
}

}  // namespace hub::http
