#pragma once

#include <chrono>
#include <cstddef>
#include <string>

#include "aws/http_transport.hpp"
#include "core/result.hpp"

namespace hub::aws {

// GETs a small public document (a user pool's JWKS, say) and returns its body. Only a 200
// answer within `timeout` (connecting included) whose body is at most `max_bytes` is accepted:
// a larger body is cut off while it arrives. Every failure is DEPENDENCY_UNAVAILABLE naming the
// URL (without its query) and what went wrong, never a header or the body.
[[nodiscard]] Result<std::string> fetch_document(HttpTransport& http, const std::string& url,
                                                 std::chrono::milliseconds timeout, std::size_t max_bytes);

}  // namespace hub::aws
