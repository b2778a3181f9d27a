#include "aws/dynamodb_number.hpp"

#include "aws/dynamodb_json.hpp"

namespace hub::aws {
namespace {

// Exponent digits beyond this are still read (so the syntax is checked) but no longer added:
// the value is out of DynamoDB's range long before, and the arithmetic cannot overflow.
constexpr std::int64_t kExponentCap = 1'000'000'000'000;

bool is_digit(char c) noexcept { return c >= '0' && c <= '9'; }

}  // namespace

std::optional<NumberShape> number_shape(std::string_view text) noexcept {
  std::size_t i = 0;
  bool negative = false;
  if (i < text.size() && (text[i] == '+' || text[i] == '-')) {
    negative = text[i] == '-';
    ++i;
  }

  // The mantissa's digits as one sequence, the point remembered as how many digits precede it.
  std::size_t digits = 0;
  std::size_t integer_digits = 0;
  bool seen_point = false;
  std::optional<std::size_t> first_nonzero;
  std::size_t last_nonzero = 0;
  for (; i < text.size(); ++i) {
    const char c = text[i];
    if (is_digit(c)) {
      if (c != '0') {
        if (!first_nonzero) first_nonzero = digits;
        last_nonzero = digits;
      }
      ++digits;
    } else if (c == '.' && !seen_point) {
      seen_point = true;
      integer_digits = digits;
    } else {
      break;
    }
  }
  if (!seen_point) integer_digits = digits;
  if (digits == 0) return std::nullopt;

  std::int64_t exponent = 0;
  if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
    ++i;
    bool exponent_negative = false;
    if (i < text.size() && (text[i] == '+' || text[i] == '-')) {
      exponent_negative = text[i] == '-';
      ++i;
    }
    const std::size_t start = i;
    for (; i < text.size() && is_digit(text[i]); ++i) {
      if (exponent < kExponentCap) exponent = exponent * 10 + (text[i] - '0');
    }
    if (i == start) return std::nullopt;
    if (exponent_negative) exponent = -exponent;
  }
  if (i != text.size()) return std::nullopt;

  NumberShape shape;
  if (!first_nonzero) return shape;  // zero, whatever its spelling
  shape.negative = negative;
  shape.significant = last_nonzero - *first_nonzero + 1;
  // The digit at index k of the sequence stands for 10^(integer_digits - 1 - k).
  shape.exponent =
      exponent + static_cast<std::int64_t>(integer_digits) - static_cast<std::int64_t>(*first_nonzero) - 1;
  return shape;
}

bool is_valid_number(std::string_view text) noexcept {
  const auto shape = number_shape(text);
  if (!shape) return false;
  if (shape->significant == 0) return true;
  return shape->significant <= kMaxNumberDigits && shape->exponent >= kMinNumberExponent &&
         shape->exponent <= kMaxNumberExponent;
}

std::string canonical_number(std::string_view text) {
  const auto shape = number_shape(text);
  if (!shape || shape->significant == 0) return "0";
  std::string significant;
  for (const char c : text) {
    if (c == 'e' || c == 'E') break;
    if (is_digit(c) && (c != '0' || !significant.empty())) significant.push_back(c);
  }
  significant.resize(shape->significant);  // drops the trailing zeros
  return (shape->negative ? "-" : "") + significant + "E" + std::to_string(shape->exponent);
}

}  // namespace hub::aws
