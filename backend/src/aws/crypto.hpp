#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace hub::aws {

using Sha256Digest = std::array<std::uint8_t, 32>;

[[nodiscard]] Sha256Digest sha256(std::string_view data);
[[nodiscard]] Sha256Digest hmac_sha256(std::string_view key, std::string_view data);
[[nodiscard]] std::string hex(const Sha256Digest& digest);
[[nodiscard]] inline std::string sha256_hex(std::string_view data) { return hex(sha256(data)); }

}  // namespace hub::aws
