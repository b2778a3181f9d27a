#include <memory>

#include "apps/common/cognito_groups.hpp"
#include "apps/common/cognito_users.hpp"
#include "apps/common/service.hpp"
#include "core/auth/cached_role_source.hpp"
#include "handlers/users/user_routes.hpp"
#include "services/role_service.hpp"
#include "services/user_service.hpp"

namespace hub::apps {
namespace {

// Without a user pool there are no groups to mirror roles into (and no caller gets past
// authentication to change roles).
class NoGroupDirectory final : public services::GroupDirectory {
 public:
  [[nodiscard]] Result<std::vector<std::string>> groups_of(std::string_view /*user_id*/) const override {
    return std::vector<std::string>{};
  }
  [[nodiscard]] Status add_to_group(std::string_view /*user_id*/, std::string_view /*group*/) const override {
    return {};
  }
  [[nodiscard]] Status remove_from_group(std::string_view /*user_id*/,
                                         std::string_view /*group*/) const override {
    return {};
  }
};

// What the users routes run on, kept alive by the service.
struct UsersPart {
  std::unique_ptr<services::GroupDirectory> groups;
  std::unique_ptr<services::UserDirectory> directory;
  std::unique_ptr<services::RoleService> roles;
  std::unique_ptr<services::UserService> users;
};

}  // namespace

void add_users_routes(Service& service) {
  const auto& storage = *service.storage;
  const auto& repositories = storage.repositories;
  auto part = std::make_shared<UsersPart>();
  const auto& pool = service.config.auth.user_pool_id;
  if (pool.empty()) {
    part->groups = std::make_unique<NoGroupDirectory>();
  } else {
    part->groups = std::make_unique<CognitoGroupDirectory>(*storage.cognito, pool);
    part->directory = std::make_unique<CognitoUserDirectory>(*storage.cognito, pool);
  }
  part->roles = std::make_unique<services::RoleService>(*repositories.roles, *part->groups);
  // This process forgets a user's cached roles as soon as it changes them; other processes see
  // the change within HUB_ROLE_CACHE_MS.
  auto role_cache = std::dynamic_pointer_cast<const core::auth::CachedRoleSource>(service.role_source);
  part->users = std::make_unique<services::UserService>(services::UserService::Dependencies{
      .profiles = *repositories.profiles,
      .preferences = *repositories.preferences,
      .roles = *repositories.roles,
      .activity = *repositories.activity,
      .role_service = *part->roles,
      .recorder = activity_recorder(service),
      .directory = part->directory.get(),
      .roles_changed =
          [role_cache](std::string_view user_id) {
            if (role_cache) role_cache->forget(user_id);
          },
  });
  handlers::users::register_user_routes(*service.api, *part->users);
  service.parts.push_back(std::move(part));
}

}  // namespace hub::apps
