#include "apps/common/storage.hpp"

#include "aws/json_service_client.hpp"

namespace hub::apps {

Result<std::shared_ptr<Storage>> connect_storage(const core::Config& config, const core::EnvLookup& env) {
  auto aws_env = aws::load_aws_environment(env);
  if (!aws_env) {
    return Error{ErrorCode::INTERNAL, "invalid AWS configuration", {{"AWS", aws_env.error().message}}};
  }
  auto storage = std::make_shared<Storage>();
  storage->aws = std::move(aws_env).value();
  auto settings = aws::ClientSettings::from(storage->aws, aws::Service::dynamodb);
  settings.connect_timeout = config.storage.aws_connect_timeout;
  settings.attempt_timeout = config.storage.aws_attempt_timeout;
  storage->dynamodb = std::make_unique<aws::dynamodb::DynamoDbClient>(aws::JsonServiceClient{
      aws::dynamodb_spec(), std::move(settings), *storage->http, *storage->retry_quota});
  storage->table = data::table_definition(config.storage.table_name);
  storage->probe = std::make_unique<data::StorageProbe>(*storage->dynamodb, config.storage.table_name,
                                                        config.storage.health_check_timeout);
  return storage;
}

}  // namespace hub::apps
