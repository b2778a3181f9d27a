#pragma once

#include <string_view>

namespace hub::core {

// Facts about this binary, fixed at build time (see cmake/WriteBuildInfo.cmake).
struct BuildInfo {
  std::string_view name;
  std::string_view version;
  std::string_view git_commit;
  std::string_view build_time;
  std::string_view compiler;
  std::string_view build_type;
};

[[nodiscard]] const BuildInfo& build_info() noexcept;

}  // namespace hub::core
