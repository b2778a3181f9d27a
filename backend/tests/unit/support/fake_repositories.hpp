#pragma once

#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "data/activity_repository.hpp"
#include "data/role_repository.hpp"
#include "data/user_preferences_repository.hpp"
#include "data/user_profile_repository.hpp"

// In-memory repositories for services' unit tests (the DynamoDB ones are tested against the
// emulators). `unreachable` makes every call fail as storage does when it is down.
namespace hub::testing {

inline Error unreachable_error() {
  return Error::make(ErrorCode::DEPENDENCY_UNAVAILABLE, "table unreachable");
}

class FakeRoleRepository final : public data::RoleRepository {
 public:
  Result<std::vector<models::RoleAssignment>> roles_of(std::string_view user_id) const override {
    if (fail_reads) return unreachable_error();
    std::vector<models::RoleAssignment> out;
    if (const auto found = held.find(std::string(user_id)); found != held.end()) {
      for (const auto& role : found->second) out.push_back({std::string(user_id), role, "system", "t"});
    }
    return out;
  }
  Result<std::vector<models::RoleAssignment>> replace(std::string_view user_id,
                                                      const std::vector<std::string>& roles,
                                                      std::string_view granted_by) const override {
    if (fail_writes) return unreachable_error();
    for (const auto& role : roles) {
      if (std::ranges::find(models::role_names(), role) == models::role_names().end())
        return Error::validation({{"/roles/0", "must be one of: admin, editor, member"}});
    }
    held[std::string(user_id)] = {roles.begin(), roles.end()};
    last_granted_by = granted_by;
    return roles_of(user_id);
  }
  Result<std::map<std::string, std::vector<std::string>, std::less<>>> roles_of_users(
      std::span<const std::string> user_ids) const override {
    if (fail_reads) return unreachable_error();
    std::map<std::string, std::vector<std::string>, std::less<>> out;
    for (const auto& id : user_ids) {
      const auto found = held.find(id);
      out[id] = found == held.end() ? std::vector<std::string>{}
                                    : std::vector<std::string>(found->second.begin(), found->second.end());
    }
    return out;
  }
  // One page of every holder (enough for tests).
  Result<data::Page<models::RoleAssignment>> holders(std::string_view role,
                                                     const data::PageRequest& page) const override {
    if (fail_reads) return unreachable_error();
    data::Page<models::RoleAssignment> out;
    for (const auto& [user, roles] : held) {
      if (roles.contains(std::string(role)) && std::cmp_less(out.items.size(), page.limit)) {
        out.items.push_back({user, std::string(role), "system", "t"});
      }
    }
    return out;
  }

  mutable std::map<std::string, std::set<std::string>> held;
  mutable std::string last_granted_by;
  bool fail_reads = false;
  bool fail_writes = false;
};

class FakeProfileRepository final : public data::UserProfileRepository {
 public:
  Result<std::optional<models::UserProfile>> find(std::string_view user_id) const override {
    ++finds;
    if (unreachable) return unreachable_error();
    const auto found = profiles.find(std::string(user_id));
    if (found == profiles.end()) return std::optional<models::UserProfile>{};
    return std::optional<models::UserProfile>{found->second};
  }
  Result<std::optional<models::UserProfile>> find_by_email(std::string_view email) const override {
    for (const auto& [id, p] : profiles) {
      if (p.email == email) return std::optional<models::UserProfile>{p};
    }
    return std::optional<models::UserProfile>{};
  }
  Result<models::UserProfile> create(models::UserProfile profile) const override {
    if (unreachable) return unreachable_error();
    if (created_concurrently) {  // another request's create lands first
      auto theirs = profile;
      theirs.display_name = "created concurrently";
      theirs.version = 1;
      profiles[profile.id] = theirs;
      created_concurrently = false;
      return Error::make(ErrorCode::ALREADY_EXISTS, "");
    }
    if (profiles.contains(profile.id)) return Error::make(ErrorCode::ALREADY_EXISTS, "");
    for (const auto& [id, p] : profiles) {
      if (p.email == profile.email) return Error::make(ErrorCode::EMAIL_TAKEN, "");
    }
    profile.version = 1;
    profile.created_at = profile.updated_at = "2026-11-24T08:00:00.000Z";
    profiles[profile.id] = profile;
    return profile;
  }
  Result<models::UserProfile> update(const models::UserProfile& stored,
                                     models::UserProfile profile) const override {
    ++updates;
    if (unreachable) return unreachable_error();
    const auto found = profiles.find(stored.id);
    if (found == profiles.end() || stored.version < 1) return Error::make(ErrorCode::USER_NOT_FOUND, "");
    if (lose_next_race) {  // another writer stored a version between our read and our write
      lose_next_race = false;
      ++found->second.version;
    }
    if (found->second.version != stored.version) return Error::version_conflict(found->second.version);
    profile.created_at = stored.created_at;
    profile.version = stored.version + 1;
    profile.updated_at = "2026-11-24T09:00:00.000Z";
    found->second = profile;
    return profile;
  }
  Status remove(std::string_view user_id, std::int64_t /*expected_version*/) const override {
    profiles.erase(std::string(user_id));
    return {};
  }
  Result<data::Page<models::UserProfile>> list(const data::PageRequest& page) const override {
    if (unreachable) return unreachable_error();
    data::Page<models::UserProfile> out;
    for (const auto& [id, p] : profiles) {
      if (std::cmp_less(out.items.size(), page.limit)) out.items.push_back(p);
    }
    return out;
  }
  Result<std::vector<data::BatchRead<models::UserProfile>>> batch_get(
      std::span<const std::string> user_ids) const override {
    ++batch_gets;
    if (unreachable) return unreachable_error();
    std::vector<data::BatchRead<models::UserProfile>> out;
    for (const auto& id : user_ids) {
      const auto found = profiles.find(id);
      out.push_back(
          {id, found == profiles.end() ? std::nullopt : std::optional(found->second), std::nullopt});
    }
    return out;
  }
  Result<std::vector<data::BatchWrite>> batch_put(
      std::span<const models::UserProfile> /*profiles*/) const override {
    return std::vector<data::BatchWrite>{};
  }
  Result<std::vector<data::BatchWrite>> batch_delete(
      std::span<const std::string> /*user_ids*/) const override {
    return std::vector<data::BatchWrite>{};
  }

  mutable std::map<std::string, models::UserProfile> profiles;
  mutable int finds = 0;
  mutable int updates = 0;
  mutable int batch_gets = 0;
  mutable bool created_concurrently = false;
  mutable bool lose_next_race = false;
  bool unreachable = false;
};

class FakePreferencesRepository final : public data::UserPreferencesRepository {
 public:
  Result<std::optional<models::UserPreferences>> find(std::string_view user_id) const override {
    const auto found = stored.find(std::string(user_id));
    if (found == stored.end()) return std::optional<models::UserPreferences>{};
    return std::optional<models::UserPreferences>{found->second};
  }
  Result<models::UserPreferences> save(models::UserPreferences preferences) const override {
    const auto found = stored.find(preferences.user_id);
    const std::int64_t current = found == stored.end() ? 0 : found->second.version;
    if (current != preferences.version) return Error::version_conflict(current);
    preferences.version += 1;
    preferences.updated_at = "2026-11-24T09:00:00.000Z";
    stored[preferences.user_id] = preferences;
    return preferences;
  }
  mutable std::map<std::string, models::UserPreferences> stored;
};

class FakeActivityRepository final : public data::ActivityRepository {
 public:
  Result<models::ActivityEntry> record(models::ActivityEntry entry) const override {
    if (unreachable) return unreachable_error();
    entry.id = std::to_string(entries.size());
    entries.push_back(entry);
    return entry;
  }
  Result<data::Page<models::ActivityEntry>> list(std::string_view user_id,
                                                 const data::PageRequest& /*page*/) const override {
    data::Page<models::ActivityEntry> out;
    for (auto it = entries.rbegin(); it != entries.rend(); ++it) {
      if (it->user_id == user_id) out.items.push_back(*it);
    }
    return out;
  }
  mutable std::vector<models::ActivityEntry> entries;
  bool unreachable = false;
};

}  // namespace hub::testing
