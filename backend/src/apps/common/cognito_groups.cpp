#include "apps/common/cognito_groups.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "data/storage_error.hpp"

namespace hub::apps {

CognitoGroupDirectory::CognitoGroupDirectory(const aws::CognitoIdpClient& cognito, std::string user_pool_id)
    : cognito_(cognito), user_pool_id_(std::move(user_pool_id)) {}

Result<std::string> CognitoGroupDirectory::username_of(std::string_view user_id) const {
  auto user = cognito_.find_user_by_sub(user_pool_id_, user_id);
  if (!user) return data::storage_error(user.error(), "cognito.find_user_by_sub");
  if (!user->has_value()) {
    return Error::make(ErrorCode::USER_NOT_FOUND,
                       fmt::format("No user with this id exists in the user pool {}.", user_pool_id_));
  }
  return std::move((*user)->username);
}

Result<std::vector<std::string>> CognitoGroupDirectory::groups_of(std::string_view user_id) const {
  auto username = username_of(user_id);
  if (!username) return std::move(username).error();
  auto groups = cognito_.admin_list_groups_for_user(user_pool_id_, *username);
  if (!groups) return data::storage_error(groups.error(), "cognito.admin_list_groups_for_user");
  std::vector<std::string> names;
  names.reserve(groups->size());
  for (auto& group : *groups) names.push_back(std::move(group.name));
  std::ranges::sort(names);  // Cognito keeps no order
  return names;
}

Status CognitoGroupDirectory::add_to_group(std::string_view user_id, std::string_view group) const {
  auto username = username_of(user_id);
  if (!username) return std::move(username).error();
  if (auto added = cognito_.admin_add_user_to_group(user_pool_id_, *username, group); !added)
    return data::storage_error(added.error(), "cognito.admin_add_user_to_group");
  return {};
}

Status CognitoGroupDirectory::remove_from_group(std::string_view user_id, std::string_view group) const {
  auto username = username_of(user_id);
  if (!username) return std::move(username).error();
  if (auto removed = cognito_.admin_remove_user_from_group(user_pool_id_, *username, group); !removed)
    return data::storage_error(removed.error(), "cognito.admin_remove_user_from_group");
  return {};
}

}  // namespace hub::apps
