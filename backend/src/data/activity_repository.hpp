#pragma once

#include <string_view>

#include "core/result.hpp"
#include "data/page.hpp"
#include "models/activity.hpp"

namespace hub::data {

class ActivityRepository {
 public:
  virtual ~ActivityRepository() = default;

  // Records an entry (an empty id gets a new ULID, an empty occurred_at the current time); it
  // expires after the configured retention.
  [[nodiscard]] virtual Result<models::ActivityEntry> record(models::ActivityEntry entry) const = 0;
  // A user's entries, newest first.
  [[nodiscard]] virtual Result<Page<models::ActivityEntry>> list(std::string_view user_id,
                                                                 const PageRequest& page) const = 0;
};

}  // namespace hub::data
