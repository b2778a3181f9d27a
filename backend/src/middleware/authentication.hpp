#pragma once

#include <memory>

#include "core/auth/authenticator.hpp"
#include "http/middleware.hpp"
#include "http/router.hpp"

namespace hub::middleware {

// Authentication and role-based authorization, before any body is read. The route the router
// would call decides:
//  - public (no permission) or no route at all: passed on; a token, if any, is not even read;
//  - protected: the caller is authenticated from the Authorization header alone (never the
//    query string or cookies; more than one Authorization field is rejected) and the caller's
//    roles must grant the route's permission.
// Missing or bad credentials: 401 UNAUTHENTICATED with
// `WWW-Authenticate: Bearer realm="innovation-hub"`
// (and error="invalid_token" when a token was presented, RFC 6750 §3.1); why a token was
// rejected is logged, never sent, except that an expired token says so (clients refresh on it).
// Lacking the permission: 403 FORBIDDEN with error="insufficient_scope". A role lookup failure
// is answered as its own error (fail closed). On success request.user is set and every log line
// for the rest of the request carries user_id.
// Without an authenticator (authentication not configured), every protected route is 401.
class AuthenticationMiddleware final : public http::Middleware {
 public:
  AuthenticationMiddleware(std::shared_ptr<const core::auth::Authenticator> authenticator,
                           std::shared_ptr<const http::Router> router);

  http::Response handle(http::Request& request, const http::Next& next) const override;

 private:
  [[nodiscard]] Result<core::auth::UserContext> authenticate(const http::Request& request) const;

  std::shared_ptr<const core::auth::Authenticator> authenticator_;
  std::shared_ptr<const http::Router> router_;
};

}  // namespace hub::middleware
