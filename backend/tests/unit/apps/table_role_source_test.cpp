// The table adapter of RoleSource: role assignments in, role names out, storage errors passed on.
#include <memory>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "apps/common/table_role_source.hpp"

namespace hub::apps {
namespace {

class FakeRoleRepository final : public data::RoleRepository {
 public:
  [[nodiscard]] Result<std::vector<models::RoleAssignment>> roles_of(
      std::string_view user_id) const override {
    last_user = std::string(user_id);
    if (user_id == "unreachable") {
      return Error::make(ErrorCode::DEPENDENCY_UNAVAILABLE, "DynamoDB is not answering; retry later.");
    }
    if (user_id == "slow") return Error::make(ErrorCode::REQUEST_TIMEOUT, "The request ran out of time.");
    if (user_id != "u-1") return std::vector<models::RoleAssignment>{};
    return std::vector<models::RoleAssignment>{
        {.user_id = "u-1", .role = "admin", .granted_by = "system", .granted_at = "2026-01-01T00:00:00.000Z"},
        {.user_id = "u-1", .role = "editor", .granted_by = "u-9", .granted_at = "2026-02-01T00:00:00.000Z"}};
  }
  [[nodiscard]] Result<std::vector<models::RoleAssignment>> replace(
      std::string_view /*user_id*/, const std::vector<std::string>& /*roles*/,
      std::string_view /*granted_by*/) const override {
    return Error::make(ErrorCode::INTERNAL, "not used");
  }
  [[nodiscard]] Result<std::map<std::string, std::vector<std::string>, std::less<>>> roles_of_users(
      std::span<const std::string> /*user_ids*/) const override {
    return Error::make(ErrorCode::INTERNAL, "not used");
  }
  [[nodiscard]] Result<data::Page<models::RoleAssignment>> holders(
      std::string_view /*role*/, const data::PageRequest& /*page*/) const override {
    return Error::make(ErrorCode::INTERNAL, "not used");
  }
  mutable std::string last_user;
};

TEST(TableRoleSource, NamesTheRolesTheTableHolds) {
  auto repository = std::make_shared<FakeRoleRepository>();
  const TableRoleSource source(repository);
  const auto roles = source.roles_of("u-1");
  ASSERT_TRUE(roles);
  EXPECT_EQ(*roles, (std::vector<std::string>{"admin", "editor"}));
  EXPECT_EQ(repository->last_user, "u-1");
  EXPECT_EQ(*source.roles_of("u-2"), std::vector<std::string>{});
}

TEST(TableRoleSource, StorageErrorsKeepTheirCodes) {
  const TableRoleSource source(std::make_shared<FakeRoleRepository>());
  EXPECT_EQ(source.roles_of("unreachable").error().code, ErrorCode::DEPENDENCY_UNAVAILABLE);
  EXPECT_EQ(source.roles_of("slow").error().code, ErrorCode::REQUEST_TIMEOUT);
}

}  // namespace
}  // namespace hub::apps
