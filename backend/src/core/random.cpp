#include "core/random.hpp"

#include <random>

namespace hub::core {

std::uint64_t random_u64() {
  thread_local std::mt19937_64 engine{[] {
    std::random_device device;
    std::seed_seq seed{device(), device(), device(), device()};
    return std::mt19937_64{seed};
  }()};
  return engine();
}

}  // namespace hub::core
