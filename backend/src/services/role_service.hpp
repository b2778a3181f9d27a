#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "data/role_repository.hpp"
#include "models/user.hpp"
#include "services/group_directory.hpp"

namespace hub::services {

// How the user's role groups were brought in step with the roles the table holds.
struct GroupMirror {
  std::vector<std::string> added{};    // groups the user was put in
  std::vector<std::string> removed{};  // groups the user was taken out of
  std::optional<Error> failure{};      // the first call that failed: the groups are not in step

  [[nodiscard]] bool in_step() const noexcept { return !failure.has_value(); }
};

// One role assignment: what the table holds now, what changed, and the groups' mirroring.
struct RoleChange {
  std::vector<models::RoleAssignment> roles{};  // held now, sorted by role
  std::vector<std::string> granted{};           // held now and not before
  std::vector<std::string> revoked{};           // held before and not now
  GroupMirror groups{};
};

// Assigns roles. The table is authoritative: it is written first and decides every
// authorization (core/auth reads roles from it). The role groups of the identity provider
// (admin, editor, member: models::role_names(); other groups are left alone) are then brought in
// step so that new tokens carry the same roles in cognito:groups. When that mirroring fails after
// the table was written, the assignment stands: the failure is logged and reported in
// RoleChange::groups, nothing is rolled back, and the next assignment of that user or
// sync_groups (`hubctl roles sync`) repairs the groups.
class RoleService {
 public:
  RoleService(const data::RoleRepository& roles, const GroupDirectory& groups);

  // The roles the table holds for the user (member is implicit and not listed unless assigned).
  [[nodiscard]] Result<std::vector<models::RoleAssignment>> roles_of(std::string_view user_id) const;

  // Replaces the user's roles with `roles` (each one of models::role_names(), else
  // VALIDATION_FAILED and nothing changes), then mirrors them into the role groups. An Error
  // means the table was not changed.
  [[nodiscard]] Result<RoleChange> replace_roles(std::string_view user_id,
                                                 const std::vector<std::string>& roles,
                                                 std::string_view granted_by) const;

  // Brings the user's role groups in step with the table without changing it. An Error means
  // the table could not be read; a failed mirroring is in the GroupMirror.
  [[nodiscard]] Result<GroupMirror> sync_groups(std::string_view user_id) const;

 private:
  [[nodiscard]] GroupMirror mirror(std::string_view user_id,
                                   const std::vector<models::RoleAssignment>& held) const;

  const data::RoleRepository& roles_;
  const GroupDirectory& groups_;
};

}  // namespace hub::services
