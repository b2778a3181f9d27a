#pragma once

#include "core/auth/user_context.hpp"
#include "handlers/api.hpp"
#include "models/session.hpp"

namespace hub::handlers::auth {

// The session of an authenticated caller: the context with its permissions named and the
// expiry as RFC 3339.
[[nodiscard]] models::Session session_of(const core::auth::UserContext& user);

// GET /auth/session (Permission::session_read: every signed-in user): the caller's session.
void register_session_routes(Api& api);

}  // namespace hub::handlers::auth
