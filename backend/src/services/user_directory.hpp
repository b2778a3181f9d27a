#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace hub::services {

// What the identity provider knows of a user, for creating their profile when the token does
// not say (access tokens carry no email).
struct DirectoryUser {
  std::string email{};
  std::optional<std::string> given_name{};
  std::optional<std::string> family_name{};
};

class UserDirectory {
 public:
  virtual ~UserDirectory() = default;
  // Nothing when the provider has no such user.
  [[nodiscard]] virtual Result<std::optional<DirectoryUser>> find(std::string_view user_id) const = 0;
};

}  // namespace hub::services
