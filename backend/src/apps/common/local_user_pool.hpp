#pragma once

#include <string>
#include <string_view>

#include "aws/cognito_idp.hpp"
#include "core/result.hpp"

namespace hub::apps {

// The development user pool (in moto locally): found by name, made when missing.
inline constexpr std::string_view kLocalUserPoolName = "innovation-hub-local";
inline constexpr std::string_view kLocalAppClientName = "innovation-hub-local-web";

struct LocalUserPool {
  std::string pool_id{};
  std::string client_id{};
  bool pool_created = false;
  bool client_created = false;
  int groups_created = 0;
};

// Why the pool could not be found or made, for the operator.
struct PoolFailure {
  std::string message{};
};

enum class PoolAccess : unsigned char {
  find,            // what is missing is an error
  find_or_create,  // what is missing is made: the pool, its app client, the role groups
};

// The pool `user_pool_id` when given (it must exist), else the first one named
// innovation-hub-local; its public app client innovation-hub-local-web (USER_PASSWORD_AUTH
// allowed); with find_or_create also one group per role (admin, editor, member; admin has the
// lowest precedence, so it wins).
[[nodiscard]] Result<LocalUserPool, PoolFailure> local_user_pool(const aws::CognitoIdpClient& cognito,
                                                                 std::string_view user_pool_id,
                                                                 PoolAccess access);

// Cognito's JWKS URL in moto: served at <endpoint>/<pool id>/.well-known/jwks.json.
[[nodiscard]] std::string emulator_jwks_url(std::string_view cognito_endpoint, std::string_view pool_id);

}  // namespace hub::apps
