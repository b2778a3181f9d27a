#pragma once

#include <string_view>

#include "core/auth/user_context.hpp"
#include "core/result.hpp"

namespace hub::core::auth {

// Checks a bearer token (the compact JWT, without "Bearer ") and says whose it is. Roles are
// left empty: the table decides them, not the token.
// A rejected token is UNAUTHENTICATED with one field naming what was wrong, e.g.
// {"/header/alg", "is not an allowed algorithm"} or {"/payload/exp", "has passed"}: safe to log,
// never containing token text.
class TokenVerifier {
 public:
  virtual ~TokenVerifier() = default;
  [[nodiscard]] virtual Result<UserContext> verify(std::string_view token) const = 0;
};

}  // namespace hub::core::auth
