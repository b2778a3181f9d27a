#pragma once

#include <string_view>

#include "aws/aws_error.hpp"
#include "core/error.hpp"

namespace hub::data {

// What a failed storage call means to the caller, as one of the API's error codes. The AWS
// details (error name, message, request id, attempts) are logged here with `operation`; the
// returned detail is safe to show a client:
//   throttled, 5xx, connection failures, timeouts, credentials -> DEPENDENCY_UNAVAILABLE
//   deadline_exceeded                                            -> REQUEST_TIMEOUT
//   anything else (a request we built wrongly, a missing table)  -> INTERNAL
// Conditional-check and transaction failures mean something specific to each repository, which
// handles them before falling back to this.
[[nodiscard]] Error storage_error(const aws::AwsError& error, std::string_view operation);

}  // namespace hub::data
