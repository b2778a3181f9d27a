// The Cognito user-pool client against moto server's cognito-idp: a pool, an app client,
// groups, a user with a permanent password, and signing in with it.
#include "aws/cognito_idp.hpp"

#include <algorithm>
#include <memory>
#include <string>

#include <gtest/gtest.h>
#include <boost/json/parse.hpp>

#include "core/base64.hpp"
#include "emulators.hpp"

namespace hub::aws {
namespace {

constexpr std::string_view kPassword = "Hub-test-2026!";

// The claims of a JWT, unverified: the test only reads what moto put in.
boost::json::object claims_of(std::string_view jwt) {
  const auto first = jwt.find('.');
  const auto second = jwt.find('.', first + 1);
  const auto payload = core::base64url_decode(jwt.substr(first + 1, second - first - 1));
  if (!payload) return {};
  return boost::json::parse(*payload).as_object();
}

class CognitoIdp : public ::testing::Test {
 protected:
  void SetUp() override {
    const std::string url = hub::testing::env_or_empty("EMULATOR_MOTO_URL");
    if (url.empty()) {
      if (hub::testing::emulators_required()) FAIL() << "moto is not running (EMULATOR_MOTO_URL unset)";
      GTEST_SKIP() << "moto is not running; run through scripts/with-emulators";
    }
    raw_ = std::make_unique<JsonServiceClient>(cognito_idp_spec(), hub::testing::emulator_settings(url),
                                               hub::testing::shared_transport(), quota_);
    client_ = std::make_unique<CognitoIdpClient>(*raw_);
    auto pool = client_->create_user_pool({.name = "it-" + core::new_ulid()});
    ASSERT_TRUE(pool) << pool.error().describe();
    pool_ = *pool;
  }
  void TearDown() override {
    if (!pool_.id.empty()) (void)raw_->call("DeleteUserPool", R"({"UserPoolId":")" + pool_.id + R"("})");
  }

  [[nodiscard]] const CognitoIdpClient& client() const { return *client_; }
  [[nodiscard]] const UserPool& pool() const { return pool_; }

  // A confirmed user with kPassword, as seeding makes them.
  CognitoUser confirmed_user(const std::string& email) {
    auto created = client().admin_create_user({.user_pool_id = pool_.id,
                                               .username = email,
                                               .attributes = {{"email", email},
                                                              {"email_verified", "true"},
                                                              {"given_name", "Amina"},
                                                              {"family_name", "Warsame"},
                                                              {"name", "Amina Warsame"}}});
    EXPECT_TRUE(created) << created.error().describe();
    auto password = client().admin_set_user_password(pool_.id, email, kPassword);
    EXPECT_TRUE(password) << password.error().describe();
    auto user = client().admin_get_user(pool_.id, email);
    EXPECT_TRUE(user) << user.error().describe();
    return user ? *user : CognitoUser{};
  }

 private:
  RetryQuota quota_;
  std::unique_ptr<JsonServiceClient> raw_;
  std::unique_ptr<CognitoIdpClient> client_;
  UserPool pool_;
};

TEST_F(CognitoIdp, APoolIsFoundByNameAndDescribed) {
  EXPECT_EQ(pool().username_attributes, std::vector<std::string>{"email"});
  auto found = client().find_user_pool(pool().name);
  ASSERT_TRUE(found) << found.error().describe();
  ASSERT_TRUE(found->has_value());
  EXPECT_EQ((*found)->id, pool().id);
  auto described = client().describe_user_pool(pool().id);
  ASSERT_TRUE(described) << described.error().describe();
  EXPECT_EQ(described->name, pool().name);
  auto missing = client().find_user_pool("it-no-such-pool-" + core::new_ulid());
  ASSERT_TRUE(missing);
  EXPECT_FALSE(missing->has_value());
  EXPECT_EQ(client().describe_user_pool("us-east-1_NoSuchPool").error().code, AwsErrc::resource_not_found);
}

TEST_F(CognitoIdp, AnAppClientIsCreatedAndListed) {
  auto created = client().create_user_pool_client({.user_pool_id = pool().id, .name = "web"});
  ASSERT_TRUE(created) << created.error().describe();
  EXPECT_FALSE(created->id.empty());
  auto listed = client().list_user_pool_clients(pool().id);
  ASSERT_TRUE(listed) << listed.error().describe();
  ASSERT_EQ(listed->size(), 1U);
  EXPECT_EQ(listed->front().id, created->id);
  EXPECT_EQ(listed->front().name, "web");
}

TEST_F(CognitoIdp, GroupsAreCreatedOnceAndRead) {
  auto created = client().create_group({.user_pool_id = pool().id, .name = "admin", .precedence = 1});
  ASSERT_TRUE(created) << created.error().describe();
  auto again = client().create_group({.user_pool_id = pool().id, .name = "admin"});
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, AwsErrc::resource_in_use);
  auto got = client().get_group(pool().id, "admin");
  ASSERT_TRUE(got) << got.error().describe();
  EXPECT_EQ(got->precedence, 1);
  EXPECT_EQ(client().get_group(pool().id, "nobody").error().code, AwsErrc::resource_not_found);
}

TEST_F(CognitoIdp, AUserIsCreatedOnceWithASubAndAPermanentPassword) {
  const auto user = confirmed_user("amina@example.org");
  EXPECT_FALSE(user.sub().empty());
  EXPECT_EQ(user.status, "CONFIRMED");
  EXPECT_EQ(user.attribute("given_name"), "Amina");
  EXPECT_EQ(user.attribute("email"), "amina@example.org");
  auto again = client().admin_create_user({.user_pool_id = pool().id, .username = "amina@example.org"});
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, AwsErrc::resource_in_use);
  EXPECT_EQ(client().admin_get_user(pool().id, "nobody@example.org").error().code,
            AwsErrc::resource_not_found);
}

TEST_F(CognitoIdp, GroupMembershipIsAddedListedAndRemoved) {
  (void)confirmed_user("abebe@example.org");
  for (const auto* name : {"admin", "editor"}) {
    ASSERT_TRUE(client().create_group({.user_pool_id = pool().id, .name = name}));
    ASSERT_TRUE(client().admin_add_user_to_group(pool().id, "abebe@example.org", name));
  }
  auto groups = client().admin_list_groups_for_user(pool().id, "abebe@example.org");
  ASSERT_TRUE(groups) << groups.error().describe();
  std::vector<std::string> names;
  for (const auto& g : *groups) names.push_back(g.name);
  std::ranges::sort(names);
  EXPECT_EQ(names, (std::vector<std::string>{"admin", "editor"}));

  ASSERT_TRUE(client().admin_remove_user_from_group(pool().id, "abebe@example.org", "admin"));
  groups = client().admin_list_groups_for_user(pool().id, "abebe@example.org");
  ASSERT_TRUE(groups);
  ASSERT_EQ(groups->size(), 1U);
  EXPECT_EQ(groups->front().name, "editor");
}

TEST_F(CognitoIdp, UsersAreListedAndFoundBySub) {
  const auto amina = confirmed_user("amina@example.org");
  const auto wanjiru = confirmed_user("wanjiru@example.org");

  auto everyone = client().list_users(pool().id);
  ASSERT_TRUE(everyone) << everyone.error().describe();
  EXPECT_EQ(everyone->size(), 2U);
  auto by_email = client().list_users(pool().id, R"(email = "wanjiru@example.org")");
  ASSERT_TRUE(by_email) << by_email.error().describe();
  ASSERT_EQ(by_email->size(), 1U);
  EXPECT_EQ(by_email->front().sub(), wanjiru.sub());

  auto found = client().find_user_by_sub(pool().id, amina.sub());
  ASSERT_TRUE(found) << found.error().describe();
  ASSERT_TRUE(found->has_value());
  EXPECT_EQ((*found)->username, amina.username) << "the username the admin calls take";
  EXPECT_EQ((*found)->attribute("email"), "amina@example.org");

  for (const auto* nobody : {"00000000-0000-0000-0000-000000000000", R"(x" or sub ^= ")", ""}) {
    auto none = client().find_user_by_sub(pool().id, nobody);
    ASSERT_TRUE(none) << none.error().describe();
    EXPECT_FALSE(none->has_value()) << nobody;
  }
}

TEST_F(CognitoIdp, SigningInWithThePasswordReturnsThreeTokensForTheUser) {
  const auto user = confirmed_user("wanjiru@example.org");
  auto app = client().create_user_pool_client({.user_pool_id = pool().id, .name = "web"});
  ASSERT_TRUE(app) << app.error().describe();

  auto signed_in = client().sign_in_with_password(app->id, "wanjiru@example.org", kPassword);
  ASSERT_TRUE(signed_in) << signed_in.error().describe();
  ASSERT_TRUE(signed_in->authentication) << "challenge: " << signed_in->challenge_name;
  const auto& tokens = *signed_in->authentication;
  EXPECT_FALSE(tokens.id_token.empty());
  EXPECT_FALSE(tokens.access_token.empty());
  EXPECT_FALSE(tokens.refresh_token.empty());
  EXPECT_GT(tokens.expires_in, 0);
  const auto claims = claims_of(tokens.id_token);
  ASSERT_TRUE(claims.contains("sub"));
  EXPECT_EQ(claims.at("sub").as_string(), user.sub());
  EXPECT_EQ(claims.at("token_use").as_string(), "id");

  auto wrong = client().sign_in_with_password(app->id, "wanjiru@example.org", "not-the-password");
  ASSERT_FALSE(wrong);
  EXPECT_EQ(wrong.error().code, AwsErrc::access_denied);
}

}  // namespace
}  // namespace hub::aws
