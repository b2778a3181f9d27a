#include "apps/common/storage.hpp"

#include <fstream>
#include <random>

#include <fmt/format.h>

#include "aws/json_service_client.hpp"

namespace hub::apps {
namespace {

constexpr std::chrono::seconds kSecretTtl{300};
constexpr std::chrono::seconds kStartupSecretBudget{10};

Error setting_error(std::string_view variable, std::string message) {
  return Error{ErrorCode::INTERNAL, "invalid configuration", {{std::string{variable}, std::move(message)}}};
}

aws::JsonServiceClient client_for(const Storage& storage, const core::Config& config,
                                  const aws::JsonServiceSpec& spec,
                                  const std::shared_ptr<core::CallObserver>& observer) {
  auto settings = aws::ClientSettings::from(storage.aws, spec.service);
  settings.connect_timeout = config.storage.aws_connect_timeout;
  settings.attempt_timeout = config.storage.aws_attempt_timeout;
  settings.observer = observer;
  return aws::JsonServiceClient{spec, std::move(settings), *storage.http, *storage.retry_quota};
}

std::string random_key() {
  std::random_device device;
  std::string key;
  for (int i = 0; i < 4; ++i) {
    const std::uint64_t word = (std::uint64_t{device()} << 32U) | device();
    key += fmt::format("{:016x}", word);
  }
  return key;
}

Status resolve_pagination_key(Storage& storage, const std::string& setting) {
  if (setting.empty()) {
    storage.pagination_key = random_key();  // cursors then last as long as the process
    return {};
  }
  const auto reference = aws::parse_secret_reference(setting);
  if (!reference) {
    storage.pagination_key = setting;
    return {};
  }
  auto value = storage.secrets->resolve(*reference, core::Deadline::after(kStartupSecretBudget));
  if (!value) {
    return setting_error("HUB_PAGINATION_KEY", fmt::format("names {}, which cannot be read: {}", setting,
                                                           aws::errc_name(value.error().code)));
  }
  storage.pagination_key = std::move(value).value();
  return {};
}

}  // namespace

Result<std::shared_ptr<Storage>> connect_storage(const core::Config& config, const core::EnvLookup& env,
                                                 const std::shared_ptr<core::CallObserver>& observer) {
  auto aws_env = aws::load_aws_environment(env);
  if (!aws_env) return setting_error("AWS", aws_env.error().message);
  auto storage = std::make_shared<Storage>();
  storage->aws = std::move(aws_env).value();
  if (!config.storage.ca_bundle.empty()) {
    if (!std::ifstream(config.storage.ca_bundle).good()) {
      return setting_error("HUB_CA_BUNDLE", fmt::format("{} cannot be read", config.storage.ca_bundle));
    }
    storage->http = std::make_unique<aws::CurlHttpClient>(
        aws::CurlHttpClientOptions{.ca_bundle = config.storage.ca_bundle});
  }
  storage->dynamodb = std::make_unique<aws::dynamodb::DynamoDbClient>(
      client_for(*storage, config, aws::dynamodb_spec(), observer));
  storage->secrets_manager = std::make_unique<aws::SecretsManagerClient>(
      client_for(*storage, config, aws::secrets_manager_spec(), observer));
  storage->ssm = std::make_unique<aws::SsmClient>(client_for(*storage, config, aws::ssm_spec(), observer));
  storage->cognito = std::make_unique<aws::CognitoIdpClient>(
      client_for(*storage, config, aws::cognito_idp_spec(), observer));
  storage->secrets =
      std::make_unique<aws::SecretResolver>(*storage->secrets_manager, *storage->ssm, kSecretTtl);
  storage->table = data::table_definition(config.storage.table_name);
  storage->probe = std::make_unique<data::StorageProbe>(*storage->dynamodb, config.storage.table_name,
                                                        config.storage.health_check_timeout);
  storage->table_figures = std::make_unique<data::CachedTableFigures>(
      *storage->dynamodb, config.storage.table_name,
      data::CachedTableFigures::Settings{.budget = config.storage.health_check_timeout});
  if (auto resolved = resolve_pagination_key(*storage, config.storage.pagination_key); !resolved) {
    return std::move(resolved).error();
  }
  storage->data =
      std::make_unique<data::Table>(*storage->dynamodb, config.storage.table_name, storage->pagination_key);
  storage->repositories = data::dynamodb_repositories(*storage->data, config.storage.activity_retention);
  return storage;
}

}  // namespace hub::apps
