#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "aws/aws_error.hpp"
#include "aws/json_service_client.hpp"
#include "core/deadline.hpp"

namespace hub::aws {

// Secrets Manager, GetSecretValue only (JSON 1.1).
class SecretsManagerClient {
 public:
  explicit SecretsManagerClient(JsonServiceClient client) : client_(std::move(client)) {}

  // The current version's SecretString (or SecretBinary's bytes). resource_not_found if absent.
  [[nodiscard]] AwsResult<std::string> get_secret_value(
      std::string_view secret_id, core::Deadline deadline = core::current_deadline()) const;

 private:
  JsonServiceClient client_;
};

// SSM Parameter Store, GetParameter and GetParameters (JSON 1.1), SecureStrings decrypted.
class SsmClient {
 public:
  explicit SsmClient(JsonServiceClient client) : client_(std::move(client)) {}

  [[nodiscard]] AwsResult<std::string> get_parameter(
      std::string_view name, core::Deadline deadline = core::current_deadline()) const;
  // Any number of names (sent 10 at a time). A name that does not exist is resource_not_found
  // naming it; nothing is returned partially.
  [[nodiscard]] AwsResult<std::map<std::string, std::string>> get_parameters(
      const std::vector<std::string>& names, core::Deadline deadline = core::current_deadline()) const;

 private:
  JsonServiceClient client_;
};

// A setting's value kept in Secrets Manager or SSM instead of in the configuration itself:
//   secretsmanager:<secret id or ARN>[#<key>]   (#key picks one field of a JSON secret)
//   ssm:<parameter name>
struct SecretReference {
  enum class Store : std::uint8_t { secrets_manager, ssm };
  Store store = Store::secrets_manager;
  std::string id;
  std::string json_key;

  bool operator==(const SecretReference&) const = default;
};

// nullopt when `text` is not a reference (it is then a literal value).
[[nodiscard]] std::optional<SecretReference> parse_secret_reference(std::string_view text);

// Resolves references, caching each value for `ttl` so a warm Lambda does not call the store on
// every request, and a rotated secret is picked up within `ttl`. Thread-safe.
class SecretResolver {
 public:
  SecretResolver(const SecretsManagerClient& secrets, const SsmClient& ssm, std::chrono::seconds ttl,
                 std::function<std::chrono::steady_clock::time_point()> now = std::chrono::steady_clock::now)
      : secrets_(secrets), ssm_(ssm), ttl_(ttl), now_(std::move(now)) {}

  [[nodiscard]] AwsResult<std::string> resolve(const SecretReference& reference,
                                               core::Deadline deadline = core::current_deadline());

 private:
  struct Entry {
    std::string value;
    std::chrono::steady_clock::time_point fetched;
  };
  [[nodiscard]] AwsResult<std::string> fetch(const SecretReference& reference, core::Deadline deadline) const;

  const SecretsManagerClient& secrets_;
  const SsmClient& ssm_;
  std::chrono::seconds ttl_;
  std::function<std::chrono::steady_clock::time_point()> now_;
  std::mutex mutex_;
  std::map<std::string, Entry, std::less<>> cache_;  // by "store:id#key"
};

}  // namespace hub::aws
