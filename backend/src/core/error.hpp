#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error_codes.hpp"

namespace hub {

enum class ErrorCode : std::uint8_t {
#define HUB_ERROR_ENUM(name, status, title, meaning) name,
  HUB_ERROR_CODES(HUB_ERROR_ENUM)
#undef HUB_ERROR_ENUM
};

struct ErrorCodeInfo {
  ErrorCode code;
  std::string_view name;
  int http_status;
  std::string_view title;
  std::string_view meaning;
};

// The whole table, in declaration order (used by docs tests and OpenAPI).
[[nodiscard]] const std::vector<ErrorCodeInfo>& all_error_codes();
[[nodiscard]] const ErrorCodeInfo& info(ErrorCode code) noexcept;
[[nodiscard]] std::string_view name(ErrorCode code) noexcept;
[[nodiscard]] int http_status(ErrorCode code) noexcept;

// One bad field: an RFC 6901 JSON pointer into the input and what is wrong with it.
struct FieldError {
  std::string pointer;
  std::string message;
  bool operator==(const FieldError&) const = default;
};

// The single error type. `detail` is safe to show a client; internals go to the log only.
struct Error {
  ErrorCode code = ErrorCode::INTERNAL;
  std::string detail;
  std::vector<FieldError> fields;
  std::optional<std::int64_t> current_version{};  // VERSION_CONFLICT: the version the item has now

  [[nodiscard]] static Error make(ErrorCode code, std::string detail) {
    return Error{code, std::move(detail), {}, {}};
  }
  [[nodiscard]] static Error validation(std::vector<FieldError> fields,
                                        std::string detail = "The request has invalid fields.") {
    return Error{ErrorCode::VALIDATION_FAILED, std::move(detail), std::move(fields), {}};
  }
  [[nodiscard]] static Error version_conflict(std::int64_t current) {
    return Error{ErrorCode::VERSION_CONFLICT,
                 "The item was changed by someone else; read it again and reapply the change.",
                 {},
                 current};
  }
};

}  // namespace hub
