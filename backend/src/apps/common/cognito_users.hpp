#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "aws/cognito_idp.hpp"
#include "services/user_directory.hpp"

namespace hub::apps {

// services::UserDirectory over one Cognito user pool: the user found by `sub` (ListUsers with the
// filter sub = "<id>"), their email and names. Failures map like storage failures.
class CognitoUserDirectory final : public services::UserDirectory {
 public:
  CognitoUserDirectory(const aws::CognitoIdpClient& cognito, std::string user_pool_id)
      : cognito_(cognito), user_pool_id_(std::move(user_pool_id)) {}

  [[nodiscard]] Result<std::optional<services::DirectoryUser>> find(std::string_view user_id) const override;

 private:
  const aws::CognitoIdpClient& cognito_;
  std::string user_pool_id_;
};

}  // namespace hub::apps
