#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace hub::core {

// Standard base64 (RFC 4648 section 4: `+` `/`, `=` padding), as API Gateway uses for bodies.
[[nodiscard]] std::string base64_encode(std::string_view bytes);

// Strict decode: the length must be a multiple of 4, only alphabet characters, padding only
// at the end and unused bits zero. std::nullopt for anything else.
[[nodiscard]] std::optional<std::string> base64_decode(std::string_view text);

// base64url (RFC 4648 section 5: `-` `_`) without padding, as in JWTs and our pagination
// cursors. Decoding is as strict as above: one canonical text per byte string.
[[nodiscard]] std::string base64url_encode(std::string_view bytes);
[[nodiscard]] std::optional<std::string> base64url_decode(std::string_view text);

}  // namespace hub::core
