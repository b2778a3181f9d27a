#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "aws/cognito_idp.hpp"
#include "core/result.hpp"
#include "services/group_directory.hpp"

namespace hub::apps {

// services::GroupDirectory over the groups of one Cognito user pool. Cognito's admin calls take
// the username, which in a pool signing in by email is neither the address nor known to the
// table, so each call first finds the user by `sub` (ListUsers with the filter sub = "<id>",
// documented for ListUsers and supported by moto). A user the pool does not hold is
// USER_NOT_FOUND; Cognito failures map like storage failures (data/storage_error.hpp) and are
// logged with their AWS details.
class CognitoGroupDirectory final : public services::GroupDirectory {
 public:
  CognitoGroupDirectory(const aws::CognitoIdpClient& cognito, std::string user_pool_id);

  [[nodiscard]] Result<std::vector<std::string>> groups_of(std::string_view user_id) const override;
  [[nodiscard]] Status add_to_group(std::string_view user_id, std::string_view group) const override;
  [[nodiscard]] Status remove_from_group(std::string_view user_id, std::string_view group) const override;

 private:
  [[nodiscard]] Result<std::string> username_of(std::string_view user_id) const;

  const aws::CognitoIdpClient& cognito_;
  std::string user_pool_id_;
};

}  // namespace hub::apps
