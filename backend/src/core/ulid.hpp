#pragma once

#include <string>
#include <string_view>

#include "core/clock.hpp"

namespace hub::core {

// ULID (https://github.com/ulid/spec): 48-bit millisecond time + 80 random bits, Crockford
// base32, 26 characters, lexicographically ordered by time. Thread-safe; monotonic within a
// thread (ULIDs made in the same millisecond count up).
[[nodiscard]] std::string new_ulid(SystemTime now = std::chrono::system_clock::now());

// True when `text` is a well-formed ULID (26 Crockford base32 characters, first one 0-7).
[[nodiscard]] bool is_ulid(std::string_view text) noexcept;

}  // namespace hub::core
