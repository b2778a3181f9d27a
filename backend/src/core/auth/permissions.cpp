#include "core/auth/permissions.hpp"

#include <algorithm>
#include <array>

namespace hub::core::auth {
namespace {

using enum Permission;

constexpr std::array kAll{session_read,       own_profile,   own_activity_read, feedback_create,
                          content_publish,    feedback_read, feedback_manage,   users_read,
                          users_manage_roles, metrics_read};

constexpr std::array<std::string_view, 3> kRoles{"admin", "editor", "member"};

struct Grant {
  std::string_view role;
  std::span<const Permission> permissions;
};

// The permission matrix. Roles do not inherit implicitly: each row lists all it grants, so the
// table reads the same as docs/auth.md.
constexpr std::array kMember{session_read, own_profile, own_activity_read, feedback_create};
constexpr std::array kEditor{session_read,    own_profile,     own_activity_read,
                             feedback_create, content_publish, feedback_read};
constexpr std::array kGrants{
    Grant{"admin", kAll},
    Grant{"editor", kEditor},
    Grant{"member", kMember},
};

}  // namespace

std::span<const Permission> all_permissions() noexcept { return kAll; }

std::string_view permission_name(Permission permission) noexcept {
  switch (permission) {
    case session_read:
      return "session:read";
    case own_profile:
      return "profile:own";
    case own_activity_read:
      return "activity:read-own";
    case feedback_create:
      return "feedback:create";
    case content_publish:
      return "content:publish";
    case feedback_read:
      return "feedback:read";
    case feedback_manage:
      return "feedback:manage";
    case users_read:
      return "users:read";
    case users_manage_roles:
      return "users:manage-roles";
    case metrics_read:
      return "metrics:read";
  }
  return "unknown";
}

std::span<const std::string_view> role_names() noexcept { return kRoles; }

bool role_grants(std::string_view role, Permission permission) noexcept {
  const auto* grant = std::ranges::find(kGrants, role, &Grant::role);
  return grant != kGrants.end() &&
         std::ranges::find(grant->permissions, permission) != grant->permissions.end();
}

bool any_role_grants(std::span<const std::string> roles, Permission permission) noexcept {
  return std::ranges::any_of(roles, [&](const std::string& role) { return role_grants(role, permission); });
}

std::vector<Permission> permissions_of(std::span<const std::string> roles) {
  std::vector<Permission> out;
  for (const auto permission : kAll) {
    if (any_role_grants(roles, permission)) out.push_back(permission);
  }
  return out;
}

}  // namespace hub::core::auth
