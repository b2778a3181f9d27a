#pragma once

// RapidCheck generators of UTF-8 text for property tests.

#include <cstdint>
#include <string>
#include <vector>

#include <rapidcheck.h>

namespace hub::testing {

// Any Unicode scalar value (surrogates excluded): printable ASCII `ascii_weight` times as often
// as each other range (control characters, the rest of the BMP, the supplementary planes).
inline rc::Gen<std::uint32_t> code_point(int ascii_weight) {
  return rc::gen::weightedOneOf<std::uint32_t>({
      {ascii_weight, rc::gen::inRange<std::uint32_t>(0x20, 0x7F)},
      {1, rc::gen::inRange<std::uint32_t>(0x00, 0x20)},
      {1, rc::gen::inRange<std::uint32_t>(0x80, 0xD800)},
      {1, rc::gen::inRange<std::uint32_t>(0xE000, 0x110000)},
  });
}

inline std::string to_utf8(const std::vector<std::uint32_t>& code_points) {
  std::string out;
  const auto byte = [&out](std::uint32_t b) { out.push_back(static_cast<char>(b)); };
  for (const auto cp : code_points) {
    if (cp < 0x80) {
      byte(cp);
    } else if (cp < 0x800) {
      byte(0xC0U | (cp >> 6U));
      byte(0x80U | (cp & 0x3FU));
    } else if (cp < 0x10000) {
      byte(0xE0U | (cp >> 12U));
      byte(0x80U | ((cp >> 6U) & 0x3FU));
      byte(0x80U | (cp & 0x3FU));
    } else {
      byte(0xF0U | (cp >> 18U));
      byte(0x80U | ((cp >> 12U) & 0x3FU));
      byte(0x80U | ((cp >> 6U) & 0x3FU));
      byte(0x80U | (cp & 0x3FU));
    }
  }
  return out;
}

}  // namespace hub::testing
