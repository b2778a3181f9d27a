#pragma once

#include <atomic>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "data/activity_repository.hpp"
#include "services/actor.hpp"

namespace hub::services {

// Records what users change (docs/api.md, "Activity"). Recording follows a change that has
// already been stored, so a failure to record does not undo or fail the change: it is logged at
// error level with the whole entry (the log keeps what the table could not) and counted in
// failures().
class ActivityRecorder {
 public:
  explicit ActivityRecorder(const data::ActivityRepository& activity) : activity_(activity) {}

  // action: a dotted verb such as "profile.updated"; target: what was acted on, when it is not
  // the actor; summary: a short human-readable line (never secrets or whole bodies).
  void record(const Actor& actor, std::string_view action, std::optional<std::string> target = std::nullopt,
              std::optional<std::string> summary = std::nullopt) const;

  [[nodiscard]] std::uint64_t failures() const noexcept;

 private:
  const data::ActivityRepository& activity_;
  mutable std::atomic<std::uint64_t> failures_{0};
};

}  // namespace hub::services
