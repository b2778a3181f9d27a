#include "apps/common/table_role_source.hpp"

#include "core/auth/cached_role_source.hpp"

namespace hub::apps {

Result<std::vector<std::string>> TableRoleSource::roles_of(std::string_view user_id) const {
  auto assignments = roles_->roles_of(user_id);
  if (!assignments) return std::move(assignments).error();
  std::vector<std::string> roles;
  roles.reserve(assignments->size());
  for (auto& assignment : *assignments) roles.push_back(std::move(assignment.role));
  return roles;
}

std::shared_ptr<const core::auth::RoleSource> table_role_source(const std::shared_ptr<const Storage>& storage,
                                                                const core::AuthConfig& auth) {
  // Shares ownership of the storage that owns the repository.
  std::shared_ptr<const data::RoleRepository> repository(storage, storage->repositories.roles.get());
  return std::make_shared<core::auth::CachedRoleSource>(
      std::make_shared<TableRoleSource>(std::move(repository)), auth.role_cache);
}

}  // namespace hub::apps
