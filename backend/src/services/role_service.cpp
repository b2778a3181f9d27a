#include "services/role_service.hpp"

#include <algorithm>

#include <boost/json/value_from.hpp>

#include "core/log.hpp"

namespace hub::services {
namespace {

bool holds(const std::vector<models::RoleAssignment>& held, std::string_view role) {
  return std::ranges::find(held, role, &models::RoleAssignment::role) != held.end();
}

// The roles of `from` that are not in `without`, by name.
std::vector<std::string> difference(const std::vector<models::RoleAssignment>& from,
                                    const std::vector<models::RoleAssignment>& without) {
  std::vector<std::string> out;
  for (const auto& assignment : from) {
    if (!holds(without, assignment.role)) out.push_back(assignment.role);
  }
  std::ranges::sort(out);
  return out;
}

}  // namespace

RoleService::RoleService(const data::RoleRepository& roles, const GroupDirectory& groups)
    : roles_(roles), groups_(groups) {}

Result<std::vector<models::RoleAssignment>> RoleService::roles_of(std::string_view user_id) const {
  auto held = roles_.roles_of(user_id);
  if (!held) return std::move(held).error();
  std::ranges::sort(*held, {}, &models::RoleAssignment::role);
  return held;
}

Result<RoleChange> RoleService::replace_roles(std::string_view user_id, const std::vector<std::string>& roles,
                                              std::string_view granted_by) const {
  auto before = roles_.roles_of(user_id);
  if (!before) return std::move(before).error();
  auto after = roles_.replace(user_id, roles, granted_by);
  if (!after) return std::move(after).error();
  std::ranges::sort(*after, {}, &models::RoleAssignment::role);

  RoleChange change;
  change.granted = difference(*after, *before);
  change.revoked = difference(*before, *after);
  change.roles = std::move(after).value();
  if (!change.granted.empty() || !change.revoked.empty()) {
    core::logger().info("roles replaced", {{"user_id", user_id},
                                           {"granted_by", granted_by},
                                           {"granted", json::value_from(change.granted)},
                                           {"revoked", json::value_from(change.revoked)}});
  }
  change.groups = mirror(user_id, change.roles);
  return change;
}

Result<GroupMirror> RoleService::sync_groups(std::string_view user_id) const {
  auto held = roles_.roles_of(user_id);
  if (!held) return std::move(held).error();
  return mirror(user_id, *held);
}

GroupMirror RoleService::mirror(std::string_view user_id,
                                const std::vector<models::RoleAssignment>& held) const {
  GroupMirror result;
  const auto note_failure = [&](Error error) {
    if (!result.failure) result.failure = std::move(error);
  };
  auto groups = groups_.groups_of(user_id);
  if (!groups) {
    note_failure(std::move(groups).error());
  } else {
    for (const auto role : models::role_names()) {
      const bool wanted = holds(held, role);
      const bool member = std::ranges::find(*groups, role) != groups->end();
      if (wanted == member) continue;
      auto changed = wanted ? groups_.add_to_group(user_id, role) : groups_.remove_from_group(user_id, role);
      if (!changed) {
        note_failure(std::move(changed).error());
      } else {
        (wanted ? result.added : result.removed).emplace_back(role);
      }
    }
  }
  if (result.failure) {
    // The table has the roles already; the groups lag until the next assignment or a sync.
    core::logger().warning("role groups not brought in step with the table",
                           {{"user_id", user_id},
                            {"error_code", hub::name(result.failure->code)},
                            {"error", result.failure->detail}});
  }
  return result;
}

}  // namespace hub::services
