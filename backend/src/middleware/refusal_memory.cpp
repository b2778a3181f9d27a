#include "middleware/refusal_memory.hpp"

namespace hub::middleware {

void RefusalMemory::remember(std::string_view key, std::chrono::seconds reset) {
  const auto now = clock_.now();
  const std::scoped_lock lock(mutex_);
  if (until_.size() >= capacity_ && !until_.contains(key)) {
    std::erase_if(until_, [&](const auto& entry) { return entry.second <= now; });
    if (until_.size() >= capacity_) until_.clear();
  }
  until_.insert_or_assign(std::string(key), now + reset);
}

std::optional<std::chrono::seconds> RefusalMemory::refused_for(std::string_view key) const {
  const auto now = clock_.now();
  const std::scoped_lock lock(mutex_);
  const auto it = until_.find(key);
  if (it == until_.end() || it->second <= now) return std::nullopt;
  return std::chrono::ceil<std::chrono::seconds>(it->second - now);
}

}  // namespace hub::middleware
