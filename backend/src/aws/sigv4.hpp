#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/clock.hpp"

namespace hub::aws {

struct Credentials {
  std::string access_key_id;
  std::string secret_access_key;
  std::string session_token;  // empty for long-term keys
};

// What AWS Signature Version 4 needs to know of a request.
struct RequestToSign {
  std::string method;
  std::string path;   // as sent, not percent-encoded ("/", "/example space/")
  std::string query;  // raw query string without '?', percent-encoded or not
  std::vector<std::pair<std::string, std::string>> headers;  // must include Host
  std::string_view body;
};

struct SigningParams {
  Credentials credentials;
  std::string region;
  std::string service;
  core::SystemTime time;
  bool normalize_path = true;       // remove dot segments and empty segments (false for S3)
  bool add_content_sha256 = false;  // send and sign x-amz-content-sha256
  bool sign_session_token = true;   // a few services want the token added after signing
};

// The signature and every intermediate step, so each can be checked against AWS's vectors.
struct Signature {
  std::string canonical_request;
  std::string string_to_sign;
  std::string signature;  // lower-case hex
  // Headers to add to the request, in this order: X-Amz-Security-Token (when there is a
  // token), X-Amz-Date, x-amz-content-sha256 (when asked for), Authorization.
  std::vector<std::pair<std::string, std::string>> headers_to_add;
};

// The X-Ray trace header every traced call carries (core/tracing.hpp).
inline constexpr std::string_view kTraceHeaderName = "X-Amzn-Trace-Id";

// True for the headers SigV4 leaves out of a signature, as the AWS SDKs do: Authorization
// (the signature itself), and headers that may change on the way, X-Amzn-Trace-Id (X-Ray
// rewrites it), User-Agent (proxies), Expect and Transfer-Encoding (the HTTP client's own).
[[nodiscard]] bool is_unsigned_header(std::string_view name) noexcept;

// Signs with AWS4-HMAC-SHA256 as AWS's signing test suite specifies (shared/vectors/sigv4).
// Headers for which is_unsigned_header() holds are neither canonicalised nor listed in
// SignedHeaders.
[[nodiscard]] Signature sign_v4(const RequestToSign& request, const SigningParams& params);

// Percent-encodes everything but the unreserved characters A-Z a-z 0-9 - _ . ~ (RFC 3986),
// with upper-case hex, as SigV4 canonical forms require.
[[nodiscard]] std::string uri_encode(std::string_view text);

}  // namespace hub::aws
