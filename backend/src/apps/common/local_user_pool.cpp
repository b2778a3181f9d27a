#include "apps/common/local_user_pool.hpp"

#include <algorithm>
#include <cstdint>

#include <fmt/format.h>

#include "models/user.hpp"

namespace hub::apps {
namespace {

PoolFailure aws_failure(std::string_view what, const aws::AwsError& error) {
  return PoolFailure{fmt::format("{}: {}", what, error.describe())};
}

std::string how_to_make_it() { return "run `hubctl auth env` or `hubctl seed` to make the local user pool"; }

Result<std::string, PoolFailure> find_pool(const aws::CognitoIdpClient& cognito,
                                           std::string_view user_pool_id, PoolAccess access,
                                           LocalUserPool& setup) {
  if (!user_pool_id.empty()) {
    auto pool = cognito.describe_user_pool(user_pool_id);
    if (!pool) return aws_failure(fmt::format("user pool {}", user_pool_id), pool.error());
    return pool->id;
  }
  auto found = cognito.find_user_pool(kLocalUserPoolName);
  if (!found) return aws_failure("listing user pools", found.error());
  if (found->has_value()) return (*found)->id;
  if (access == PoolAccess::find)
    return fmt::format("no user pool named {}: {}", kLocalUserPoolName, how_to_make_it());
  auto created = cognito.create_user_pool({.name = std::string{kLocalUserPoolName}});
  if (!created) return aws_failure("creating the user pool", created.error());
  setup.pool_created = true;
  return created->id;
}

Result<std::string, PoolFailure> find_client(const aws::CognitoIdpClient& cognito, PoolAccess access,
                                             LocalUserPool& setup) {
  auto clients = cognito.list_user_pool_clients(setup.pool_id);
  if (!clients) return aws_failure("listing app clients", clients.error());
  if (const auto client = std::ranges::find(*clients, kLocalAppClientName, &aws::UserPoolClient::name);
      client != clients->end()) {
    return client->id;
  }
  if (access == PoolAccess::find) {
    return PoolFailure{fmt::format("user pool {} has no app client named {}: {}", setup.pool_id,
                                   kLocalAppClientName, how_to_make_it())};
  }
  auto created = cognito.create_user_pool_client(
      {.user_pool_id = setup.pool_id, .name = std::string{kLocalAppClientName}});
  if (!created) return aws_failure("creating the app client", created.error());
  setup.client_created = true;
  return created->id;
}

}  // namespace

Result<LocalUserPool, PoolFailure> local_user_pool(const aws::CognitoIdpClient& cognito,
                                                   std::string_view user_pool_id, PoolAccess access) {
  LocalUserPool setup;
  auto pool = find_pool(cognito, user_pool_id, access, setup);
  if (!pool) return std::move(pool).error();
  setup.pool_id = std::move(pool).value();
  auto client = find_client(cognito, access, setup);
  if (!client) return std::move(client).error();
  setup.client_id = std::move(client).value();
  if (access == PoolAccess::find) return setup;

  std::int64_t precedence = 0;  // admin first: the most privileged group wins
  for (const auto role : models::role_names()) {
    auto created = cognito.create_group({.user_pool_id = setup.pool_id,
                                         .name = std::string{role},
                                         .description = fmt::format("Innovation Hub {}s", role),
                                         .precedence = ++precedence});
    if (created) {
      ++setup.groups_created;
    } else if (created.error().code != aws::AwsErrc::resource_in_use) {
      return aws_failure(fmt::format("creating group {}", role), created.error());
    }
  }
  return setup;
}

std::string emulator_jwks_url(std::string_view cognito_endpoint, std::string_view pool_id) {
  while (cognito_endpoint.ends_with('/')) cognito_endpoint.remove_suffix(1);
  return fmt::format("{}/{}/.well-known/jwks.json", cognito_endpoint, pool_id);
}

}  // namespace hub::apps
