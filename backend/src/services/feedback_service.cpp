#include "services/feedback_service.hpp"

#include <fmt/format.h>

#include "core/ulid.hpp"
#include "models/codec.hpp"

namespace hub::services {
namespace {

// The line an activity listing shows for a submission.
std::string submitted_summary(std::string_view category) {
  if (category == "bug") return "Reported a bug";
  if (category == "idea") return "Suggested an idea";
  if (category == "question") return "Asked a question";
  if (category == "praise") return "Sent praise";
  return "Sent feedback";
}

std::string status_change_summary(const models::Feedback& before, const models::Feedback& after) {
  if (before.status != after.status) {
    return fmt::format("Moved feedback from {} to {}", before.status, after.status);
  }
  return fmt::format("Changed the note of feedback that stays {}", after.status);
}

Error feedback_not_found() { return Error::make(ErrorCode::FEEDBACK_NOT_FOUND, "No feedback has this id."); }

}  // namespace

Result<models::Feedback> FeedbackService::submit(const Actor& author,
                                                 const models::FeedbackSubmission& submission) const {
  if (auto valid = models::validate(submission); !valid) return std::move(valid).error();
  models::Feedback feedback{
      .id = {},
      .user_id = author.user_id,
      .category = submission.category,
      .message = submission.message,
      .rating = submission.rating,
      .page = submission.page,
      .status = "new",
      .admin_note = std::nullopt,
      .created_at = {},
      .updated_at = {},
      .version = 0,
  };
  auto stored = feedback_.create(std::move(feedback));
  if (!stored) return stored;
  activity_.record(author, "feedback.submitted", stored->id, submitted_summary(stored->category));
  return stored;
}

Result<models::Feedback> FeedbackService::find(std::string_view id) const {
  if (!core::is_ulid(id)) return feedback_not_found();
  auto found = feedback_.find(id);
  if (!found) return std::move(found).error();
  if (!*found) return feedback_not_found();
  return std::move(**found);
}

Result<data::Page<models::Feedback>> FeedbackService::list(const data::FeedbackFilter& filter,
                                                           const data::PageRequest& page) const {
  return feedback_.list(filter, page);
}

Result<models::Feedback> FeedbackService::change_status(const Actor& admin, std::string_view id,
                                                        const models::FeedbackStatusChange& change,
                                                        const VersionPrecondition& expected) const {
  if (auto valid = models::validate(change); !valid) return std::move(valid).error();
  auto current = find(id);
  if (!current) return current;
  if (!expected.allows(current->version)) {
    return Error::make(
        ErrorCode::PRECONDITION_FAILED,
        fmt::format("The feedback is at version {}; If-Match names another.", current->version));
  }
  models::Feedback changed = *current;
  changed.status = change.status;
  if (change.admin_note) {
    changed.admin_note = change.admin_note->empty() ? std::nullopt : change.admin_note;
  }
  if (changed.status == current->status && changed.admin_note == current->admin_note) return current;
  auto stored = feedback_.update(changed);
  if (!stored) return stored;
  activity_.record(admin, "feedback.status_changed", stored->id, status_change_summary(*current, *stored));
  return stored;
}

}  // namespace hub::services
