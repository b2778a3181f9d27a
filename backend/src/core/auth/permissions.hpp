#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace hub::core::auth {

// What a route may require. The matrix of which role grants what is in permissions.cpp, the
// one place that decides it (docs/auth.md prints it).
enum class Permission : unsigned char {
  session_read,        // GET /auth/session
  own_profile,         // read and change one's own profile and preferences
  own_activity_read,   // one's own activity log
  feedback_create,     // send feedback
  content_publish,     // publish and edit any proposal or newsletter
  feedback_read,       // read everyone's feedback
  feedback_manage,     // change feedback status
  users_read,          // read other users' profiles and activity
  users_manage_roles,  // assign roles
  metrics_read,        // GET /metrics
};

// Every permission, in declaration order.
[[nodiscard]] std::span<const Permission> all_permissions() noexcept;

// "users:manage-roles" style names, for logs, OpenAPI and the session endpoint.
[[nodiscard]] std::string_view permission_name(Permission permission) noexcept;

// The roles there are ("admin", "editor", "member"), most privileged first.
[[nodiscard]] std::span<const std::string_view> role_names() noexcept;

// Whether `role` grants `permission`. An unknown role grants nothing.
[[nodiscard]] bool role_grants(std::string_view role, Permission permission) noexcept;

// Whether any of `roles` grants `permission`.
[[nodiscard]] bool any_role_grants(std::span<const std::string> roles, Permission permission) noexcept;

// Everything `roles` grant together, in declaration order.
[[nodiscard]] std::vector<Permission> permissions_of(std::span<const std::string> roles);

}  // namespace hub::core::auth
