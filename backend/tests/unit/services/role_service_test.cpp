#include "services/role_service.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "support/fake_repositories.hpp"

namespace hub::services {
namespace {

using Roles = std::vector<std::string>;

using FakeRoleRepository = testing::FakeRoleRepository;

// Cognito groups in memory; `failing_group` makes adding to / removing from that group fail.
class FakeGroupDirectory final : public GroupDirectory {
 public:
  Result<std::vector<std::string>> groups_of(std::string_view user_id) const override {
    ++calls;
    if (unreachable) return Error::make(ErrorCode::DEPENDENCY_UNAVAILABLE, "Cognito unreachable");
    const auto& set = groups[std::string(user_id)];
    return std::vector<std::string>(set.begin(), set.end());
  }
  Status add_to_group(std::string_view user_id, std::string_view group) const override {
    ++calls;
    if (group == failing_group) return Error::make(ErrorCode::DEPENDENCY_UNAVAILABLE, "throttled");
    groups[std::string(user_id)].emplace(group);
    return {};
  }
  Status remove_from_group(std::string_view user_id, std::string_view group) const override {
    ++calls;
    if (group == failing_group) return Error::make(ErrorCode::DEPENDENCY_UNAVAILABLE, "throttled");
    groups[std::string(user_id)].erase(std::string(group));
    return {};
  }

  [[nodiscard]] Roles of(const std::string& user_id) const {
    const auto& set = groups[user_id];
    return {set.begin(), set.end()};
  }

  mutable std::map<std::string, std::set<std::string>> groups;
  mutable int calls = 0;
  bool unreachable = false;
  std::string failing_group;
};

Roles names(const std::vector<models::RoleAssignment>& roles) {
  Roles out;
  std::ranges::transform(roles, std::back_inserter(out), &models::RoleAssignment::role);
  return out;
}

class RoleServiceTest : public ::testing::Test {
 protected:
  FakeRoleRepository table_;
  FakeGroupDirectory directory_;
  RoleService service_{table_, directory_};
};

TEST_F(RoleServiceTest, GrantsInTheTableAndAddsTheMissingGroups) {
  table_.held["u1"] = {"member"};
  directory_.groups["u1"] = {"member"};

  auto change = service_.replace_roles("u1", {"admin", "editor", "member"}, "admin-1");

  ASSERT_TRUE(change.ok());
  EXPECT_EQ(names(change->roles), (Roles{"admin", "editor", "member"}));
  EXPECT_EQ(change->granted, (Roles{"admin", "editor"}));
  EXPECT_TRUE(change->revoked.empty());
  EXPECT_EQ(change->groups.added, (Roles{"admin", "editor"}));
  EXPECT_TRUE(change->groups.removed.empty());
  EXPECT_TRUE(change->groups.in_step());
  EXPECT_EQ(directory_.of("u1"), (Roles{"admin", "editor", "member"}));
  EXPECT_EQ(table_.last_granted_by, "admin-1");
}

TEST_F(RoleServiceTest, RevokesInTheTableAndRemovesTheExtraRoleGroupsOnly) {
  table_.held["u1"] = {"admin", "member"};
  directory_.groups["u1"] = {"admin", "member", "beta-testers"};

  auto change = service_.replace_roles("u1", {"editor"}, "admin-1");

  ASSERT_TRUE(change.ok());
  EXPECT_EQ(names(change->roles), (Roles{"editor"}));
  EXPECT_EQ(change->granted, (Roles{"editor"}));
  EXPECT_EQ(change->revoked, (Roles{"admin", "member"}));
  EXPECT_EQ(change->groups.added, (Roles{"editor"}));
  EXPECT_EQ(change->groups.removed, (Roles{"admin", "member"}));
  EXPECT_EQ(directory_.of("u1"), (Roles{"beta-testers", "editor"})) << "groups that are no role stay";
}

TEST_F(RoleServiceTest, AnUnchangedAssignmentStillRepairsGroupsThatDrifted) {
  table_.held["u1"] = {"admin"};
  directory_.groups["u1"] = {"editor"};

  auto change = service_.replace_roles("u1", {"admin"}, "admin-1");

  ASSERT_TRUE(change.ok());
  EXPECT_TRUE(change->granted.empty());
  EXPECT_TRUE(change->revoked.empty());
  EXPECT_EQ(change->groups.added, (Roles{"admin"}));
  EXPECT_EQ(change->groups.removed, (Roles{"editor"}));
  EXPECT_EQ(directory_.of("u1"), (Roles{"admin"}));
}

TEST_F(RoleServiceTest, AMirroringFailureKeepsTheTableWriteAndIsReported) {
  table_.held["u1"] = {"member"};
  directory_.groups["u1"] = {"member"};
  directory_.failing_group = "admin";

  auto change = service_.replace_roles("u1", {"admin", "editor"}, "admin-1");

  ASSERT_TRUE(change.ok()) << "the table decides: the assignment stands";
  EXPECT_EQ(names(change->roles), (Roles{"admin", "editor"}));
  EXPECT_EQ(table_.held["u1"], (std::set<std::string>{"admin", "editor"}));
  ASSERT_FALSE(change->groups.in_step());
  EXPECT_EQ(change->groups.failure->code, ErrorCode::DEPENDENCY_UNAVAILABLE);
  EXPECT_EQ(change->groups.added, (Roles{"editor"})) << "the other groups are still brought in step";
  EXPECT_EQ(change->groups.removed, (Roles{"member"}));

  directory_.failing_group.clear();
  auto repaired = service_.sync_groups("u1");
  ASSERT_TRUE(repaired.ok());
  EXPECT_TRUE(repaired->in_step());
  EXPECT_EQ(repaired->added, (Roles{"admin"}));
  EXPECT_EQ(directory_.of("u1"), (Roles{"admin", "editor"}));
}

TEST_F(RoleServiceTest, AnUnreachableDirectoryIsReportedAfterTheTableWrite) {
  directory_.unreachable = true;
  auto change = service_.replace_roles("u1", {"editor"}, "admin-1");
  ASSERT_TRUE(change.ok());
  EXPECT_EQ(names(change->roles), (Roles{"editor"}));
  ASSERT_FALSE(change->groups.in_step());
  EXPECT_EQ(change->groups.failure->code, ErrorCode::DEPENDENCY_UNAVAILABLE);
  EXPECT_TRUE(change->groups.added.empty());
}

TEST_F(RoleServiceTest, ATableFailureChangesNoGroups) {
  table_.fail_writes = true;
  auto change = service_.replace_roles("u1", {"admin"}, "admin-1");
  ASSERT_FALSE(change.ok());
  EXPECT_EQ(change.error().code, ErrorCode::DEPENDENCY_UNAVAILABLE);
  EXPECT_EQ(directory_.calls, 0);
}

TEST_F(RoleServiceTest, AnUnknownRoleIsAValidationErrorAndChangesNothing) {
  table_.held["u1"] = {"member"};
  auto change = service_.replace_roles("u1", {"owner"}, "admin-1");
  ASSERT_FALSE(change.ok());
  EXPECT_EQ(change.error().code, ErrorCode::VALIDATION_FAILED);
  EXPECT_EQ(table_.held["u1"], (std::set<std::string>{"member"}));
  EXPECT_EQ(directory_.calls, 0);
}

TEST_F(RoleServiceTest, RolesOfReadsTheTableSorted) {
  table_.held["u1"] = {"member", "admin"};
  auto held = service_.roles_of("u1");
  ASSERT_TRUE(held.ok());
  EXPECT_EQ(names(*held), (Roles{"admin", "member"}));
  table_.fail_reads = true;
  EXPECT_FALSE(service_.roles_of("u1").ok());
  EXPECT_FALSE(service_.sync_groups("u1").ok());
}

}  // namespace
}  // namespace hub::services
