#include "services/feedback_service.hpp"

#include <string>

#include <gtest/gtest.h>

#include "support/capture_log.hpp"
#include "support/fake_feedback.hpp"

namespace hub::services {
namespace {

Actor member() { return {.user_id = "member-1", .request_id = "rid-1"}; }
Actor admin() { return {.user_id = "admin-1", .request_id = "rid-2"}; }

models::FeedbackSubmission bug_report() {
  return {.category = "bug", .message = "The map stays blank on 3G.", .rating = 3, .page = "/resources/maps"};
}

class FeedbackServiceTest : public ::testing::Test {
 protected:
  [[nodiscard]] models::Feedback submitted() const {
    auto stored = service_.submit(member(), bug_report());
    EXPECT_TRUE(stored.ok());
    activity_.entries.clear();
    return stored.value();
  }

  testing::FakeFeedbackRepository feedback_;
  testing::FakeActivityRepository activity_;
  ActivityRecorder recorder_{activity_};
  FeedbackService service_{feedback_, recorder_};
};

TEST_F(FeedbackServiceTest, ASubmissionIsStoredAsNewFeedbackOfItsAuthorAndRecorded) {
  auto stored = service_.submit(member(), bug_report());

  ASSERT_TRUE(stored.ok()) << stored.error().detail;
  EXPECT_TRUE(core::is_ulid(stored->id));
  EXPECT_EQ(stored->user_id, "member-1");
  EXPECT_EQ(stored->category, "bug");
  EXPECT_EQ(stored->message, "The map stays blank on 3G.");
  EXPECT_EQ(stored->rating, 3);
  EXPECT_EQ(stored->page, "/resources/maps");
  EXPECT_EQ(stored->status, "new");
  EXPECT_FALSE(stored->admin_note.has_value());
  EXPECT_EQ(stored->version, 1);
  EXPECT_EQ(feedback_.at(stored->id), *stored);

  ASSERT_EQ(activity_.entries.size(), 1U);
  const auto& entry = activity_.entries.front();
  EXPECT_EQ(entry.user_id, "member-1");
  EXPECT_EQ(entry.action, "feedback.submitted");
  EXPECT_EQ(entry.target, stored->id);
  EXPECT_EQ(entry.request_id, "rid-1");
  EXPECT_EQ(entry.summary, "Reported a bug");
}

TEST_F(FeedbackServiceTest, TheSummaryNamesTheKindOfFeedbackNeverTheMessage) {
  for (const auto* category : {"idea", "question", "praise", "other"}) {
    auto submission = bug_report();
    submission.category = category;
    ASSERT_TRUE(service_.submit(member(), submission).ok());
  }
  std::vector<std::string> summaries;
  summaries.reserve(activity_.entries.size());
  for (const auto& e : activity_.entries) summaries.push_back(e.summary.value_or(""));
  EXPECT_EQ(summaries, (std::vector<std::string>{"Suggested an idea", "Asked a question", "Sent praise",
                                                 "Sent feedback"}));
}

TEST_F(FeedbackServiceTest, AnInvalidSubmissionIsRefusedWithEveryBadFieldAndNothingIsStored) {
  auto submission = bug_report();
  submission.category = "rant";
  submission.message = "";
  submission.rating = 6;
  submission.page = "https://elsewhere.example/";

  auto refused = service_.submit(member(), submission);

  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::VALIDATION_FAILED);
  std::vector<std::string> pointers;
  for (const auto& f : refused.error().fields) pointers.push_back(f.pointer);
  EXPECT_EQ(pointers, (std::vector<std::string>{"/category", "/message", "/rating", "/page"}));
  EXPECT_EQ(feedback_.size(), 0U);
  EXPECT_TRUE(activity_.entries.empty());
}

TEST_F(FeedbackServiceTest, AStorageFailureIsPassedOnAndNothingIsRecorded) {
  feedback_.fail = true;
  auto refused = service_.submit(member(), bug_report());
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::DEPENDENCY_UNAVAILABLE);
  EXPECT_TRUE(activity_.entries.empty());
}

TEST_F(FeedbackServiceTest, AFailureToRecordDoesNotUndoTheSubmission) {
  testing::LogCapture quiet;
  activity_.fail = true;
  auto stored = service_.submit(member(), bug_report());
  ASSERT_TRUE(stored.ok());
  EXPECT_EQ(feedback_.size(), 1U);
  EXPECT_EQ(recorder_.failures(), 1U);
}

TEST_F(FeedbackServiceTest, FindsFeedbackByIdAndAnswersNotFoundOtherwise) {
  const auto original = submitted();
  auto found = service_.find(original.id);
  ASSERT_TRUE(found.ok());
  EXPECT_EQ(*found, original);

  auto missing = service_.find(core::new_ulid());
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, ErrorCode::FEEDBACK_NOT_FOUND);
}

TEST_F(FeedbackServiceTest, AnIdThatIsNotAUlidIsNotFoundWithoutAskingStorage) {
  for (const auto* id : {"", "nope", "0b5e8f3c-1d2a-4c6b-9e7f-5a4b3c2d1e0f", "../../etc"}) {
    auto missing = service_.find(id);
    ASSERT_FALSE(missing.ok()) << id;
    EXPECT_EQ(missing.error().code, ErrorCode::FEEDBACK_NOT_FOUND) << id;
  }
  EXPECT_EQ(feedback_.finds, 0);
}

TEST_F(FeedbackServiceTest, ListingPassesTheFilterAndPageOn) {
  const auto original = submitted();
  auto page = service_.list({.status = "new", .category = "bug"}, {.limit = 5, .cursor = {}});
  ASSERT_TRUE(page.ok());
  ASSERT_EQ(page->items.size(), 1U);
  EXPECT_EQ(page->items.front().id, original.id);
  ASSERT_TRUE(feedback_.last_filter.has_value());
  EXPECT_EQ(feedback_.last_filter->status, "new");
  EXPECT_EQ(feedback_.last_filter->category, "bug");
}

TEST_F(FeedbackServiceTest, AStatusChangeIsStoredWithANoteAndRecordedForTheAdmin) {
  const auto original = submitted();

  auto changed =
      service_.change_status(admin(), original.id, {.status = "in_review", .admin_note = "Reproduced."});

  ASSERT_TRUE(changed.ok()) << changed.error().detail;
  EXPECT_EQ(changed->status, "in_review");
  EXPECT_EQ(changed->admin_note, "Reproduced.");
  EXPECT_EQ(changed->version, 2);
  EXPECT_EQ(changed->message, original.message);
  EXPECT_EQ(changed->user_id, "member-1") << "the author stays the author";
  EXPECT_EQ(feedback_.at(original.id), *changed);
  ASSERT_EQ(activity_.entries.size(), 1U);
  const auto& entry = activity_.entries.front();
  EXPECT_EQ(entry.user_id, "admin-1");
  EXPECT_EQ(entry.action, "feedback.status_changed");
  EXPECT_EQ(entry.target, original.id);
  EXPECT_EQ(entry.request_id, "rid-2");
  EXPECT_EQ(entry.summary, "Moved feedback from new to in_review");
}

TEST_F(FeedbackServiceTest, AnyStatusMayFollowAnyOther) {
  const auto original = submitted();
  std::int64_t version = original.version;
  for (const auto* from : {"new", "in_review", "resolved", "dismissed"}) {
    for (const auto* to : {"new", "in_review", "resolved", "dismissed"}) {
      ASSERT_TRUE(service_.change_status(admin(), original.id, {.status = from, .admin_note = {}}).ok());
      auto changed = service_.change_status(admin(), original.id, {.status = to, .admin_note = {}});
      ASSERT_TRUE(changed.ok()) << from << " -> " << to;
      EXPECT_EQ(changed->status, to);
      version = changed->version;
    }
  }
  EXPECT_GT(version, original.version);
}

TEST_F(FeedbackServiceTest, WithoutANoteTheNoteStaysAndAnEmptyNoteRemovesIt) {
  const auto original = submitted();
  ASSERT_TRUE(
      service_.change_status(admin(), original.id, {.status = "in_review", .admin_note = "Planned."}).ok());

  auto kept =
      service_.change_status(admin(), original.id, {.status = "resolved", .admin_note = std::nullopt});
  ASSERT_TRUE(kept.ok());
  EXPECT_EQ(kept->admin_note, "Planned.");

  auto removed = service_.change_status(admin(), original.id, {.status = "resolved", .admin_note = ""});
  ASSERT_TRUE(removed.ok());
  EXPECT_FALSE(removed->admin_note.has_value());
  EXPECT_EQ(activity_.entries.back().summary, "Changed the note of feedback that stays resolved");
}

TEST_F(FeedbackServiceTest, AChangeThatAltersNothingIsNotWrittenNorRecorded) {
  const auto original = submitted();
  auto same = service_.change_status(admin(), original.id, {.status = "new", .admin_note = std::nullopt});
  ASSERT_TRUE(same.ok());
  EXPECT_EQ(*same, original);
  EXPECT_EQ(feedback_.updates, 0);
  EXPECT_TRUE(activity_.entries.empty());
}

TEST_F(FeedbackServiceTest, AnUnknownStatusIsRefusedBeforeStorageIsAsked) {
  const auto original = submitted();
  auto refused = service_.change_status(admin(), original.id, {.status = "closed", .admin_note = {}});
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::VALIDATION_FAILED);
  ASSERT_EQ(refused.error().fields.size(), 1U);
  EXPECT_EQ(refused.error().fields.front().pointer, "/status");
  EXPECT_EQ(feedback_.finds, 0);
}

TEST_F(FeedbackServiceTest, ChangingUnknownFeedbackIsNotFound) {
  auto refused = service_.change_status(admin(), core::new_ulid(), {.status = "resolved", .admin_note = {}});
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::FEEDBACK_NOT_FOUND);
}

TEST_F(FeedbackServiceTest, APreconditionSeesTheStoredVersionAndARefusalIsPreconditionFailed) {
  const auto original = submitted();
  auto refused = service_.change_status(admin(), original.id, {.status = "resolved", .admin_note = {}},
                                        {.present = true, .versions = {2}});
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::PRECONDITION_FAILED);
  EXPECT_EQ(feedback_.at(original.id), original);
  EXPECT_TRUE(activity_.entries.empty());

  auto admitted = service_.change_status(admin(), original.id, {.status = "resolved", .admin_note = {}},
                                         {.present = true, .versions = {1}});
  ASSERT_TRUE(admitted.ok());
  EXPECT_EQ(admitted->version, 2);
}

TEST_F(FeedbackServiceTest, AChangeStoredBetweenReadingAndWritingLosesTheRaceAsVersionConflict) {
  const auto original = submitted();
  // Another administrator's change lands after this one read version 1 and before it writes.
  feedback_.before_update = [this](const models::Feedback& attempt) {
    feedback_.before_update = nullptr;
    auto rival = feedback_.at(attempt.id);
    rival.status = "dismissed";
    rival.version = 2;
    feedback_.put(rival);
  };

  auto lost = service_.change_status(admin(), original.id, {.status = "resolved", .admin_note = {}},
                                     {.present = true, .versions = {1}});

  ASSERT_FALSE(lost.ok());
  EXPECT_EQ(lost.error().code, ErrorCode::VERSION_CONFLICT);
  EXPECT_EQ(lost.error().current_version, 2);
  EXPECT_EQ(feedback_.at(original.id).status, "dismissed") << "the winner's change stands";
  EXPECT_TRUE(activity_.entries.empty()) << "a lost change is not recorded";
}

}  // namespace
}  // namespace hub::services
