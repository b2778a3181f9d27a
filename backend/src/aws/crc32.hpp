#pragma once

#include <cstdint>
#include <string_view>

namespace hub::aws {

// CRC-32 (IEEE 802.3, as zlib computes it): DynamoDB's x-amz-crc32 response header.
[[nodiscard]] std::uint32_t crc32(std::string_view bytes) noexcept;

}  // namespace hub::aws
