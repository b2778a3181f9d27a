#pragma once

#include "data/rate_counter_repository.hpp"
#include "data/table.hpp"

namespace hub::data {

// RateCounterRepository on the single table (key patterns: data/keys.hpp, docs/data-model.md).
class DynamoRateCounterRepository final : public RateCounterRepository {
 public:
  explicit DynamoRateCounterRepository(const Table& table) : table_(table) {}

  [[nodiscard]] Result<RateCount> hit(std::string_view subject, std::int64_t limit,
                                      std::chrono::seconds window) const override;

 private:
  const Table& table_;
};

}  // namespace hub::data
