#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "models/model.hpp"

namespace hub::models {

// One thing a user did, kept for HUB_ACTIVITY_RETENTION_DAYS.
struct ActivityEntry {
  std::string id{};  // ULID: entries sort by time
  std::string user_id{};
  std::string action{};                 // e.g. profile.updated
  std::optional<std::string> target{};  // what was acted on, e.g. a user or feedback id
  std::optional<std::string> request_id{};
  std::optional<std::string> summary{};
  std::string occurred_at{};
};
BOOST_DESCRIBE_STRUCT(ActivityEntry, (), (id, user_id, action, target, request_id, summary, occurred_at))
HUB_MODEL(ActivityEntry, "Something a user did.", field("id").format(Format::ulid),
          field("user_id").min_length(1).max_length(128),
          field("action").describe("What was done, e.g. profile.updated").min_length(1).max_length(64),
          field("target").max_length(256), field("request_id").max_length(128),
          field("summary").max_length(500), field("occurred_at").format(Format::date_time));

}  // namespace hub::models
