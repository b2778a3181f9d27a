#pragma once

#include "data/feedback_repository.hpp"
#include "data/table.hpp"

namespace hub::data {

// FeedbackRepository on the single table (key patterns: data/keys.hpp, docs/data-model.md).
class DynamoFeedbackRepository final : public FeedbackRepository {
 public:
  explicit DynamoFeedbackRepository(const Table& table) : table_(table) {}

  [[nodiscard]] Result<models::Feedback> create(models::Feedback feedback) const override;
  [[nodiscard]] Result<std::optional<models::Feedback>> find(std::string_view id) const override;
  [[nodiscard]] Result<models::Feedback> update(models::Feedback feedback) const override;
  [[nodiscard]] Result<Page<models::Feedback>> list(const FeedbackFilter& filter,
                                                    const PageRequest& page) const override;

 private:
  const Table& table_;
};

}  // namespace hub::data
