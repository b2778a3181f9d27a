#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/auth/user_context.hpp"
#include "core/result.hpp"
#include "data/page.hpp"
#include "data/role_repository.hpp"
#include "data/user_preferences_repository.hpp"
#include "data/user_profile_repository.hpp"
#include "models/user_api.hpp"
#include "services/activity_recorder.hpp"
#include "services/actor.hpp"
#include "services/role_service.hpp"
#include "services/user_directory.hpp"
#include "services/version_precondition.hpp"

namespace hub::services {

// The rules of users' profiles, preferences and roles (docs/api.md, "Users").
class UserService {
 public:
  struct Dependencies {
    const data::UserProfileRepository& profiles;
    const data::UserPreferencesRepository& preferences;
    const data::RoleRepository& roles;
    const data::ActivityRepository& activity;
    const RoleService& role_service;
    const ActivityRecorder& recorder;
    const UserDirectory* directory = nullptr;  // null: profiles come from token claims only
    // Called after a user's roles changed, so caches of them can forget the user.
    std::function<void(std::string_view user_id)> roles_changed{};
  };

  explicit UserService(Dependencies dependencies) : d_(std::move(dependencies)) {}

  // The caller's profile; created on first call from the token's claims (and the directory when
  // the token carries no email), recorded as profile.created.
  [[nodiscard]] Result<models::Profile> own_profile(const core::auth::UserContext& caller,
                                                    const Actor& actor) const;
  // Replaces the caller's editable fields. PRECONDITION_FAILED when `expected` does not allow the
  // stored version; VERSION_CONFLICT when another change landed between read and write.
  [[nodiscard]] Result<models::Profile> update_own_profile(const core::auth::UserContext& caller,
                                                           const Actor& actor,
                                                           const models::ProfileUpdate& update,
                                                           const VersionPrecondition& expected) const;

  // The caller's preferences: the defaults (version 0) until first saved.
  [[nodiscard]] Result<models::Preferences> preferences(std::string_view user_id) const;
  [[nodiscard]] Result<models::Preferences> update_preferences(const Actor& actor,
                                                               const models::PreferencesUpdate& update,
                                                               const VersionPrecondition& expected) const;

  // Administration.
  [[nodiscard]] Result<models::UserPage> list_users(const std::optional<std::string>& role,
                                                    const data::PageRequest& page) const;
  [[nodiscard]] Result<models::Profile> user(std::string_view user_id) const;  // USER_NOT_FOUND
  [[nodiscard]] Result<models::UserBatchResult> users(const std::vector<std::string>& ids) const;
  // Replaces the user's roles. USER_NOT_FOUND when they have no profile; LAST_ADMIN when an
  // admin would remove their own admin role while no other admin exists.
  [[nodiscard]] Result<models::RolesResult> assign_roles(const Actor& actor, std::string_view user_id,
                                                         const std::vector<std::string>& roles) const;

  // A user's activity, newest first.
  [[nodiscard]] Result<models::ActivityPage> activity(std::string_view user_id,
                                                      const data::PageRequest& page) const;

 private:
  [[nodiscard]] Result<models::UserProfile> stored_or_created(const core::auth::UserContext& caller,
                                                              const Actor& actor) const;

  Dependencies d_;
};

}  // namespace hub::services
