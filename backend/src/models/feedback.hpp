#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "models/model.hpp"

namespace hub::models {

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
};
BOOST_DESCRIBE_STRUCT(Feedback, (),
                      (id, user_id, category, message, rating, page, status, admin_note, created_at,
                       updated_at, version))
HUB_MODEL(Feedback, "Feedback a member sent about the platform.", field("id").format(Format::ulid),
          field("user_id").min_length(1).max_length(128),
          field("category").one_of({"bug", "idea", "question", "praise", "other"}),
          field("message").min_length(1).max_length(5000), field("rating").minimum(1).maximum(5),
          field("page").describe("Where in the app the feedback was given").max_length(2048),
          field("status").one_of({"new", "in_review", "resolved", "dismissed"}),
          field("admin_note").max_length(2000), field("created_at").format(Format::date_time),
          field("updated_at").format(Format::date_time), field("version").minimum(0));

}  // namespace hub::models
