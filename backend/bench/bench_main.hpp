#pragma once

// The main() of a benchmark binary: runs the benchmark and turns an exception (a set-up that
// failed: no emulator, a bad environment) into a line on stderr and exit status 1.

#include <cstdio>
#include <exception>
#include <string_view>

namespace hub::bench {

template <class Run>
int bench_main(std::string_view name, const Run& run) noexcept {
  try {
    return run();
  } catch (const std::exception& e) {
    std::fprintf(stderr, "%.*s: %s\n", static_cast<int>(name.size()), name.data(), e.what());
    return 1;
  }
}

}  // namespace hub::bench
