#pragma once

#include <memory>

#include "aws/aws_environment.hpp"
#include "aws/cognito_idp.hpp"
#include "aws/curl_http_client.hpp"
#include "aws/dynamodb_client.hpp"
#include "aws/retry.hpp"
#include "aws/secrets.hpp"
#include "core/call_observer.hpp"
#include "core/config.hpp"
#include "core/result.hpp"
#include "data/repositories.hpp"
#include "data/storage_probe.hpp"
#include "data/table.hpp"
#include "data/table_definition.hpp"
#include "data/table_figures.hpp"
#include "services/health_service.hpp"

namespace hub::apps {

// The process's way to its data: one pooled HTTP client and one retry quota shared by every AWS
// client, the DynamoDB client and the table's definition. Built once, from configuration only.
struct Storage {
  aws::AwsEnvironment aws;
  std::unique_ptr<aws::CurlHttpClient> http = std::make_unique<aws::CurlHttpClient>();
  std::unique_ptr<aws::RetryQuota> retry_quota = std::make_unique<aws::RetryQuota>();
  std::unique_ptr<aws::dynamodb::DynamoDbClient> dynamodb;
  std::unique_ptr<aws::SecretsManagerClient> secrets_manager;
  std::unique_ptr<aws::SsmClient> ssm;
  std::unique_ptr<aws::CognitoIdpClient> cognito;
  std::unique_ptr<aws::SecretResolver> secrets;  // references in settings, cached for 5 minutes
  data::TableDefinition table;
  std::unique_ptr<data::StorageProbe> probe;
  std::unique_ptr<data::CachedTableFigures> table_figures;  // for /metrics
  std::string pagination_key;                               // HUB_PAGINATION_KEY, resolved
  std::unique_ptr<data::Table> data;  // the table as repositories, migrations and backups see it
  data::Repositories repositories;
};

// Resolves AWS credentials, region and endpoints from the environment (the AWS SDKs' rules),
// builds the clients and reads the settings kept in Secrets Manager / SSM (HUB_PAGINATION_KEY).
// A bad AWS setting, or a referenced secret that cannot be read, is a configuration error.
// Every AWS client tells `observer` (when given) how each of its calls went.
[[nodiscard]] Result<std::shared_ptr<Storage>> connect_storage(
    const core::Config& config, const core::EnvLookup& env,
    const std::shared_ptr<core::CallObserver>& observer = nullptr);

// GET /health's "storage" check.
class StorageCheck final : public services::ComponentCheck {
 public:
  explicit StorageCheck(std::shared_ptr<const Storage> storage) : storage_(std::move(storage)) {}
  [[nodiscard]] std::string name() const override { return "storage"; }
  [[nodiscard]] Status check() const override { return storage_->probe->check(); }

 private:
  std::shared_ptr<const Storage> storage_;
};

}  // namespace hub::apps
