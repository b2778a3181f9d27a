#pragma once

// Test support: the feedback and activity repositories in memory, with the contracts of the
// DynamoDB ones (versions, FEEDBACK_NOT_FOUND, VERSION_CONFLICT, newest first, cursors).
//   before_update   runs inside update() before the version check: a test stores a concurrent
//                   change there to lose a race deterministically
//   fail            makes every call answer DEPENDENCY_UNAVAILABLE

#include <algorithm>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "core/ulid.hpp"
#include "data/activity_repository.hpp"
#include "data/cursor.hpp"
#include "data/feedback_repository.hpp"

namespace hub::testing {

class FakeFeedbackRepository final : public data::FeedbackRepository {
 public:
  [[nodiscard]] Result<models::Feedback> create(models::Feedback feedback) const override {
    const std::scoped_lock lock(mutex_);
    if (fail) return unavailable();
    if (feedback.id.empty()) feedback.id = core::new_ulid();
    if (feedback.created_at.empty())
      feedback.created_at = fmt::format("2026-11-24T05:26:{:02}.000Z", ++clock_ % 60);
    feedback.updated_at = feedback.created_at;
    feedback.version = 1;
    stored_[feedback.id] = feedback;
    return feedback;
  }

  [[nodiscard]] Result<std::optional<models::Feedback>> find(std::string_view id) const override {
    const std::scoped_lock lock(mutex_);
    ++finds;
    if (fail) return unavailable();
    const auto found = stored_.find(std::string(id));
    if (found == stored_.end()) return std::optional<models::Feedback>{};
    return std::optional<models::Feedback>{found->second};
  }

  [[nodiscard]] Result<models::Feedback> update(models::Feedback feedback) const override {
    if (before_update) before_update(feedback);
    const std::scoped_lock lock(mutex_);
    ++updates;
    if (fail) return unavailable();
    const auto found = stored_.find(feedback.id);
    if (found == stored_.end()) return Error::make(ErrorCode::FEEDBACK_NOT_FOUND, "");
    if (found->second.version != feedback.version) return Error::version_conflict(found->second.version);
    feedback.version += 1;
    feedback.updated_at = "2026-11-25T00:00:00.000Z";
    found->second = feedback;
    return feedback;
  }

  [[nodiscard]] Result<data::Page<models::Feedback>> list(const data::FeedbackFilter& filter,
                                                          const data::PageRequest& page) const override {
    const std::scoped_lock lock(mutex_);
    if (fail) return unavailable();
    if (auto ok = data::check_page_request(page); !ok) return std::move(ok).error();
    last_filter = filter;
    if (!page.cursor.empty() &&
        (!page.cursor.starts_with("cursor:") || !core::is_ulid(page.cursor.substr(7)))) {
      return data::invalid_cursor_error();
    }
    std::vector<models::Feedback> matching;
    for (auto it = stored_.rbegin(); it != stored_.rend(); ++it) {  // ids are ULIDs: newest last
      const auto& f = it->second;
      if (filter.status && f.status != *filter.status) continue;
      if (filter.category && f.category != *filter.category) continue;
      if (!page.cursor.empty() && f.id >= page.cursor.substr(7)) continue;
      matching.push_back(f);
    }
    data::Page<models::Feedback> out;
    const auto limit = static_cast<std::size_t>(page.limit);
    if (matching.size() > limit) {
      matching.resize(limit);
      out.next_cursor = "cursor:" + matching.back().id;
    }
    out.items = std::move(matching);
    return out;
  }

  // Stores feedback as it is (tests set up ids, statuses and versions directly).
  void put(const models::Feedback& feedback) const {
    const std::scoped_lock lock(mutex_);
    stored_[feedback.id] = feedback;
  }
  [[nodiscard]] models::Feedback at(const std::string& id) const {
    const std::scoped_lock lock(mutex_);
    return stored_.at(id);
  }
  [[nodiscard]] std::size_t size() const {
    const std::scoped_lock lock(mutex_);
    return stored_.size();
  }

  std::function<void(const models::Feedback&)> before_update;
  bool fail = false;
  mutable int finds = 0;
  mutable int updates = 0;
  mutable std::optional<data::FeedbackFilter> last_filter;

 private:
  static Error unavailable() {
    return Error::make(ErrorCode::DEPENDENCY_UNAVAILABLE, "The table is not answering; retry later.");
  }

  mutable std::mutex mutex_;
  mutable std::map<std::string, models::Feedback> stored_;
  mutable int clock_ = 0;
};

class FakeActivityRepository final : public data::ActivityRepository {
 public:
  [[nodiscard]] Result<models::ActivityEntry> record(models::ActivityEntry entry) const override {
    if (fail)
      return Error::make(ErrorCode::DEPENDENCY_UNAVAILABLE, "The table is not answering; retry later.");
    if (entry.id.empty()) entry.id = core::new_ulid();
    entries.push_back(entry);
    return entry;
  }
  [[nodiscard]] Result<data::Page<models::ActivityEntry>> list(
      std::string_view user_id, const data::PageRequest& /*page*/) const override {
    data::Page<models::ActivityEntry> out;
    for (const auto& e : entries) {
      if (e.user_id == user_id) out.items.push_back(e);
    }
    return out;
  }

  mutable std::vector<models::ActivityEntry> entries;
  bool fail = false;
};

}  // namespace hub::testing
