#include "aws/cognito_idp.hpp"

#include <algorithm>
#include <iterator>
#include <utility>

#include <fmt/format.h>
#include <boost/json/array.hpp>
#include <boost/json/serialize.hpp>

namespace hub::aws {
namespace {

using boost::json::array;
using boost::json::object;
using boost::json::value;

constexpr int kPageSize = 60;  // the largest MaxResults / Limit these list operations accept

AwsError malformed(std::string_view operation, std::string_view what) {
  return AwsError::make(AwsErrc::malformed_response, fmt::format("{} answered without {}", operation, what));
}

const object* object_field(const object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  return v == nullptr ? nullptr : v->if_object();
}

std::string string_field(const object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  return v != nullptr && v->is_string() ? std::string{v->as_string()} : std::string{};
}

std::optional<std::int64_t> integer_field(const object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  if (v == nullptr) return std::nullopt;
  if (v->is_int64()) return v->as_int64();
  if (v->is_uint64()) return static_cast<std::int64_t>(v->as_uint64());
  if (v->is_double()) return static_cast<std::int64_t>(v->as_double());
  return std::nullopt;
}

std::vector<std::string> string_list(const object& o, std::string_view key) {
  std::vector<std::string> out;
  const auto* v = o.if_contains(key);
  if (v == nullptr || !v->is_array()) return out;
  for (const auto& entry : v->as_array()) {
    if (entry.is_string()) out.emplace_back(entry.as_string());
  }
  return out;
}

array to_array(const std::vector<std::string>& values) {
  array out;
  for (const auto& v : values) out.emplace_back(v);
  return out;
}

std::vector<UserAttribute> attributes_of(const object& o, std::string_view key) {
  std::vector<UserAttribute> out;
  const auto* v = o.if_contains(key);
  if (v == nullptr || !v->is_array()) return out;
  for (const auto& entry : v->as_array()) {
    if (const auto* a = entry.if_object())
      out.push_back({string_field(*a, "Name"), string_field(*a, "Value")});
  }
  return out;
}

UserPool user_pool_of(const object& o) {
  return UserPool{.id = string_field(o, "Id"),
                  .name = string_field(o, "Name"),
                  .arn = string_field(o, "Arn"),
                  .username_attributes = string_list(o, "UsernameAttributes"),
                  .estimated_users = integer_field(o, "EstimatedNumberOfUsers").value_or(0)};
}

UserPoolClient pool_client_of(const object& o) {
  return UserPoolClient{.id = string_field(o, "ClientId"),
                        .name = string_field(o, "ClientName"),
                        .user_pool_id = string_field(o, "UserPoolId"),
                        .explicit_auth_flows = string_list(o, "ExplicitAuthFlows")};
}

Group group_of(const object& o) {
  return Group{.name = string_field(o, "GroupName"),
               .user_pool_id = string_field(o, "UserPoolId"),
               .description = string_field(o, "Description"),
               .precedence = integer_field(o, "Precedence")};
}

// AdminCreateUser's `User` holds `Attributes`; AdminGetUser answers `UserAttributes` at the top.
CognitoUser user_of(const object& o, std::string_view attributes_key) {
  const auto* enabled = o.if_contains("Enabled");
  return CognitoUser{.username = string_field(o, "Username"),
                     .status = string_field(o, "UserStatus"),
                     .enabled = enabled == nullptr || !enabled->is_bool() || enabled->as_bool(),
                     .attributes = attributes_of(o, attributes_key)};
}

// The object under `key` of a response, or malformed_response.
AwsResult<const object*> member(const value& response, std::string_view operation, std::string_view key) {
  const auto* body = response.if_object();
  const auto* inner = body == nullptr ? nullptr : object_field(*body, key);
  if (inner == nullptr) return malformed(operation, key);
  return inner;
}

// Runs a paginated list operation until its last page: `request` is sent with the token of the
// previous page (NextToken, or `token_key` for operations that name it otherwise); `take` reads
// one page's entries.
template <class Call, class Take>
AwsStatus for_each_page(object request, const Call& call, const Take& take,
                        std::string_view token_key = "NextToken") {
  std::string token;
  while (true) {
    if (!token.empty()) request[token_key] = token;
    auto page = call(request);
    if (!page) return std::move(page).error();
    const auto* body = page->if_object();
    if (body == nullptr)
      return AwsError::make(AwsErrc::malformed_response, "a list page is not a JSON object");
    take(*body);
    std::string next = string_field(*body, token_key);  // moto sends null on the last page
    if (next.empty() || next == token) return {};
    token = std::move(next);
  }
}

template <class T, class Read>
std::vector<T> entries(const object& page, std::string_view key, const Read& read) {
  std::vector<T> out;
  const auto* list = page.if_contains(key);
  if (list == nullptr || !list->is_array()) return out;
  for (const auto& entry : list->as_array()) {
    if (const auto* o = entry.if_object()) out.push_back(read(*o));
  }
  return out;
}

}  // namespace

const JsonServiceSpec& cognito_idp_spec() noexcept {
  static const JsonServiceSpec spec{Service::cognito_idp, "AWSCognitoIdentityProviderService",
                                    "application/x-amz-json-1.1", false};
  return spec;
}

std::optional<std::string> CognitoUser::attribute(std::string_view name) const {
  const auto found = std::ranges::find(attributes, name, &UserAttribute::name);
  if (found == attributes.end()) return std::nullopt;
  return found->value;
}

AwsResult<value> CognitoIdpClient::call(std::string_view operation, const object& request,
                                        core::Deadline deadline) const {
  return client_.call(operation, boost::json::serialize(request), deadline);
}

AwsResult<std::vector<UserPoolSummary>> CognitoIdpClient::list_user_pools(core::Deadline deadline) const {
  std::vector<UserPoolSummary> pools;
  auto listed = for_each_page(
      object{{"MaxResults", kPageSize}}, [&](const object& r) { return call("ListUserPools", r, deadline); },
      [&](const object& page) {
        std::ranges::move(
            entries<UserPoolSummary>(page, "UserPools",
                                     [](const object& o) {
                                       return UserPoolSummary{string_field(o, "Id"), string_field(o, "Name")};
                                     }),
            std::back_inserter(pools));
      });
  if (!listed) return std::move(listed).error();
  return pools;
}

AwsResult<std::optional<UserPoolSummary>> CognitoIdpClient::find_user_pool(std::string_view name,
                                                                           core::Deadline deadline) const {
  auto pools = list_user_pools(deadline);
  if (!pools) return std::move(pools).error();
  const auto found = std::ranges::find(*pools, name, &UserPoolSummary::name);
  if (found == pools->end()) return std::optional<UserPoolSummary>{};
  return std::optional<UserPoolSummary>{*found};
}

AwsResult<UserPool> CognitoIdpClient::create_user_pool(const CreateUserPoolRequest& request,
                                                       core::Deadline deadline) const {
  object body{
      {"PoolName", request.name},
      {"AutoVerifiedAttributes", to_array(request.auto_verified_attributes)},
      {"Policies", object{{"PasswordPolicy", object{{"MinimumLength", request.minimum_password_length}}}}}};
  if (!request.username_attributes.empty())
    body["UsernameAttributes"] = to_array(request.username_attributes);
  auto response = call("CreateUserPool", body, deadline);
  if (!response) return std::move(response).error();
  auto pool = member(*response, "CreateUserPool", "UserPool");
  if (!pool) return std::move(pool).error();
  return user_pool_of(**pool);
}

AwsResult<UserPool> CognitoIdpClient::describe_user_pool(std::string_view user_pool_id,
                                                         core::Deadline deadline) const {
  auto response = call("DescribeUserPool", object{{"UserPoolId", user_pool_id}}, deadline);
  if (!response) return std::move(response).error();
  auto pool = member(*response, "DescribeUserPool", "UserPool");
  if (!pool) return std::move(pool).error();
  return user_pool_of(**pool);
}

AwsResult<UserPoolClient> CognitoIdpClient::create_user_pool_client(
    const CreateUserPoolClientRequest& request, core::Deadline deadline) const {
  const object body{{"UserPoolId", request.user_pool_id},
                    {"ClientName", request.name},
                    {"GenerateSecret", false},
                    {"ExplicitAuthFlows", to_array(request.explicit_auth_flows)}};
  auto response = call("CreateUserPoolClient", body, deadline);
  if (!response) return std::move(response).error();
  auto client = member(*response, "CreateUserPoolClient", "UserPoolClient");
  if (!client) return std::move(client).error();
  return pool_client_of(**client);
}

AwsResult<std::vector<UserPoolClient>> CognitoIdpClient::list_user_pool_clients(
    std::string_view user_pool_id, core::Deadline deadline) const {
  std::vector<UserPoolClient> clients;
  auto listed = for_each_page(
      object{{"UserPoolId", user_pool_id}, {"MaxResults", kPageSize}},
      [&](const object& r) { return call("ListUserPoolClients", r, deadline); },
      [&](const object& page) {
        std::ranges::move(entries<UserPoolClient>(page, "UserPoolClients", pool_client_of),
                          std::back_inserter(clients));
      });
  if (!listed) return std::move(listed).error();
  return clients;
}

AwsResult<Group> CognitoIdpClient::create_group(const CreateGroupRequest& request,
                                                core::Deadline deadline) const {
  object body{{"UserPoolId", request.user_pool_id}, {"GroupName", request.name}};
  if (!request.description.empty()) body["Description"] = request.description;
  if (request.precedence) body["Precedence"] = *request.precedence;
  auto response = call("CreateGroup", body, deadline);
  if (!response) return std::move(response).error();
  auto group = member(*response, "CreateGroup", "Group");
  if (!group) return std::move(group).error();
  return group_of(**group);
}

AwsResult<Group> CognitoIdpClient::get_group(std::string_view user_pool_id, std::string_view group_name,
                                             core::Deadline deadline) const {
  auto response = call("GetGroup", object{{"UserPoolId", user_pool_id}, {"GroupName", group_name}}, deadline);
  if (!response) return std::move(response).error();
  auto group = member(*response, "GetGroup", "Group");
  if (!group) return std::move(group).error();
  return group_of(**group);
}

AwsResult<CognitoUser> CognitoIdpClient::admin_create_user(const AdminCreateUserRequest& request,
                                                           core::Deadline deadline) const {
  array attributes;
  for (const auto& a : request.attributes) attributes.push_back(object{{"Name", a.name}, {"Value", a.value}});
  object body{{"UserPoolId", request.user_pool_id},
              {"Username", request.username},
              {"UserAttributes", std::move(attributes)}};
  if (request.suppress_message) body["MessageAction"] = "SUPPRESS";
  if (!request.temporary_password.empty()) body["TemporaryPassword"] = request.temporary_password;
  auto response = call("AdminCreateUser", body, deadline);
  if (!response) return std::move(response).error();
  auto user = member(*response, "AdminCreateUser", "User");
  if (!user) return std::move(user).error();
  return user_of(**user, "Attributes");
}

AwsResult<CognitoUser> CognitoIdpClient::admin_get_user(std::string_view user_pool_id,
                                                        std::string_view username,
                                                        core::Deadline deadline) const {
  auto response =
      call("AdminGetUser", object{{"UserPoolId", user_pool_id}, {"Username", username}}, deadline);
  if (!response) return std::move(response).error();
  const auto* body = response->if_object();
  if (body == nullptr || string_field(*body, "Username").empty())
    return malformed("AdminGetUser", "Username");
  return user_of(*body, "UserAttributes");
}

AwsResult<std::vector<CognitoUser>> CognitoIdpClient::list_users(std::string_view user_pool_id,
                                                                 std::string_view filter,
                                                                 core::Deadline deadline) const {
  object request{{"UserPoolId", user_pool_id}, {"Limit", kPageSize}};
  if (!filter.empty()) request["Filter"] = filter;
  std::vector<CognitoUser> users;
  auto listed = for_each_page(
      std::move(request), [&](const object& r) { return call("ListUsers", r, deadline); },
      [&](const object& page) {
        std::ranges::move(
            entries<CognitoUser>(page, "Users", [](const object& o) { return user_of(o, "Attributes"); }),
            std::back_inserter(users));
      },
      "PaginationToken");
  if (!listed) return std::move(listed).error();
  return users;
}

AwsResult<std::optional<CognitoUser>> CognitoIdpClient::find_user_by_sub(std::string_view user_pool_id,
                                                                         std::string_view sub,
                                                                         core::Deadline deadline) const {
  // A sub is a UUID; anything that could break out of the filter's quotes names nobody.
  if (sub.empty() || sub.find_first_of("\"\\") != std::string_view::npos) return std::optional<CognitoUser>{};
  auto users = list_users(user_pool_id, fmt::format("sub = \"{}\"", sub), deadline);
  if (!users) return std::move(users).error();
  for (auto& user : *users) {
    if (user.sub() == sub) return std::optional<CognitoUser>{std::move(user)};
  }
  return std::optional<CognitoUser>{};
}

AwsStatus CognitoIdpClient::admin_set_user_password(std::string_view user_pool_id, std::string_view username,
                                                    std::string_view password, bool permanent,
                                                    core::Deadline deadline) const {
  const object body{
      {"UserPoolId", user_pool_id}, {"Username", username}, {"Password", password}, {"Permanent", permanent}};
  auto response = call("AdminSetUserPassword", body, deadline);
  if (!response) return std::move(response).error();
  return {};
}

AwsStatus CognitoIdpClient::admin_add_user_to_group(std::string_view user_pool_id, std::string_view username,
                                                    std::string_view group_name,
                                                    core::Deadline deadline) const {
  const object body{{"UserPoolId", user_pool_id}, {"Username", username}, {"GroupName", group_name}};
  auto response = call("AdminAddUserToGroup", body, deadline);
  if (!response) return std::move(response).error();
  return {};
}

AwsStatus CognitoIdpClient::admin_remove_user_from_group(std::string_view user_pool_id,
                                                         std::string_view username,
                                                         std::string_view group_name,
                                                         core::Deadline deadline) const {
  const object body{{"UserPoolId", user_pool_id}, {"Username", username}, {"GroupName", group_name}};
  auto response = call("AdminRemoveUserFromGroup", body, deadline);
  if (!response) return std::move(response).error();
  return {};
}

AwsResult<std::vector<Group>> CognitoIdpClient::admin_list_groups_for_user(std::string_view user_pool_id,
                                                                           std::string_view username,
                                                                           core::Deadline deadline) const {
  std::vector<Group> groups;
  auto listed = for_each_page(
      object{{"UserPoolId", user_pool_id}, {"Username", username}, {"Limit", kPageSize}},
      [&](const object& r) { return call("AdminListGroupsForUser", r, deadline); },
      [&](const object& page) {
        std::ranges::move(entries<Group>(page, "Groups", group_of), std::back_inserter(groups));
      });
  if (!listed) return std::move(listed).error();
  return groups;
}

AwsResult<InitiateAuthResult> CognitoIdpClient::initiate_auth(const InitiateAuthRequest& request,
                                                              core::Deadline deadline) const {
  object parameters;
  for (const auto& [name, v] : request.auth_parameters) parameters[name] = v;
  const object body{{"ClientId", request.client_id},
                    {"AuthFlow", request.auth_flow},
                    {"AuthParameters", std::move(parameters)}};
  auto response = call("InitiateAuth", body, deadline);
  if (!response) return std::move(response).error();
  const auto* o = response->if_object();
  if (o == nullptr) return malformed("InitiateAuth", "a JSON object");
  InitiateAuthResult result;
  result.challenge_name = string_field(*o, "ChallengeName");
  result.session = string_field(*o, "Session");
  if (const auto* tokens = object_field(*o, "AuthenticationResult")) {
    result.authentication =
        AuthenticationResult{.id_token = string_field(*tokens, "IdToken"),
                             .access_token = string_field(*tokens, "AccessToken"),
                             .refresh_token = string_field(*tokens, "RefreshToken"),
                             .token_type = string_field(*tokens, "TokenType"),
                             .expires_in = integer_field(*tokens, "ExpiresIn").value_or(0)};
  }
  if (!result.authentication && result.challenge_name.empty())
    return malformed("InitiateAuth", "AuthenticationResult or ChallengeName");
  return result;
}

AwsResult<InitiateAuthResult> CognitoIdpClient::sign_in_with_password(std::string_view client_id,
                                                                      std::string_view username,
                                                                      std::string_view password,
                                                                      core::Deadline deadline) const {
  return initiate_auth(InitiateAuthRequest{.client_id = std::string{client_id},
                                           .auth_flow = "USER_PASSWORD_AUTH",
                                           .auth_parameters = {{"USERNAME", std::string{username}},
                                                               {"PASSWORD", std::string{password}}}},
                       deadline);
}

}  // namespace hub::aws
