// The Cognito user-pool client's requests and its reading of responses, against a scripted
// transport (the same operations run against moto in tests/integration/cognito_idp_test.cpp).
#include "aws/cognito_idp.hpp"

#include <deque>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

namespace hub::aws {
namespace {

namespace json = boost::json;

class ScriptedTransport final : public HttpTransport {
 public:
  std::deque<HttpResponse> answers;
  std::vector<HttpRequest> requests;
  AwsResult<HttpResponse> send(const HttpRequest& request, const SendOptions& /*options*/) override {
    requests.push_back(request);
    if (answers.empty()) return AwsError::make(AwsErrc::connection_failed, "no answer scripted");
    auto next = answers.front();
    answers.pop_front();
    return next;
  }

  void answer(std::string body, int status = 200) { answers.push_back({status, {}, std::move(body)}); }
  [[nodiscard]] json::object body(std::size_t i) const {
    return json::parse(requests.at(i).body).as_object();
  }
  [[nodiscard]] std::string target(std::size_t i) const {
    for (const auto& [name, value] : requests.at(i).headers) {
      if (name == "X-Amz-Target") return value;
    }
    return {};
  }
};

ClientSettings settings() {
  ClientSettings s;
  s.endpoint = "http://127.0.0.1:1";
  s.region = "us-east-1";
  s.credentials = {"AKID", "secret", ""};
  s.retry.max_attempts = 1;
  return s;
}

class CognitoIdpClientTest : public ::testing::Test {
 protected:
  ScriptedTransport transport;
  RetryQuota quota;
  CognitoIdpClient client{JsonServiceClient{cognito_idp_spec(), settings(), transport, quota}};
};

TEST(CognitoIdpSpec, SpeaksJson11SignedAsCognitoIdp) {
  const auto& spec = cognito_idp_spec();
  EXPECT_EQ(spec.target_prefix, "AWSCognitoIdentityProviderService");
  EXPECT_EQ(spec.content_type, "application/x-amz-json-1.1");
  EXPECT_EQ(service_info(spec.service).endpoint_prefix, "cognito-idp");
  EXPECT_EQ(service_info(spec.service).env_suffix, "COGNITO_IDENTITY_PROVIDER");
}

TEST_F(CognitoIdpClientTest, ListsEveryPageOfPoolsAndFindsOneByName) {
  transport.answer(R"({"UserPools":[{"Id":"us-east-1_a","Name":"other"}],"NextToken":"t1"})");
  transport.answer(R"({"UserPools":[{"Id":"us-east-1_b","Name":"innovation-hub-local"}],"NextToken":null})");
  const auto found = client.find_user_pool("innovation-hub-local");
  ASSERT_TRUE(found) << found.error().describe();
  ASSERT_TRUE(found->has_value());
  EXPECT_EQ((*found)->id, "us-east-1_b");
  ASSERT_EQ(transport.requests.size(), 2U);
  EXPECT_EQ(transport.target(0), "AWSCognitoIdentityProviderService.ListUserPools");
  EXPECT_EQ(transport.body(0).at("MaxResults").as_int64(), 60);
  EXPECT_FALSE(transport.body(0).contains("NextToken"));
  EXPECT_EQ(transport.body(1).at("NextToken").as_string(), "t1");
}

TEST_F(CognitoIdpClientTest, FindingAMissingPoolIsNothingNotAnError) {
  transport.answer(R"({"UserPools":[]})");
  const auto found = client.find_user_pool("innovation-hub-local");
  ASSERT_TRUE(found);
  EXPECT_FALSE(found->has_value());
}

TEST_F(CognitoIdpClientTest, CreatesAPoolWhoseUsersSignInWithTheirEmail) {
  transport.answer(
      R"({"UserPool":{"Id":"us-east-1_x","Name":"p","Arn":"arn:aws:cognito-idp:us-east-1:1:userpool/us-east-1_x",)"
      R"("UsernameAttributes":["email"],"EstimatedNumberOfUsers":0}})");
  const auto pool = client.create_user_pool({.name = "p"});
  ASSERT_TRUE(pool) << pool.error().describe();
  EXPECT_EQ(pool->id, "us-east-1_x");
  EXPECT_EQ(pool->username_attributes, std::vector<std::string>{"email"});
  const auto body = transport.body(0);
  EXPECT_EQ(body.at("PoolName").as_string(), "p");
  EXPECT_EQ(body.at("UsernameAttributes").as_array().at(0).as_string(), "email");
  EXPECT_EQ(body.at("Policies").at("PasswordPolicy").at("MinimumLength").as_int64(), 8);
}

TEST_F(CognitoIdpClientTest, CreatesAPublicClientWithPasswordAndRefreshFlows) {
  transport.answer(R"({"UserPoolClient":{"ClientId":"c1","ClientName":"web","UserPoolId":"p1",)"
                   R"("ExplicitAuthFlows":["ALLOW_USER_PASSWORD_AUTH"]}})");
  const auto created = client.create_user_pool_client({.user_pool_id = "p1", .name = "web"});
  ASSERT_TRUE(created) << created.error().describe();
  EXPECT_EQ(created->id, "c1");
  const auto body = transport.body(0);
  EXPECT_FALSE(body.at("GenerateSecret").as_bool());
  EXPECT_EQ(json::serialize(body.at("ExplicitAuthFlows")),
            R"(["ALLOW_USER_PASSWORD_AUTH","ALLOW_ADMIN_USER_PASSWORD_AUTH","ALLOW_REFRESH_TOKEN_AUTH"])");
}

TEST_F(CognitoIdpClientTest, CreatesAUserSilentlyWithItsAttributes) {
  transport.answer(
      R"({"User":{"Username":"6f1c","UserStatus":"FORCE_CHANGE_PASSWORD","Enabled":true,)"
      R"("Attributes":[{"Name":"sub","Value":"6f1c"},{"Name":"email","Value":"a@example.org"}]}})");
  const auto user = client.admin_create_user(
      {.user_pool_id = "p1", .username = "a@example.org", .attributes = {{"email", "a@example.org"}}});
  ASSERT_TRUE(user) << user.error().describe();
  EXPECT_EQ(user->sub(), "6f1c");
  EXPECT_EQ(user->attribute("email"), "a@example.org");
  EXPECT_FALSE(user->attribute("phone_number"));
  const auto body = transport.body(0);
  EXPECT_EQ(body.at("MessageAction").as_string(), "SUPPRESS");
  EXPECT_FALSE(body.contains("TemporaryPassword"));
  EXPECT_EQ(json::serialize(body.at("UserAttributes")), R"([{"Name":"email","Value":"a@example.org"}])");
}

TEST_F(CognitoIdpClientTest, ReadsAUserFromAdminGetUser) {
  transport.answer(R"({"Username":"6f1c","UserStatus":"CONFIRMED","Enabled":false,)"
                   R"("UserAttributes":[{"Name":"sub","Value":"6f1c"}]})");
  const auto user = client.admin_get_user("p1", "a@example.org");
  ASSERT_TRUE(user) << user.error().describe();
  EXPECT_EQ(user->status, "CONFIRMED");
  EXPECT_FALSE(user->enabled);
  EXPECT_EQ(user->sub(), "6f1c");
}

TEST_F(CognitoIdpClientTest, CognitoErrorNamesBecomeCodesACallerCanActOn) {
  transport.answer(R"({"__type":"UsernameExistsException","message":"User account already exists"})", 400);
  transport.answer(R"({"__type":"GroupExistsException","message":"A group with the name already exists"})",
                   400);
  transport.answer(R"({"__type":"UserNotFoundException","message":"User does not exist."})", 400);
  transport.answer(R"({"__type":"NotAuthorizedException","message":"Incorrect username or password."})", 400);
  EXPECT_EQ(client.admin_create_user({.user_pool_id = "p", .username = "u"}).error().code,
            AwsErrc::resource_in_use);
  EXPECT_EQ(client.create_group({.user_pool_id = "p", .name = "admin"}).error().code,
            AwsErrc::resource_in_use);
  EXPECT_EQ(client.admin_get_user("p", "u").error().code, AwsErrc::resource_not_found);
  EXPECT_EQ(client.sign_in_with_password("c", "u", "wrong").error().code, AwsErrc::access_denied);
}

TEST_F(CognitoIdpClientTest, ListsAUsersGroupsAcrossPages) {
  transport.answer(R"({"Groups":[{"GroupName":"admin","UserPoolId":"p","Precedence":1}],"NextToken":"n"})");
  transport.answer(R"({"Groups":[{"GroupName":"member","UserPoolId":"p"}],"NextToken":null})");
  const auto groups = client.admin_list_groups_for_user("p", "u");
  ASSERT_TRUE(groups) << groups.error().describe();
  ASSERT_EQ(groups->size(), 2U);
  EXPECT_EQ((*groups)[0].precedence, 1);
  EXPECT_EQ((*groups)[1].name, "member");
  EXPECT_EQ(transport.body(0).at("Limit").as_int64(), 60);
  EXPECT_EQ(transport.body(1).at("NextToken").as_string(), "n");
}

TEST_F(CognitoIdpClientTest, SetsAPermanentPassword) {
  transport.answer("{}");
  ASSERT_TRUE(client.admin_set_user_password("p", "u", "Hub-dev-2026!"));
  const auto body = transport.body(0);
  EXPECT_TRUE(body.at("Permanent").as_bool());
  EXPECT_EQ(body.at("Password").as_string(), "Hub-dev-2026!");
  EXPECT_EQ(transport.target(0), "AWSCognitoIdentityProviderService.AdminSetUserPassword");
}

TEST_F(CognitoIdpClientTest, SignsInWithAPasswordAndReadsTheTokens) {
  transport.answer(R"({"AuthenticationResult":{"IdToken":"id.t.x","AccessToken":"ac.t.x","RefreshToken":"r",)"
                   R"("TokenType":"Bearer","ExpiresIn":3600},"ChallengeParameters":{}})");
  const auto signed_in = client.sign_in_with_password("c1", "a@example.org", "pw");
  ASSERT_TRUE(signed_in) << signed_in.error().describe();
  ASSERT_TRUE(signed_in->authentication);
  EXPECT_EQ(signed_in->authentication->id_token, "id.t.x");
  EXPECT_EQ(signed_in->authentication->access_token, "ac.t.x");
  EXPECT_EQ(signed_in->authentication->refresh_token, "r");
  EXPECT_EQ(signed_in->authentication->expires_in, 3600);
  const auto body = transport.body(0);
  EXPECT_EQ(body.at("AuthFlow").as_string(), "USER_PASSWORD_AUTH");
  EXPECT_EQ(body.at("AuthParameters").at("USERNAME").as_string(), "a@example.org");
}

TEST_F(CognitoIdpClientTest, AChallengeIsAnAnswerNotAnError) {
  transport.answer(R"({"ChallengeName":"NEW_PASSWORD_REQUIRED","Session":"s","ChallengeParameters":{}})");
  const auto answer = client.sign_in_with_password("c1", "a@example.org", "temporary");
  ASSERT_TRUE(answer) << answer.error().describe();
  EXPECT_FALSE(answer->authentication);
  EXPECT_EQ(answer->challenge_name, "NEW_PASSWORD_REQUIRED");
  EXPECT_EQ(answer->session, "s");
}

TEST_F(CognitoIdpClientTest, AnAnswerMissingWhatItMustHoldIsMalformed) {
  transport.answer(R"({"Nothing":1})");
  transport.answer(R"({})");
  EXPECT_EQ(client.describe_user_pool("p").error().code, AwsErrc::malformed_response);
  EXPECT_EQ(client.sign_in_with_password("c", "u", "p").error().code, AwsErrc::malformed_response);
}

}  // namespace
}  // namespace hub::aws
