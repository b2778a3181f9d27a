// hubctl migrate: see kUsage in hubctl.cpp.
#include <fmt/format.h>

#include "hubctl_commands.hpp"

namespace hub::apps::hubctl {

int migrate(std::span<char* const> /*args*/) {
  fmt::print(stderr, "hubctl: migrate is not available in this build\n");
  return 1;
}

}  // namespace hub::apps::hubctl
