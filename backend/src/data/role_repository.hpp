#pragma once

#include <map>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "data/page.hpp"
#include "models/user.hpp"

namespace hub::data {

// Role assignments: authoritative for authorization (Cognito groups mirror them).
class RoleRepository {
 public:
  virtual ~RoleRepository() = default;

  // The roles a user holds (explicitly assigned; `member` is implicit for everyone).
  [[nodiscard]] virtual Result<std::vector<models::RoleAssignment>> roles_of(
      std::string_view user_id) const = 0;
  // Replaces the user's set of roles in one transaction: assigns the missing, revokes the rest.
  [[nodiscard]] virtual Result<std::vector<models::RoleAssignment>> replace(
      std::string_view user_id, const std::vector<std::string>& roles, std::string_view granted_by) const = 0;
  // The roles each of `user_ids` holds (sorted; users holding none map to an empty list), read in
  // batches rather than one query per user.
  [[nodiscard]] virtual Result<std::map<std::string, std::vector<std::string>, std::less<>>> roles_of_users(
      std::span<const std::string> user_ids) const = 0;
  // Users holding `role`, by user id.
  [[nodiscard]] virtual Result<Page<models::RoleAssignment>> holders(std::string_view role,
                                                                     const PageRequest& page) const = 0;
};

}  // namespace hub::data
