#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json/object.hpp>

#include "aws/aws_error.hpp"
#include "aws/json_service_client.hpp"
#include "core/deadline.hpp"

// Amazon Cognito user pools (the "Cognito Identity Provider" API, JSON 1.1): what the backend
// needs to administer a pool's users and groups and to sign a user in with a password. Error
// names map as: UsernameExistsException / GroupExistsException -> resource_in_use,
// UserNotFoundException / ResourceNotFoundException -> resource_not_found,
// NotAuthorizedException (a wrong password, a disabled user) -> access_denied.
namespace hub::aws {

[[nodiscard]] const JsonServiceSpec& cognito_idp_spec() noexcept;

struct UserPoolSummary {
  std::string id{};  // "us-east-1_AbCdEf123"
  std::string name{};
};

struct UserPool {
  std::string id{};
  std::string name{};
  std::string arn{};
  std::vector<std::string> username_attributes{};  // "email": users sign in with their address
  std::int64_t estimated_users = 0;
};

struct CreateUserPoolRequest {
  std::string name{};
  std::vector<std::string> username_attributes{"email"};
  std::vector<std::string> auto_verified_attributes{"email"};
  int minimum_password_length = 8;
};

struct UserPoolClient {
  std::string id{};
  std::string name{};
  std::string user_pool_id{};
  std::vector<std::string> explicit_auth_flows{};
};

// A public client (no secret), as a browser or CLI uses.
struct CreateUserPoolClientRequest {
  std::string user_pool_id{};
  std::string name{};
  std::vector<std::string> explicit_auth_flows{"ALLOW_USER_PASSWORD_AUTH", "ALLOW_ADMIN_USER_PASSWORD_AUTH",
                                               "ALLOW_REFRESH_TOKEN_AUTH"};
};

struct Group {
  std::string name{};
  std::string user_pool_id{};
  std::string description{};
  std::optional<std::int64_t> precedence{};  // lower wins when a user's groups carry IAM roles
};

struct CreateGroupRequest {
  std::string user_pool_id{};
  std::string name{};
  std::string description{};
  std::optional<std::int64_t> precedence{};
};

struct UserAttribute {
  std::string name{};
  std::string value{};

  bool operator==(const UserAttribute&) const = default;
};

struct CognitoUser {
  std::string username{};  // in a pool whose username attribute is email: the `sub`
  std::string status{};    // FORCE_CHANGE_PASSWORD, CONFIRMED, ...
  bool enabled = true;
  std::vector<UserAttribute> attributes{};

  [[nodiscard]] std::optional<std::string> attribute(std::string_view name) const;
  // The user's immutable id (the `sub` attribute); empty if Cognito did not send it.
  [[nodiscard]] std::string sub() const { return attribute("sub").value_or(""); }
};

// AdminCreateUser. With `suppress_message` no invitation is sent (the password is set with
// admin_set_user_password instead).
struct AdminCreateUserRequest {
  std::string user_pool_id{};
  std::string username{};
  std::vector<UserAttribute> attributes{};
  std::string temporary_password{};  // empty: Cognito generates one
  bool suppress_message = true;
};

struct AuthenticationResult {
  std::string id_token{};
  std::string access_token{};
  std::string refresh_token{};  // absent when refreshing
  std::string token_type{};     // "Bearer"
  std::int64_t expires_in = 0;
};

struct InitiateAuthRequest {
  std::string client_id{};
  std::string auth_flow{};                               // USER_PASSWORD_AUTH, REFRESH_TOKEN_AUTH, ...
  std::map<std::string, std::string> auth_parameters{};  // USERNAME, PASSWORD, REFRESH_TOKEN, ...
};

// Either the user is signed in (`authentication`) or Cognito asks for another step
// (`challenge_name`, e.g. NEW_PASSWORD_REQUIRED, with its `session`).
struct InitiateAuthResult {
  std::optional<AuthenticationResult> authentication;
  std::string challenge_name{};
  std::string session{};
};

class CognitoIdpClient {
 public:
  explicit CognitoIdpClient(JsonServiceClient client) : client_(std::move(client)) {}

  // Every pool of the account and region (ListUserPools, page by page).
  [[nodiscard]] AwsResult<std::vector<UserPoolSummary>> list_user_pools(
      core::Deadline deadline = core::current_deadline()) const;
  // The first pool named `name`, if any (names are not unique in Cognito).
  [[nodiscard]] AwsResult<std::optional<UserPoolSummary>> find_user_pool(
      std::string_view name, core::Deadline deadline = core::current_deadline()) const;
  [[nodiscard]] AwsResult<UserPool> create_user_pool(
      const CreateUserPoolRequest& request, core::Deadline deadline = core::current_deadline()) const;
  [[nodiscard]] AwsResult<UserPool> describe_user_pool(
      std::string_view user_pool_id, core::Deadline deadline = core::current_deadline()) const;

  [[nodiscard]] AwsResult<UserPoolClient> create_user_pool_client(
      const CreateUserPoolClientRequest& request, core::Deadline deadline = core::current_deadline()) const;
  // Every app client of the pool (id, name and pool only: ListUserPoolClients says no more).
  [[nodiscard]] AwsResult<std::vector<UserPoolClient>> list_user_pool_clients(
      std::string_view user_pool_id, core::Deadline deadline = core::current_deadline()) const;

  [[nodiscard]] AwsResult<Group> create_group(const CreateGroupRequest& request,
                                              core::Deadline deadline = core::current_deadline()) const;
  [[nodiscard]] AwsResult<Group> get_group(std::string_view user_pool_id, std::string_view group_name,
                                           core::Deadline deadline = core::current_deadline()) const;

  [[nodiscard]] AwsResult<CognitoUser> admin_create_user(
      const AdminCreateUserRequest& request, core::Deadline deadline = core::current_deadline()) const;
  [[nodiscard]] AwsResult<CognitoUser> admin_get_user(
      std::string_view user_pool_id, std::string_view username,
      core::Deadline deadline = core::current_deadline()) const;
  // ListUsers, every page. `filter` is Cognito's search expression, e.g. `email = "a@b.org"` or
  // `sub = "..."` (one attribute, = or ^=); empty lists everyone.
  [[nodiscard]] AwsResult<std::vector<CognitoUser>> list_users(
      std::string_view user_pool_id, std::string_view filter = {},
      core::Deadline deadline = core::current_deadline()) const;
  // The user whose `sub` is `sub` (ListUsers filtered on sub): the admin operations need the
  // username, which in a pool signing in by email is not the address. std::nullopt if none.
  [[nodiscard]] AwsResult<std::optional<CognitoUser>> find_user_by_sub(
      std::string_view user_pool_id, std::string_view sub,
      core::Deadline deadline = core::current_deadline()) const;
  [[nodiscard]] AwsStatus admin_set_user_password(std::string_view user_pool_id, std::string_view username,
                                                  std::string_view password, bool permanent = true,
                                                  core::Deadline deadline = core::current_deadline()) const;
  [[nodiscard]] AwsStatus admin_add_user_to_group(std::string_view user_pool_id, std::string_view username,
                                                  std::string_view group_name,
                                                  core::Deadline deadline = core::current_deadline()) const;
  [[nodiscard]] AwsStatus admin_remove_user_from_group(
      std::string_view user_pool_id, std::string_view username, std::string_view group_name,
      core::Deadline deadline = core::current_deadline()) const;
  // Every group the user is in.
  [[nodiscard]] AwsResult<std::vector<Group>> admin_list_groups_for_user(
      std::string_view user_pool_id, std::string_view username,
      core::Deadline deadline = core::current_deadline()) const;

  [[nodiscard]] AwsResult<InitiateAuthResult> initiate_auth(
      const InitiateAuthRequest& request, core::Deadline deadline = core::current_deadline()) const;
  // InitiateAuth with USER_PASSWORD_AUTH: the ID, access and refresh tokens, or the challenge.
  [[nodiscard]] AwsResult<InitiateAuthResult> sign_in_with_password(
      std::string_view client_id, std::string_view username, std::string_view password,
      core::Deadline deadline = core::current_deadline()) const;

 private:
  [[nodiscard]] AwsResult<boost::json::value> call(std::string_view operation,
                                                   const boost::json::object& request,
                                                   core::Deadline deadline) const;

  JsonServiceClient client_;
};

}  // namespace hub::aws
