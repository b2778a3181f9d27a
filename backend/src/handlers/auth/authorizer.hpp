#pragma once

#include "core/auth/authenticator.hpp"
#include "core/json.hpp"
#include "http/request.hpp"

namespace hub::handlers::auth {

// The API Gateway HTTP API Lambda authorizer (payload format 2.0, simple responses), given the
// request an authorizer event describes (runtime/lambda reads it).
//
// A request whose Authorization header holds a valid bearer token of a user whose roles can be
// read is allowed:
//   {"isAuthorized": true, "context": {"user_id": "<sub>", "roles": "admin,member"}}
// (an authorizer context holds strings, numbers and booleans only, so the roles are comma-joined,
// sorted, "member" always among them). Anything else, a missing or bad token as much as a role
// lookup that failed, is {"isAuthorized": false}: the authorizer fails closed. Each answer is
// logged: an allowed one with the user id and roles, a denial with its error code and the part
// of the header or token at fault. Never the token or the header.
//
// It only authenticates. Which route needs which permission is enforced by each function's own
// authorization middleware from the roles it reads from the table, so a function stays safe when
// called without this authorizer in front (and API Gateway may cache this answer per token for
// the whole API).
[[nodiscard]] json::object authorize(const core::auth::Authenticator& authenticator,
                                     const http::Request& request);

}  // namespace hub::handlers::auth
