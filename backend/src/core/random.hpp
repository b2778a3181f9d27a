#pragma once

#include <cstdint>

namespace hub::core {

// 64 random bits for identifiers (ULIDs, X-Ray segment ids): a generator per thread, seeded from
// the operating system, so no lock is taken on the request path. Not for keys or secrets.
[[nodiscard]] std::uint64_t random_u64();

}  // namespace hub::core
