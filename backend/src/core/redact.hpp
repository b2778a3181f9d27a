#pragma once

#include <string>
#include <string_view>

#include "core/json.hpp"

namespace hub::core {

inline constexpr std::string_view kRedacted = "[REDACTED]";

// True for a key whose value must never be logged: Authorization, cookies, tokens, secrets,
// passwords, API keys (matched case-insensitively, `-` and `_` alike).
[[nodiscard]] bool is_sensitive_key(std::string_view key) noexcept;

// Replaces bearer credentials and JWT-shaped strings inside free text.
[[nodiscard]] std::string redact_text(std::string_view text);

// Redacts in place: values under sensitive keys at any depth, and tokens inside strings.
void redact(json::value& value);

}  // namespace hub::core
