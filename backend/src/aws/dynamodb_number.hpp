#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace hub::aws {

// DynamoDB's limits on a number: 38 significant digits, and a magnitude between 1E-130 and
// 9.9999999999999999999999999999999999999E+125 (so the first significant digit's exponent is
// in [-130, 125]). Zero has no magnitude and is always allowed.
inline constexpr std::size_t kMaxNumberDigits = 38;
inline constexpr std::int64_t kMinNumberExponent = -130;
inline constexpr std::int64_t kMaxNumberExponent = 125;

// What a number's text says about its value, leading and trailing zeros trimmed away the way
// DynamoDB trims them ("1.50" and "15E-1" have the same shape).
struct NumberShape {
  bool negative = false;        // never true for zero
  std::size_t significant = 0;  // digits from the first to the last non-zero digit; 0 for zero
  std::int64_t exponent = 0;    // exponent of the first significant digit in scientific notation
};

// The shape of `text` if it is DynamoDB number syntax: an optional sign, digits with an optional
// fraction (at least one digit in all), an optional exponent (`e`/`E`, optional sign, digits).
// Limits are not checked here. std::nullopt for anything else.
[[nodiscard]] std::optional<NumberShape> number_shape(std::string_view text) noexcept;

// One spelling per value ("1", "1.0" and "10E-1" give the same), to find duplicates in a number
// set the way DynamoDB compares numbers. `text` must satisfy is_valid_number.
[[nodiscard]] std::string canonical_number(std::string_view text);

}  // namespace hub::aws
