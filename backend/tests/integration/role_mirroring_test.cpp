// Role assignment end to end: services::RoleService writes the table (moto or DynamoDB Local)
// and mirrors the roles into the groups of a moto Cognito user pool through
// apps::CognitoGroupDirectory, which finds users by sub.
#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "apps/common/cognito_groups.hpp"
#include "apps/common/local_user_pool.hpp"
#include "aws/cognito_idp.hpp"
#include "data/repositories.hpp"
#include "emulators.hpp"
#include "services/role_service.hpp"

namespace hub {
namespace {

using Names = std::vector<std::string>;

Names role_names_of(const std::vector<models::RoleAssignment>& roles) {
  Names names;
  for (const auto& role : roles) names.push_back(role.role);
  return names;
}

class RoleMirroring : public testing::EmulatorTest {
 protected:
  void SetUp() override {
    testing::EmulatorTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    const std::string moto = testing::env_or_empty("EMULATOR_MOTO_URL");
    if (moto.empty()) GTEST_SKIP() << "moto is not running; run through scripts/with-emulators";
    raw_ = std::make_unique<aws::JsonServiceClient>(aws::cognito_idp_spec(), testing::emulator_settings(moto),
                                                    testing::shared_transport(), quota_);
    cognito_ = std::make_unique<aws::CognitoIdpClient>(*raw_);
    auto pool = cognito_->create_user_pool({.name = "it-" + core::new_ulid()});
    ASSERT_TRUE(pool) << pool.error().describe();
    pool_id_ = pool->id;
    auto set_up = apps::local_user_pool(*cognito_, pool_id_, apps::PoolAccess::find_or_create);
    ASSERT_TRUE(set_up) << set_up.error().message;
    EXPECT_EQ(set_up->groups_created, 3);

    auto created = cognito_->admin_create_user({.user_pool_id = pool_id_,
                                                .username = "amina@example.org",
                                                .attributes = {{"email", "amina@example.org"}}});
    ASSERT_TRUE(created) << created.error().describe();
    auto user = cognito_->admin_get_user(pool_id_, "amina@example.org");
    ASSERT_TRUE(user) << user.error().describe();
    sub_ = user->sub();
    ASSERT_FALSE(sub_.empty());

    repositories_ = data::dynamodb_repositories(data_table(), std::chrono::days{30});
    directory_ = std::make_unique<apps::CognitoGroupDirectory>(*cognito_, pool_id_);
    service_ = std::make_unique<services::RoleService>(*repositories_.roles, *directory_);
  }
  void TearDown() override {
    if (!pool_id_.empty()) (void)raw_->call("DeleteUserPool", R"({"UserPoolId":")" + pool_id_ + R"("})");
    testing::EmulatorTest::TearDown();
  }

  [[nodiscard]] Names cognito_groups() const {
    auto groups = cognito_->admin_list_groups_for_user(pool_id_, "amina@example.org");
    EXPECT_TRUE(groups) << groups.error().describe();
    Names names;
    if (groups) {
      for (const auto& group : *groups) names.push_back(group.name);
    }
    std::ranges::sort(names);
    return names;
  }

  aws::RetryQuota quota_;
  std::unique_ptr<aws::JsonServiceClient> raw_;
  std::unique_ptr<aws::CognitoIdpClient> cognito_;
  std::string pool_id_;
  std::string sub_;
  data::Repositories repositories_;
  std::unique_ptr<apps::CognitoGroupDirectory> directory_;
  std::unique_ptr<services::RoleService> service_;
};

TEST_P(RoleMirroring, AssignmentsReachTheTableAndTheGroups) {
  auto granted = service_->replace_roles(sub_, {"admin", "member"}, "system");
  ASSERT_TRUE(granted) << granted.error().detail;
  EXPECT_TRUE(granted->groups.in_step());
  EXPECT_EQ(granted->granted, (Names{"admin", "member"}));
  EXPECT_EQ(cognito_groups(), (Names{"admin", "member"}));

  auto changed = service_->replace_roles(sub_, {"editor"}, "system");
  ASSERT_TRUE(changed) << changed.error().detail;
  EXPECT_TRUE(changed->groups.in_step());
  EXPECT_EQ(changed->revoked, (Names{"admin", "member"}));
  EXPECT_EQ(changed->groups.removed, (Names{"admin", "member"}));
  EXPECT_EQ(cognito_groups(), Names{"editor"});

  auto stored = repositories_.roles->roles_of(sub_);
  ASSERT_TRUE(stored) << stored.error().detail;
  EXPECT_EQ(role_names_of(*stored), Names{"editor"});
  auto through_directory = directory_->groups_of(sub_);
  ASSERT_TRUE(through_directory) << through_directory.error().detail;
  EXPECT_EQ(*through_directory, Names{"editor"});
}

TEST_P(RoleMirroring, SyncRepairsGroupsChangedOutsideTheService) {
  ASSERT_TRUE(service_->replace_roles(sub_, {"editor"}, "system"));
  ASSERT_TRUE(cognito_->admin_add_user_to_group(pool_id_, "amina@example.org", "admin"));
  ASSERT_TRUE(cognito_->admin_remove_user_from_group(pool_id_, "amina@example.org", "editor"));

  auto synced = service_->sync_groups(sub_);
  ASSERT_TRUE(synced) << synced.error().detail;
  EXPECT_TRUE(synced->in_step());
  EXPECT_EQ(synced->added, Names{"editor"});
  EXPECT_EQ(synced->removed, Names{"admin"});
  EXPECT_EQ(cognito_groups(), Names{"editor"});
}

TEST_P(RoleMirroring, AUserThePoolDoesNotHoldKeepsTheTableAssignmentAndReportsTheMirroring) {
  const std::string stranger = "00000000-0000-4000-8000-000000000000";
  auto change = service_->replace_roles(stranger, {"editor"}, "system");
  ASSERT_TRUE(change) << "the table decides; mirroring does not undo it";
  EXPECT_EQ(role_names_of(change->roles), Names{"editor"});
  ASSERT_FALSE(change->groups.in_step());
  EXPECT_EQ(change->groups.failure->code, ErrorCode::USER_NOT_FOUND);
  auto stored = repositories_.roles->roles_of(stranger);
  ASSERT_TRUE(stored);
  EXPECT_EQ(role_names_of(*stored), Names{"editor"});
}

INSTANTIATE_TEST_SUITE_P(Emulators, RoleMirroring, ::testing::ValuesIn(testing::emulators()),
                         testing::EmulatorName{});

}  // namespace
}  // namespace hub
