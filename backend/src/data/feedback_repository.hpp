#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/result.hpp"
#include "data/page.hpp"
#include "models/feedback.hpp"

namespace hub::data {

struct FeedbackFilter {
  std::optional<std::string> status{};
  std::optional<std::string> category{};
};

class FeedbackRepository {
 public:
  virtual ~FeedbackRepository() = default;

  // Stores new feedback as version 1 (an empty id gets a new ULID).
  [[nodiscard]] virtual Result<models::Feedback> create(models::Feedback feedback) const = 0;
  [[nodiscard]] virtual Result<std::optional<models::Feedback>> find(std::string_view id) const = 0;
  // Replaces the feedback whose stored version is `feedback.version`. VERSION_CONFLICT,
  // FEEDBACK_NOT_FOUND.
  [[nodiscard]] virtual Result<models::Feedback> update(models::Feedback feedback) const = 0;
  // Newest first, optionally only one status and/or category.
  [[nodiscard]] virtual Result<Page<models::Feedback>> list(const FeedbackFilter& filter,
                                                            const PageRequest& page) const = 0;
};

}  // namespace hub::data
