#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "apps/common/storage.hpp"
#include "core/auth/role_source.hpp"
#include "core/config.hpp"
#include "data/role_repository.hpp"

namespace hub::apps {

// The roles the table holds for a user (data::RoleRepository::roles_of), as role names. Storage
// failures are passed on with their own codes (DEPENDENCY_UNAVAILABLE, REQUEST_TIMEOUT...), so
// authorization fails closed.
class TableRoleSource final : public core::auth::RoleSource {
 public:
  explicit TableRoleSource(std::shared_ptr<const data::RoleRepository> roles) : roles_(std::move(roles)) {}

  [[nodiscard]] Result<std::vector<std::string>> roles_of(std::string_view user_id) const override;

 private:
  std::shared_ptr<const data::RoleRepository> roles_;
};

// The role source an Authenticator uses: the table's roles, cached for auth.role_cache
// (HUB_ROLE_CACHE_MS; 0 = no cache). Keeps `storage` alive.
[[nodiscard]] std::shared_ptr<const core::auth::RoleSource> table_role_source(
    const std::shared_ptr<const Storage>& storage, const core::AuthConfig& auth);

}  // namespace hub::apps
