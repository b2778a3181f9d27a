#include "core/auth/cached_role_source.hpp"

#include <algorithm>

namespace hub::core::auth {

CachedRoleSource::CachedRoleSource(std::shared_ptr<const RoleSource> inner, std::chrono::milliseconds ttl,
                                   const Clock& clock, std::size_t max_users)
    : inner_(std::move(inner)), ttl_(ttl), clock_(clock), max_users_(std::max<std::size_t>(max_users, 1)) {}

bool CachedRoleSource::fresh(const Entry& entry, SystemTime now) const noexcept {
  // A clock that went backwards makes an entry stale rather than fresh for longer.
  return now >= entry.read_at && now - entry.read_at < ttl_;
}

Result<std::vector<std::string>> CachedRoleSource::roles_of(std::string_view user_id) const {
  if (ttl_ <= std::chrono::milliseconds::zero()) return inner_->roles_of(user_id);
  {
    const std::lock_guard lock(mutex_);
    const auto found = entries_.find(user_id);
    if (found != entries_.end() && fresh(found->second, clock_.now())) return found->second.roles;
  }
  // Read without the lock: one slow lookup must not hold up every other user's.
  const auto read_at = clock_.now();
  auto roles = inner_->roles_of(user_id);
  if (roles) store(user_id, *roles, read_at);
  return roles;
}

void CachedRoleSource::store(std::string_view user_id, const std::vector<std::string>& roles,
                             SystemTime read_at) const {
  const std::lock_guard lock(mutex_);
  auto found = entries_.find(user_id);
  if (found != entries_.end()) {
    // Two concurrent reads of one user: keep the later one.
    if (found->second.read_at > read_at) return;
    order_.splice(order_.end(), order_, found->second.position);
    found->second.roles = roles;
    found->second.read_at = read_at;
    return;
  }
  while (entries_.size() >= max_users_) {
    entries_.erase(order_.front());
    order_.pop_front();
  }
  order_.emplace_back(user_id);
  entries_.emplace(std::string(user_id), Entry{roles, read_at, std::prev(order_.end())});
}

void CachedRoleSource::forget(std::string_view user_id) const {
  const std::lock_guard lock(mutex_);
  const auto found = entries_.find(user_id);
  if (found == entries_.end()) return;
  order_.erase(found->second.position);
  entries_.erase(found);
}

std::size_t CachedRoleSource::size() const {
  const std::lock_guard lock(mutex_);
  return entries_.size();
}

}  // namespace hub::core::auth
