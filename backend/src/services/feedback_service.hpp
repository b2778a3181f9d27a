#pragma once

#include <cstdint>
#include <functional>
#include <string_view>

#include "core/result.hpp"
#include "data/feedback_repository.hpp"
#include "data/page.hpp"
#include "models/feedback.hpp"
#include "models/feedback_requests.hpp"
#include "services/activity_recorder.hpp"
#include "services/actor.hpp"
#include "services/version_precondition.hpp"

namespace hub::services {

// Feedback members send and administrators triage (docs/api.md, "Feedback").
//
// Status rules: any status may follow any other, so a triage mistake can be undone (a resolved
// item can go back to new); every change is recorded in the administrator's activity. A change
// that alters nothing (same status, note as it was) is not written: it answers the stored
// feedback with its version unchanged and records nothing.
class FeedbackService {
 public:
  FeedbackService(const data::FeedbackRepository& feedback, const ActivityRecorder& activity)
      : feedback_(feedback), activity_(activity) {}

  // Stores the submission as new feedback of `author` (status "new", version 1) and records
  // `feedback.submitted` in the author's activity. VALIDATION_FAILED when the submission breaks
  // its model's rules.
  [[nodiscard]] Result<models::Feedback> submit(const Actor& author,
                                                const models::FeedbackSubmission& submission) const;

  // FEEDBACK_NOT_FOUND when no feedback has this id (a text that is not a ULID never does).
  [[nodiscard]] Result<models::Feedback> find(std::string_view id) const;

  // Newest first; INVALID_PARAMETER for a filter value the model does not know or a limit
  // outside 1-100, INVALID_CURSOR for a cursor of another listing.
  [[nodiscard]] Result<data::Page<models::Feedback>> list(const data::FeedbackFilter& filter,
                                                          const data::PageRequest& page) const;

  // Moves the feedback to `change.status` and sets or removes its note (see FeedbackStatusChange),
  // recording `feedback.status_changed` in `admin`'s activity with the feedback id as target.
  // FEEDBACK_NOT_FOUND; PRECONDITION_FAILED when `expected` does not allow the stored version;
  // VERSION_CONFLICT when another change was stored between reading and writing (the lost race).
  [[nodiscard]] Result<models::Feedback> change_status(const Actor& admin, std::string_view id,
                                                       const models::FeedbackStatusChange& change,
                                                       const VersionPrecondition& expected = {}) const;

 private:
  const data::FeedbackRepository& feedback_;
  const ActivityRecorder& activity_;
};

}  // namespace hub::services
