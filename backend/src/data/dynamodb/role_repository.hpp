#pragma once

#include "data/role_repository.hpp"
#include "data/table.hpp"

namespace hub::data {

// RoleRepository on the single table (key patterns: data/keys.hpp, docs/data-model.md).
class DynamoRoleRepository final : public RoleRepository {
 public:
  explicit DynamoRoleRepository(const Table& table) : table_(table) {}

  [[nodiscard]] Result<std::vector<models::RoleAssignment>> roles_of(std::string_view user_id) const override;
  [[nodiscard]] Result<std::vector<models::RoleAssignment>> replace(
      std::string_view user_id, const std::vector<std::string>& roles,
      std::string_view granted_by) const override;
  [[nodiscard]] Result<std::map<std::string, std::vector<std::string>, std::less<>>> roles_of_users(
      std::span<const std::string> user_ids) const override;
  [[nodiscard]] Result<Page<models::RoleAssignment>> holders(std::string_view role,
                                                             const PageRequest& page) const override;

 private:
  const Table& table_;
};

}  // namespace hub::data
