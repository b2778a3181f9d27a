#include "services/activity_recorder.hpp"

#include "core/log.hpp"

namespace hub::services {

void ActivityRecorder::record(const Actor& actor, std::string_view action, std::optional<std::string> target,
                              std::optional<std::string> summary) const {
  models::ActivityEntry entry;
  entry.user_id = actor.user_id;
  entry.action = std::string(action);
  entry.target = std::move(target);
  if (!actor.request_id.empty()) entry.request_id = actor.request_id;
  entry.summary = std::move(summary);
  auto recorded = activity_.record(entry);
  if (!recorded) {
    failures_.fetch_add(1, std::memory_order_relaxed);
    core::logger().error("activity not recorded", {{"action", entry.action},
                                                   {"target", entry.target.value_or("")},
                                                   {"summary", entry.summary.value_or("")},
                                                   {"error_code", std::string(name(recorded.error().code))},
                                                   {"error", recorded.error().detail}});
  }
}

std::uint64_t ActivityRecorder::failures() const noexcept {
  return failures_.load(std::memory_order_relaxed);
}

}  // namespace hub::services
