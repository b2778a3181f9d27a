#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace hub::services {

// The identity provider's groups (Cognito user pool groups), by user id (the Cognito `sub`).
// Role assignments are mirrored into them so that new tokens carry cognito:groups; they decide
// nothing themselves (the table does). A user the directory does not know is USER_NOT_FOUND;
// a directory that cannot be reached is DEPENDENCY_UNAVAILABLE.
class GroupDirectory {
 public:
  virtual ~GroupDirectory() = default;

  // Every group the user is in, role groups or not.
  [[nodiscard]] virtual Result<std::vector<std::string>> groups_of(std::string_view user_id) const = 0;
  // Adding a member or removing a non-member changes nothing and succeeds.
  [[nodiscard]] virtual Status add_to_group(std::string_view user_id, std::string_view group) const = 0;
  [[nodiscard]] virtual Status remove_from_group(std::string_view user_id, std::string_view group) const = 0;
};

}  // namespace hub::services
