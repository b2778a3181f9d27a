#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "aws/dynamodb_types.hpp"
#include "core/result.hpp"
#include "data/table.hpp"

namespace hub::data {

// One migration runner at a time: the item PK MIGRATION / SK LEASE names its owner and when the
// lease runs out (epoch milliseconds, by the table's clock). A runner takes it when there is
// none or it has run out, keeps it by renewing it, and deletes it when done. A runner that dies
// keeps it until it runs out; then the next runner may take over and resume.
class MigrationLease {
 public:
  MigrationLease(const Table& table, std::string owner, std::chrono::milliseconds duration)
      : table_(table), owner_(std::move(owner)), duration_(duration) {}

  // LEASE_HELD, naming the holder and until when, while another runner holds it.
  [[nodiscard]] Status acquire();
  // Extends the lease by its duration; LEASE_HELD once another runner has taken it over.
  [[nodiscard]] Status renew();
  // renew() when a third of the duration has gone by since the last renewal.
  [[nodiscard]] Status renew_if_due();
  // Deletes the lease if it is still this runner's.
  [[nodiscard]] Status release();

  // Writes `writes` in one transaction with a renewal of the lease, so they happen only while
  // this runner holds it. LEASE_HELD when it does not any more.
  [[nodiscard]] Status commit(std::vector<aws::dynamodb::TransactWriteItem> writes,
                              std::string_view operation);

  [[nodiscard]] const std::string& owner() const noexcept { return owner_; }

 private:
  [[nodiscard]] std::int64_t now_ms() const;
  [[nodiscard]] aws::dynamodb::TransactUpdate renewal(std::int64_t now) const;

  const Table& table_;
  std::string owner_;
  std::chrono::milliseconds duration_;
  std::int64_t renewed_at_ms_ = 0;
};

}  // namespace hub::data
