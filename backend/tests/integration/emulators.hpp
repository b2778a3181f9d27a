#pragma once

// Integration-test support: the local AWS emulators the test run started (scripts/with-emulators
// exports their URLs), clients pointed at them, and scratch tables that clean up after themselves.

#include <cstdlib>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "aws/curl_http_client.hpp"
#include "aws/dynamodb_client.hpp"
#include "aws/json_service_client.hpp"
#include "aws/retry.hpp"
#include "core/ulid.hpp"
#include "data/table.hpp"
#include "data/table_definition.hpp"

namespace hub::testing {

struct Emulator {
  std::string name;  // "moto" or "dynamodb-local": also the test-name suffix
  std::string url;
};

// gtest prints parameters in test names and listings: the name says it all.
inline void PrintTo(const Emulator& emulator, std::ostream* out) { *out << emulator.name; }

inline std::string env_or_empty(const char* name) {
  const char* value = std::getenv(name);  // NOLINT(concurrency-mt-unsafe): read before threads start
  return value == nullptr ? std::string{} : std::string{value};
}

// Both emulators, always (so test names do not depend on the environment); `url` is empty for
// one this run did not start.
inline std::vector<Emulator> emulators() {
  return {{"moto", env_or_empty("EMULATOR_MOTO_URL")},
          {"dynamodb_local", env_or_empty("EMULATOR_DYNAMODB_LOCAL_URL")}};
}

// make test sets EMULATORS_REQUIRED=1: there, a missing emulator fails instead of skipping.
inline bool emulators_required() { return env_or_empty("EMULATORS_REQUIRED") == "1"; }

// One transport and retry quota per test process, as in the service.
inline aws::CurlHttpClient& shared_transport() {
  static aws::CurlHttpClient client;
  return client;
}

inline aws::ClientSettings emulator_settings(const std::string& url, int max_attempts = 3) {
  aws::ClientSettings settings;
  settings.endpoint = url;
  settings.region = "us-east-1";
  settings.credentials = {"testing", "testing", ""};
  settings.retry.max_attempts = max_attempts;
  settings.connect_timeout = std::chrono::milliseconds{1000};
  settings.attempt_timeout = std::chrono::milliseconds{10'000};
  return settings;
}

inline aws::dynamodb::DynamoDbClient dynamodb_client(const std::string& url, int max_attempts = 3,
                                                     aws::HttpTransport& transport = shared_transport()) {
  static aws::RetryQuota quota;
  return aws::dynamodb::DynamoDbClient{
      aws::JsonServiceClient{aws::dynamodb_spec(), emulator_settings(url, max_attempts), transport, quota}};
}

// A table shaped like the real one (data/table.json) under a fresh name, deleted at the end.
class ScratchTable {
 public:
  explicit ScratchTable(const aws::dynamodb::DynamoDbClient& client)
      : client_(client), definition_(data::table_definition("it-" + core::new_ulid())) {
    auto created = client_.ensure_table(definition_.spec, core::Deadline::after(std::chrono::seconds{60}));
    ok_ = created.ok();
    if (!ok_) error_ = created.error().describe();
  }
  ~ScratchTable() {
    if (ok_)
      (void)client_.delete_table(definition_.spec.name, core::Deadline::after(std::chrono::seconds{30}));
  }
  ScratchTable(const ScratchTable&) = delete;
  ScratchTable& operator=(const ScratchTable&) = delete;
  ScratchTable(ScratchTable&&) = delete;
  ScratchTable& operator=(ScratchTable&&) = delete;

  [[nodiscard]] bool ok() const noexcept { return ok_; }
  [[nodiscard]] const std::string& error() const noexcept { return error_; }
  [[nodiscard]] const std::string& name() const noexcept { return definition_.spec.name; }

 private:
  const aws::dynamodb::DynamoDbClient& client_;
  data::TableDefinition definition_;
  bool ok_ = false;
  std::string error_;
};

// A test against one emulator, with a scratch table made in SetUp.
class EmulatorTest : public ::testing::TestWithParam<Emulator> {
 protected:
  void SetUp() override {
    if (GetParam().url.empty()) {
      if (emulators_required()) FAIL() << GetParam().name << " is not running (EMULATOR_* URL unset)";
      GTEST_SKIP() << GetParam().name
                   << " is not running; run through scripts/with-emulators --dynamodb-local";
    }
    direct_ = std::make_unique<aws::dynamodb::DynamoDbClient>(dynamodb_client(GetParam().url));
    table_ = std::make_unique<ScratchTable>(*direct_);
    ASSERT_TRUE(table_->ok()) << "could not create a scratch table on " << GetParam().name << ": "
                              << table_->error();
    data_ = std::make_unique<data::Table>(*direct_, table_->name(), kTestCursorKey);
  }
  void TearDown() override {
    data_.reset();
    table_.reset();
    direct_.reset();
  }

  [[nodiscard]] const aws::dynamodb::DynamoDbClient& client() const { return *direct_; }
  [[nodiscard]] const std::string& table_name() const { return table_->name(); }
  // The scratch table as the data layer sees it.
  [[nodiscard]] const data::Table& data_table() const { return *data_; }

  static constexpr const char* kTestCursorKey = "integration-test-cursor-key-0123456789abcdef";

 private:
  std::unique_ptr<aws::dynamodb::DynamoDbClient> direct_;
  std::unique_ptr<ScratchTable> table_;
  std::unique_ptr<data::Table> data_;
};

// gtest parameter names: "moto", "dynamodb_local".
struct EmulatorName {
  std::string operator()(const ::testing::TestParamInfo<Emulator>& info) const { return info.param.name; }
};

}  // namespace hub::testing
