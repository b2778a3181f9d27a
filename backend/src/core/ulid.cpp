#include "core/ulid.hpp"

#include <algorithm>
#include <array>
#include <cstdint>

#include "core/random.hpp"

namespace hub::core {
namespace {

constexpr std::string_view kAlphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

}  // namespace

std::string new_ulid(SystemTime now) {
  const auto ms = static_cast<std::uint64_t>(
      std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count());
  // Monotonic per thread: a second ULID in the same millisecond is the previous one plus 1, so
  // the items one request writes in a burst keep their order.
  thread_local std::uint64_t last_ms = 0;
  thread_local std::uint64_t hi = 0;
  thread_local std::uint64_t lo = 0;
  const bool exhausted = lo == ~std::uint64_t{0} && (hi & 0xFFFFU) == 0xFFFFU;
  if (ms == last_ms && !exhausted) {
    ++lo;
    if (lo == 0) ++hi;
  } else {
    hi = random_u64() & 0x7FFFU;  // a clear top bit leaves room to count up within the millisecond
    lo = random_u64();
    last_ms = ms;
  }

  // 128 bits: 48 time bits, then 80 random bits (16 from hi, 64 from lo).
  std::array<std::uint8_t, 16> bytes{};
  for (int i = 0; i < 6; ++i) {
    bytes[static_cast<std::size_t>(i)] = static_cast<std::uint8_t>(ms >> (40 - 8 * i));
  }
  bytes[6] = static_cast<std::uint8_t>(hi >> 8);
  bytes[7] = static_cast<std::uint8_t>(hi);
  for (int i = 0; i < 8; ++i) {
    bytes[static_cast<std::size_t>(i) + 8] = static_cast<std::uint8_t>(lo >> (56 - 8 * i));
  }

  // 130 bits of base32 for 128 bits of data: the first character carries 3 bits.
  std::string out(26, '0');
  unsigned bit_pos = 0;  // position in a virtual 130-bit number whose top 2 bits are zero
  for (std::size_t c = 0; c < 26; ++c, bit_pos += 5) {
    unsigned value = 0;
    for (unsigned b = 0; b < 5; ++b) {
      const unsigned pos = bit_pos + b;
      unsigned bit = 0;
      if (pos >= 2) {
        const unsigned data_bit = pos - 2;
        bit = (static_cast<unsigned>(bytes[data_bit / 8]) >> (7U - data_bit % 8U)) & 1U;
      }
      value = (value << 1U) | bit;
    }
    out[c] = kAlphabet[value];
  }
  return out;
}

bool is_ulid(std::string_view text) noexcept {
  if (text.size() != 26 || text[0] > '7') {
    return false;
  }
  return std::all_of(text.begin(), text.end(),
                     [](char ch) { return kAlphabet.find(ch) != std::string_view::npos; });
}

}  // namespace hub::core
