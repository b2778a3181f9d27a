#include "handlers/auth/session_routes.hpp"

#include <algorithm>
#include <chrono>

#include "core/clock.hpp"
#include "models/codec.hpp"

namespace hub::handlers::auth {
namespace {

// exp as RFC 3339. A time point holds nanoseconds: an exp beyond year 2262 (which the verifier
// lets through up to 9999) is shown as the latest time that fits rather than overflowing.
std::string expiry_text(std::int64_t exp) {
  constexpr auto kLatest =
      std::chrono::duration_cast<std::chrono::seconds>(core::SystemTime::duration::max());
  const auto seconds = std::clamp(std::chrono::seconds{exp}, std::chrono::seconds{0}, kLatest);
  return core::to_rfc3339(core::SystemTime{std::chrono::duration_cast<core::SystemTime::duration>(seconds)});
}

}  // namespace

models::Session session_of(const core::auth::UserContext& user) {
  models::Session session{
      .user_id = user.user_id,
      .username = user.username,
      .email = user.email,
      .roles = user.roles,
      .permissions = {},
      .token_use = user.token_use,
      .client_id = user.client_id,
      .scopes = user.scopes,
      .expires_at = expiry_text(user.expires_at),
  };
  for (const auto permission : core::auth::permissions_of(user.roles)) {
    session.permissions.emplace_back(core::auth::permission_name(permission));
  }
  return session;
}

void register_session_routes(Api& api) {
  api.get<models::Session>("/auth/session", "The signed-in caller's identity, roles and permissions", "auth",
                           Access::require(core::auth::Permission::session_read),
                           [](const http::Request& request) -> Result<http::Response> {
                             // The authentication middleware sets the user on every protected route.
                             if (!request.user) {
                               return Error::make(ErrorCode::UNAUTHENTICATED, "Authentication is required.");
                             }
                             return http::Response::json(200, models::to_json(session_of(*request.user)));
                           });
}

}  // namespace hub::handlers::auth
