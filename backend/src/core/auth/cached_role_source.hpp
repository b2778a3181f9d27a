#pragma once

#include <chrono>
#include <cstddef>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/auth/role_source.hpp"
#include "core/clock.hpp"

namespace hub::core::auth {

// A RoleSource that reuses each user's roles for `ttl` (HUB_ROLE_CACHE_MS), so a busy caller
// costs one table read per ttl, and a revoked role stops working within ttl. A ttl of zero
// reads the table every time. At most `max_users` users are held; past that the oldest entry
// goes. Failures are never cached: the next call asks again. Safe to share between threads;
// the inner source is called without holding the lock.
class CachedRoleSource final : public RoleSource {
 public:
  static constexpr std::size_t kDefaultMaxUsers = 10'000;

  CachedRoleSource(std::shared_ptr<const RoleSource> inner, std::chrono::milliseconds ttl,
                   const Clock& clock = SystemClock::instance(), std::size_t max_users = kDefaultMaxUsers);

  [[nodiscard]] Result<std::vector<std::string>> roles_of(std::string_view user_id) const override;

  // Drops a user's entry, e.g. right after this process changed their roles.
  void forget(std::string_view user_id) const;

  // How many users are held now.
  [[nodiscard]] std::size_t size() const;

 private:
  struct Entry {
    std::vector<std::string> roles;
    SystemTime read_at;
    std::list<std::string>::iterator position;  // in order_
  };

  // Hashing string_view lookups without building a std::string.
  struct Hash {
    using is_transparent = void;
    [[nodiscard]] std::size_t operator()(std::string_view text) const noexcept {
      return std::hash<std::string_view>{}(text);
    }
  };

  [[nodiscard]] bool fresh(const Entry& entry, SystemTime now) const noexcept;
  void store(std::string_view user_id, const std::vector<std::string>& roles, SystemTime read_at) const;

  std::shared_ptr<const RoleSource> inner_;
  std::chrono::milliseconds ttl_;
  const Clock& clock_;
  std::size_t max_users_;

  mutable std::mutex mutex_;
  mutable std::unordered_map<std::string, Entry, Hash, std::equal_to<>> entries_;
  mutable std::list<std::string> order_;  // user ids, least recently read from the inner source first
};

}  // namespace hub::core::auth
