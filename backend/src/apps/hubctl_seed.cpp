// hubctl seed: see kUsage in hubctl.cpp.
#include <fmt/format.h>

#include "hubctl_commands.hpp"

namespace hub::apps::hubctl {

int seed(std::span<char* const> /*args*/) {
  fmt::print(stderr, "hubctl: seed is not available in this build\n");
  return 1;
}

}  // namespace hub::apps::hubctl
