#pragma once

// What every harness shares: how an input arrives and how a broken invariant is reported.

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include <fmt/format.h>

namespace hub::fuzz {

// The input as text (the bytes exactly as libFuzzer gave them).
[[nodiscard]] inline std::string_view as_text(const std::uint8_t* data, std::size_t size) noexcept {
  return {reinterpret_cast<const char*>(data), size};  // NOLINT(*-reinterpret-cast): bytes as chars
}

// Stops the run when an invariant does not hold: libFuzzer reports a deadly signal and saves the
// input as a crash artifact, exactly as for a sanitizer report.
inline void require(bool holds, std::string_view invariant) {
  if (holds) return;
  fmt::print(stderr, "fuzz: invariant broken: {}\n", invariant);
  std::abort();
}

}  // namespace hub::fuzz
