#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "models/model.hpp"

namespace hub::models {

// What feedback is about, and where administrators have taken it: declared once for the stored
// model, the requests and the listing's filters.
[[nodiscard]] inline std::vector<std::string_view> feedback_categories() {
  return {"bug", "idea", "question", "praise", "other"};
}
[[nodiscard]] inline std::vector<std::string_view> feedback_statuses() {
  return {"new", "in_review", "resolved", "dismissed"};
}

struct Feedback {
  std::string id{};  // ULID: newest first in listings
  std::string user_id{};
  std::string category{};
  std::string message{};
  std::optional<std::int64_t> rating{};  // 1-5
  std::optional<std::string> page{};     // where in the app it was given
  std::string status = "new";
  std::optional<std::string> admin_note{};
  std::string created_at{};
  std::string updated_at{};
  std::int64_t version = 0;
  bool operator==(const Feedback&) const = default;
};
BOOST_DESCRIBE_STRUCT(Feedback, (),
                      (id, user_id, category, message, rating, page, status, admin_note, created_at,
                       updated_at, version))
HUB_MODEL(Feedback, "Feedback a member sent about the platform.", field("id").format(Format::ulid),
          field("user_id").min_length(1).max_length(128), field("category").one_of(feedback_categories()),
          field("message").min_length(1).max_length(5000), field("rating").minimum(1).maximum(5),
          field("page")
              .describe("Where in the app the feedback was given: a path such as /resources/new")
              .format(Format::app_path)
              .max_length(2048),
          field("status").one_of(feedback_statuses()), field("admin_note").max_length(2000),
          field("created_at").format(Format::date_time), field("updated_at").format(Format::date_time),
          field("version").minimum(0));

}  // namespace hub::models
