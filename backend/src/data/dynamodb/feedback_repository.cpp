#include "data/dynamodb/feedback_repository.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "core/ulid.hpp"
#include "data/item_codec.hpp"
#include "data/item_helpers.hpp"
#include "data/listing.hpp"
#include "data/model_reads.hpp"
#include "data/storage_error.hpp"
#include "data/versioned_write.hpp"

namespace hub::data {
namespace {

Result<aws::Item> feedback_item(const models::Feedback& feedback) {
  auto item = to_item(feedback);
  if (!item) return item;
  detail::add_keys(*item, keys::feedback_pk(feedback.id), std::string(keys::kFeedbackSk),
                   keys::kFeedbackEntity);
  detail::set(*item, keys::kGsi1Pk, std::string(keys::kFeedbackListPk));
  detail::set(*item, keys::kGsi1Sk, feedback.id);
  detail::set(*item, keys::kGsi2Pk, keys::feedback_status_pk(feedback.status));
  detail::set(*item, keys::kGsi2Sk, feedback.id);
  return item;
}

// Filter values are checked against the model's own enumerations.
Status check_filter(const FeedbackFilter& filter) {
  std::vector<FieldError> errors;
  const auto check = [&](const std::optional<std::string>& value, std::string_view member,
                         std::string_view pointer) {
    if (!value) return;
    const auto* rule = models::rule_for<models::Feedback>(member);
    if (rule != nullptr && std::ranges::find(rule->allowed, *value) == rule->allowed.end()) {
      errors.push_back(
          {std::string(pointer), fmt::format("must be one of: {}", fmt::join(rule->allowed, ", "))});
    }
  };
  check(filter.status, "status", "/query/status");
  check(filter.category, "category", "/query/category");
  if (errors.empty()) return {};
  return Error{ErrorCode::INVALID_PARAMETER, "A query parameter has the wrong form.", std::move(errors), {}};
}

}  // namespace

Result<models::Feedback> DynamoFeedbackRepository::create(models::Feedback feedback) const {
  const auto now = table_.clock().now();
  if (feedback.id.empty()) feedback.id = core::new_ulid(now);
  if (feedback.created_at.empty()) feedback.created_at = core::to_rfc3339(now);
  feedback.updated_at = feedback.created_at;
  feedback.version = 1;
  auto item = feedback_item(feedback);
  if (!item) return std::move(item).error();
  auto written =
      put_versioned(table_, std::move(item).value(), 0, ErrorCode::FEEDBACK_NOT_FOUND, "feedback.create");
  if (!written) return std::move(written).error();
  return feedback;
}

Result<std::optional<models::Feedback>> DynamoFeedbackRepository::find(std::string_view id) const {
  return get_model<models::Feedback>(
      table_, detail::item_key(keys::feedback_pk(id), std::string(keys::kFeedbackSk)), "feedback.find");
}

Result<models::Feedback> DynamoFeedbackRepository::update(models::Feedback feedback) const {
  const std::int64_t expected = feedback.version;
  feedback.updated_at = detail::now_text(table_);
  feedback.version = expected + 1;
  auto item = feedback_item(feedback);
  if (!item) return std::move(item).error();
  if (expected < 1) return Error::version_conflict(0);
  auto written = put_versioned(table_, std::move(item).value(), expected, ErrorCode::FEEDBACK_NOT_FOUND,
                               "feedback.update");
  if (!written) return std::move(written).error();
  return feedback;
}

Result<Page<models::Feedback>> DynamoFeedbackRepository::list(const FeedbackFilter& filter,
                                                              const PageRequest& page) const {
  if (auto valid = check_filter(filter); !valid) return std::move(valid).error();
  Listing listing{.key_condition = "#pk = :pk", .descending = true};
  if (filter.status) {
    listing.index = keys::kGsi2;
    listing.expressions = detail::partition_is(keys::kGsi2Pk, keys::feedback_status_pk(*filter.status));
  } else {
    listing.index = keys::kGsi1;
    listing.expressions = detail::partition_is(keys::kGsi1Pk, std::string(keys::kFeedbackListPk));
  }
  if (filter.category) {
    listing.expressions.condition = "#category = :category";
    listing.expressions.names.emplace("#category", "category");
    listing.expressions.values.emplace(":category", aws::AttributeValue::S(*filter.category));
  }
  return list_models<models::Feedback>(table_, listing, page, "feedback.list");
}

}  // namespace hub::data
