#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "aws/aws_error.hpp"
#include "aws/sigv4.hpp"
#include "core/config.hpp"

namespace hub::aws {

// The AWS services this backend talks to.
enum class Service : std::uint8_t { dynamodb, secrets_manager, ssm, cognito_idp };

struct ServiceInfo {
  std::string_view env_suffix;       // AWS_ENDPOINT_URL_<env_suffix>: "DYNAMODB", "SECRETS_MANAGER"
  std::string_view endpoint_prefix;  // host prefix and signing name: "dynamodb", "secretsmanager"
};
[[nodiscard]] const ServiceInfo& service_info(Service service) noexcept;

// Where and as whom to reach AWS, found the way the AWS SDKs find it:
//  - credentials: AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY / AWS_SESSION_TOKEN, then the shared
//    credentials file (AWS_SHARED_CREDENTIALS_FILE, else ~/.aws/credentials) for profile
//    AWS_PROFILE (else "default");
//  - region: AWS_REGION, then AWS_DEFAULT_REGION, then the profile's `region` in the shared config
//    file (AWS_CONFIG_FILE, else ~/.aws/config);
//  - endpoint per service: AWS_ENDPOINT_URL_<SERVICE>, then AWS_ENDPOINT_URL, then
//    https://<prefix>.<region>.amazonaws.com (all ignored if AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true);
//  - retries: AWS_MAX_ATTEMPTS (default 3).
struct AwsEnvironment {
  std::string region;
  Credentials credentials;
  int max_attempts = 3;
  std::string credentials_source;  // "environment" or "shared credentials file (profile x)", for logs

  // Endpoint URLs resolved at load time (no trailing slash).
  std::string dynamodb_endpoint;
  std::string secrets_manager_endpoint;
  std::string ssm_endpoint;
  std::string cognito_idp_endpoint;

  [[nodiscard]] const std::string& endpoint(Service service) const noexcept;
};

// Fails with missing_credentials / validation (bad region, bad endpoint URL, bad AWS_MAX_ATTEMPTS),
// naming the variable or file at fault; never echoes a secret.
[[nodiscard]] AwsResult<AwsEnvironment> load_aws_environment(const core::EnvLookup& env);

}  // namespace hub::aws
