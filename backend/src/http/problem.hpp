#pragma once

#include <string_view>

#include "core/error.hpp"
#include "http/response.hpp"

namespace hub::http {

inline constexpr std::string_view kProblemContentType = "application/problem+json";

// The problem type URI of a code: "urn:igad:innovation-hub:problem:validation-failed".
[[nodiscard]] std::string problem_type(ErrorCode code);

// An RFC 9457 problem response: type, title, status, detail, code, request_id, instance and,
// when the error names fields, errors: [{pointer, message}].
[[nodiscard]] Response problem_response(const Error& error, std::string_view request_id,
                                        std::string_view instance);

}  // namespace hub::http
