#include "aws/crc32.hpp"

#include <algorithm>
#include <limits>

#include <zlib.h>

namespace hub::aws {

std::uint32_t crc32(std::string_view bytes) noexcept {
  // zlib takes lengths as uInt (32 bits), so longer inputs go through in pieces.
  constexpr std::size_t kMaxChunk = std::numeric_limits<uInt>::max();
  uLong crc = ::crc32(0L, Z_NULL, 0);
  while (!bytes.empty()) {
    const std::size_t chunk = std::min(bytes.size(), kMaxChunk);
    // zlib reads unsigned bytes; going through void* says so without a reinterpret_cast.
    const auto* data = static_cast<const Bytef*>(static_cast<const void*>(bytes.data()));
    crc = ::crc32(crc, data, static_cast<uInt>(chunk));
    bytes.remove_prefix(chunk);
  }
  return static_cast<std::uint32_t>(crc);
}

}  // namespace hub::aws
