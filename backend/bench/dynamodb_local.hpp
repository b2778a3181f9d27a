#pragma once

// What the benchmarks that run against DynamoDB Local share: settings from the environment, a
// client for the emulator and a scratch table shaped like the real one.

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <stdexcept>
#include <string>

#include "aws/dynamodb_client.hpp"
#include "aws/json_service_client.hpp"
#include "aws/retry.hpp"
#include "core/deadline.hpp"
#include "data/table_definition.hpp"

namespace hub::bench {

inline std::string env_or(const char* name, std::string fallback) {
  const char* value = std::getenv(name);  // NOLINT(concurrency-mt-unsafe): read before threads start
  return value == nullptr || *value == '\0' ? fallback : std::string{value};
}

// The emulator's URL (scripts/with-emulators exports it), or empty after saying how to run `who`.
inline std::string dynamodb_local_url(const char* who) {
  auto url = env_or("EMULATOR_DYNAMODB_LOCAL_URL", "");
  if (url.empty()) {
    std::fprintf(stderr,
                 "%s: EMULATOR_DYNAMODB_LOCAL_URL is not set; run it through scripts/with-emulators "
                 "--only-dynamodb-local\n",
                 who);
  }
  return url;
}

struct LocalClientOptions {
  int max_attempts = 3;
  std::chrono::milliseconds attempt_timeout{10'000};
};

inline aws::dynamodb::DynamoDbClient local_client(const std::string& endpoint, aws::HttpTransport& transport,
                                                  LocalClientOptions options = {}) {
  static aws::RetryQuota quota;
  aws::ClientSettings settings;
  settings.endpoint = endpoint;
  settings.region = "us-east-1";
  settings.credentials = {"testing", "testing", ""};
  settings.retry.max_attempts = options.max_attempts;
  settings.connect_timeout = std::chrono::milliseconds{2000};
  settings.attempt_timeout = options.attempt_timeout;
  return aws::dynamodb::DynamoDbClient{
      aws::JsonServiceClient{aws::dynamodb_spec(), std::move(settings), transport, quota}};
}

// A table shaped like the real one (data/table.json): created by the constructor, deleted by the
// destructor.
class ScratchTable {
 public:
  ScratchTable(const aws::dynamodb::DynamoDbClient& client, std::string name)
      : client_(client), name_(std::move(name)) {
    auto created = client_.ensure_table(data::table_definition(name_).spec,
                                        core::Deadline::after(std::chrono::seconds{60}));
    if (!created)
      throw std::runtime_error("cannot create table " + name_ + ": " + created.error().describe());
  }
  ~ScratchTable() {
    auto deleted = client_.delete_table(name_, core::Deadline::after(std::chrono::seconds{30}));
    if (!deleted) {
      std::fprintf(stderr, "could not delete table %s: %s\n", name_.c_str(),
                   deleted.error().describe().c_str());
    }
  }
  ScratchTable(const ScratchTable&) = delete;
  ScratchTable& operator=(const ScratchTable&) = delete;
  ScratchTable(ScratchTable&&) = delete;
  ScratchTable& operator=(ScratchTable&&) = delete;
  [[nodiscard]] const std::string& name() const noexcept { return name_; }

 private:
  const aws::dynamodb::DynamoDbClient& client_;
  std::string name_;
};

}  // namespace hub::bench
