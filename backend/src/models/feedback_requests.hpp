#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "models/feedback.hpp"
#include "models/model.hpp"

namespace hub::models {

// POST /feedback. Who sent it, its id, status and version are the server's to set: a body that
// names them is refused like any other unknown field.
struct FeedbackSubmission {
  std::string category{};
  std::string message{};
  std::optional<std::int64_t> rating{};
  std::optional<std::string> page{};
};
BOOST_DESCRIBE_STRUCT(FeedbackSubmission, (), (category, message, rating, page))
HUB_MODEL(
    FeedbackSubmission, "Feedback to send about the platform.",
    field("category").describe("What the feedback is about").one_of(feedback_categories()),
    field("message").describe("The feedback itself, 1 to 5,000 characters").min_length(1).max_length(5000),
    field("rating")
        .describe("How the sender rates the platform, 1 (poor) to 5 (excellent)")
        .minimum(1)
        .maximum(5),
    field("page")
        .describe("Where in the app the feedback was given: a path such as /resources/new")
        .format(Format::app_path)
        .max_length(2048));

// PATCH /feedback/{id}: an administrator moves feedback to a status. Without admin_note the
// note stays as it was; an empty admin_note removes it.
struct FeedbackStatusChange {
  std::string status{};
  std::optional<std::string> admin_note{};
};
BOOST_DESCRIBE_STRUCT(FeedbackStatusChange, (), (status, admin_note))
HUB_MODEL(
    FeedbackStatusChange, "A change of a feedback's status, with an optional note for administrators.",
    field("status").describe("Any status may follow any other").one_of(feedback_statuses()),
    field("admin_note").describe("Seen by administrators only; empty removes the note").max_length(2000));

// GET /feedback: one page, newest first.
struct FeedbackPage {
  std::vector<Feedback> items{};
  std::optional<std::string> next_cursor{};
};
BOOST_DESCRIBE_STRUCT(FeedbackPage, (), (items, next_cursor))
HUB_MODEL(FeedbackPage, "One page of feedback, newest first.",
          field("next_cursor").describe("Pass as `cursor` for the next page; absent on the last page"));

}  // namespace hub::models
