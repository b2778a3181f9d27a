#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "core/json.hpp"
#include "core/result.hpp"

namespace hub::core::auth {

// A bearer token larger than this is refused before anything else is looked at.
inline constexpr std::size_t kMaxTokenBytes = 8 * 1024;

// How deeply a token's header or claims may nest (Cognito's nest two levels at most).
inline constexpr std::size_t kMaxTokenJsonDepth = 8;

// A compact JWS (RFC 7515 §7.1) taken apart and decoded, not yet trusted.
struct DecodedJwt {
  json::object header;
  json::object payload;
  std::string signing_input;  // "<header>.<payload>" exactly as received: what the signature covers
  std::string signature;      // the decoded signature bytes
};

// Takes a compact JWS apart, strictly: at most `max_token_bytes`, exactly three non-empty parts
// separated by '.' (five parts, a JWE, are refused as such), each canonical base64url without
// padding, header and payload JSON objects without repeated member names, numbers that fit and
// shallow nesting. A refusal is the error token_rejected() makes, pointing at "/token",
// "/header", "/payload" or "/signature" (or at a well-known member of them, such as
// "/payload/exp" for a repeated exp).
[[nodiscard]] Result<DecodedJwt> decode_jwt(std::string_view token,
                                            std::size_t max_token_bytes = kMaxTokenBytes);

// The UNAUTHENTICATED error of a refused token: a generic detail and one field. `message` must
// be fixed text: never a piece of the token, a claim value or a key id.
[[nodiscard]] Error token_rejected(std::string pointer, std::string_view message);

}  // namespace hub::core::auth
