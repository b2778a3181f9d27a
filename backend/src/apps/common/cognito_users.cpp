#include "apps/common/cognito_users.hpp"

#include "data/storage_error.hpp"

namespace hub::apps {

Result<std::optional<services::DirectoryUser>> CognitoUserDirectory::find(std::string_view user_id) const {
  auto user = cognito_.find_user_by_sub(user_pool_id_, user_id);
  if (!user) return data::storage_error(user.error(), "cognito.find_user_by_sub");
  if (!user->has_value()) return std::optional<services::DirectoryUser>{};
  const auto& found = **user;
  return std::optional<services::DirectoryUser>{services::DirectoryUser{
      .email = found.attribute("email").value_or(""),
      .given_name = found.attribute("given_name"),
      .family_name = found.attribute("family_name"),
  }};
}

}  // namespace hub::apps
