#pragma once

#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace hub::core::auth {

// Who is calling, once their token has been verified: what handlers see and what the session
// endpoint returns. Never holds the token itself.
struct UserContext {
  std::string user_id;                    // the token's sub (the Cognito user's permanent id)
  std::string username;                   // cognito:username (ID token) or username (access token)
  std::string email;                      // ID tokens carry it; empty for access tokens
  std::vector<std::string> roles;         // from the table, "member" always included; sorted, unique
  std::string token_use;                  // "id" or "access"
  std::string client_id;                  // the app client: aud (ID token) or client_id (access token)
  std::vector<std::string> scopes;        // an access token's scope, split on spaces
  std::vector<std::string> token_groups;  // cognito:groups as the token carries them (informational)
  std::int64_t expires_at = 0;            // exp, seconds since the Unix epoch

  [[nodiscard]] bool has_role(std::string_view role) const {
    return std::ranges::find(roles, role) != roles.end();
  }
};

}  // namespace hub::core::auth
