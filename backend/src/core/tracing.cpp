#include "core/tracing.hpp"

#include <algorithm>
#include <cctype>

namespace hub::core {

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

}  // namespace hub::core
