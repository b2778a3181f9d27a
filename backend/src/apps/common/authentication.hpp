#pragma once

#include <memory>

#include "apps/common/storage.hpp"
#include "core/auth/authenticator.hpp"
#include "core/auth/role_source.hpp"
#include "core/config.hpp"

namespace hub::apps {

// The process's authenticator (docs/auth.md): the user pool's signing keys, fetched on first need
// through storage's HTTP client and cached; the JWT verifier with the configured rules; and the
// table's roles as `roles` gives them (table_role_source: behind the role cache). Null when
// authentication is off (no COGNITO_USER_POOL_ID).
[[nodiscard]] std::shared_ptr<const core::auth::Authenticator> make_authenticator(
    const core::AuthConfig& auth, const std::shared_ptr<const Storage>& storage,
    std::shared_ptr<const core::auth::RoleSource> roles);

}  // namespace hub::apps
