#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace hub::core::auth {

// Where a user's roles are read from: the table, which is authoritative. A user with no
// assignment has no roles (every signed-in user is a member regardless). A failure to read is
// an Error (e.g. SERVICE_UNAVAILABLE); callers fail closed.
class RoleSource {
 public:
  virtual ~RoleSource() = default;
  [[nodiscard]] virtual Result<std::vector<std::string>> roles_of(std::string_view user_id) const = 0;
};

}  // namespace hub::core::auth
