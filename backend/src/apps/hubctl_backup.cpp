// hubctl backup / restore: see kUsage in hubctl.cpp.
#include <fmt/format.h>

#include "hubctl_commands.hpp"

namespace hub::apps::hubctl {

int backup(std::span<char* const> /*args*/) {
  fmt::print(stderr, "hubctl: backup is not available in this build\n");
  return 1;
}

int restore(std::span<char* const> /*args*/) {
  fmt::print(stderr, "hubctl: restore is not available in this build\n");
  return 1;
}

}  // namespace hub::apps::hubctl
