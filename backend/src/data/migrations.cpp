#include "data/migrations.hpp"

#include <algorithm>
#include <set>

#include <fmt/format.h>

namespace hub::data {

Status MigrationContext::save_checkpoint(const std::optional<aws::Item>& next_start, std::int64_t written) {
  if (save_) {
    if (auto saved = save_(next_start, written); !saved) return saved;
  }
  checkpoint_ = next_start;
  items_processed_ += written;
  return {};
}

Status MigrationContext::keep_alive() const { return keep_alive_ ? keep_alive_() : Status{}; }

Status check_registry(const std::vector<Migration>& steps) {
  std::set<std::string, std::less<>> names;
  for (std::size_t i = 0; i < steps.size(); ++i) {
    const auto& step = steps[i];
    const auto expected = static_cast<int>(i) + 1;
    if (step.version != expected) {
      return Error::make(ErrorCode::INTERNAL,
                         fmt::format("Migration {} ('{}') should be version {}: versions "
                                     "run 1, 2, 3, ... in order.",
                                     step.version, step.name, expected));
    }
    if (step.name.empty() || !names.insert(step.name).second) {
      return Error::make(ErrorCode::INTERNAL, fmt::format("Migration {} needs a name of its own (got '{}').",
                                                          step.version, step.name));
    }
    if (!step.apply) {
      return Error::make(ErrorCode::INTERNAL, fmt::format("Migration {} cannot be applied.", step.version));
    }
  }
  return {};
}

Result<MigrationPlan> plan_migrations(const std::vector<Migration>& steps, int current,
                                      std::optional<int> to) {
  const auto latest = static_cast<int>(steps.size());
  if (current > latest) {
    return Error{
        ErrorCode::VERSION_CONFLICT,
        fmt::format("The table is at version {}, newer than this build knows (latest {}); use a newer "
                    "build.",
                    current, latest),
        {},
        current};
  }
  const int target = to.value_or(latest);
  if (to && (*to < 1 || *to > latest)) {
    return Error::make(ErrorCode::INVALID_PARAMETER,
                       fmt::format("There is no migration {}: versions run from 1 to {}.", target, latest));
  }
  if (target < current) {
    return Error::make(
        ErrorCode::INVALID_PARAMETER,
        fmt::format("The table is at version {} already; migrations only go forward, so it cannot "
                    "go back to {}.",
                    current, target));
  }
  MigrationPlan plan{.current = current, .target = target};
  for (int version = current + 1; version <= target; ++version) {
    plan.pending.push_back(&steps[static_cast<std::size_t>(version - 1)]);
  }
  return plan;
}

}  // namespace hub::data
