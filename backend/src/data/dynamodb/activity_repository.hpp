#pragma once

#include <chrono>

#include "data/activity_repository.hpp"
#include "data/table.hpp"

namespace hub::data {

// ActivityRepository on the single table (key patterns: data/keys.hpp, docs/data-model.md).
class DynamoActivityRepository final : public ActivityRepository {
 public:
  explicit DynamoActivityRepository(const Table& table, std::chrono::days retention)
      : table_(table), retention_(retention) {}

  [[nodiscard]] Result<models::ActivityEntry> record(models::ActivityEntry entry) const override;
  [[nodiscard]] Result<Page<models::ActivityEntry>> list(std::string_view user_id,
                                                         const PageRequest& page) const override;

 private:
  const Table& table_;
  std::chrono::days retention_;
};

}  // namespace hub::data
