#pragma once

#include <memory>
#include <optional>
#include <string_view>

#include "core/auth/role_source.hpp"
#include "core/auth/token_verifier.hpp"
#include "core/auth/user_context.hpp"
#include "core/result.hpp"

namespace hub::core::auth {

// From an Authorization header value to a complete UserContext: the header must be
// `Bearer <token>` (the scheme in any case, one space, RFC 6750 token characters only), the token
// must verify, and the roles are read from `roles` (plus "member", which every signed-in user is).
// Missing or bad credentials are UNAUTHENTICATED: without a header the error has no fields (RFC 6750
// §3.1: no error code then); a bad header or token names what was wrong in one field. A role
// lookup failure is passed on as it is.
// Used by the authentication middleware and by the API Gateway Lambda authorizer alike.
class Authenticator {
 public:
  Authenticator(std::shared_ptr<const TokenVerifier> verifier, std::shared_ptr<const RoleSource> roles);

  [[nodiscard]] Result<UserContext> authenticate(std::optional<std::string_view> authorization) const;

 private:
  std::shared_ptr<const TokenVerifier> verifier_;
  std::shared_ptr<const RoleSource> roles_;
};

}  // namespace hub::core::auth
