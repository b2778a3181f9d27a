#pragma once

#include <chrono>
#include <functional>
#include <mutex>
#include <optional>
#include <string>

#include "aws/dynamodb_client.hpp"
#include "aws/dynamodb_types.hpp"
#include "core/clock.hpp"
#include "core/table_figures.hpp"

namespace hub::data {

// The figures of a table as DescribeTable gives them, indexes by name.
[[nodiscard]] core::TableFigures table_figures_of(const aws::dynamodb::TableDescription& table,
                                                  core::SystemTime described_at);

// The table's figures for /metrics: DescribeTable within `budget`, the answer (or the failure)
// kept for `ttl`, so that however often /metrics is read the control plane sees at most one
// DescribeTable per `ttl` per process. A failure is reported in the figures' `error` (a stable
// name such as "timeout"; the details go to the log), never as a failure of /metrics.
// Concurrent callers share one refresh. Thread-safe.
class CachedTableFigures final : public core::TableFiguresSource {
 public:
  struct Settings {
    std::chrono::milliseconds ttl{60'000};
    std::chrono::milliseconds budget{2'000};
  };
  using Now = std::function<std::chrono::steady_clock::time_point()>;

  CachedTableFigures(const aws::dynamodb::DynamoDbClient& client, std::string table, Settings settings,
                     const core::Clock& clock = core::SystemClock::instance(),
                     Now now = std::chrono::steady_clock::now)
      : client_(client), table_(std::move(table)), settings_(settings), clock_(clock), now_(std::move(now)) {}

  [[nodiscard]] core::TableFigures figures() const override;

 private:
  [[nodiscard]] core::TableFigures describe() const;

  const aws::dynamodb::DynamoDbClient& client_;
  std::string table_;
  Settings settings_;
  const core::Clock& clock_;
  Now now_;
  mutable std::mutex mutex_;  // guards the refresh and last_
  mutable std::optional<core::TableFigures> last_;
  mutable std::chrono::steady_clock::time_point described_at_{};
};

}  // namespace hub::data
