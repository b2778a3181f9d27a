#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "data/batch_outcome.hpp"
#include "data/page.hpp"
#include "models/user.hpp"

namespace hub::data {

// User profiles, with the email-uniqueness guard kept in step with them. Ids are Cognito `sub`s.
class UserProfileRepository {
 public:
  virtual ~UserProfileRepository() = default;

  [[nodiscard]] virtual Result<std::optional<models::UserProfile>> find(std::string_view user_id) const = 0;
  // The profile holding this email address (any case), if any.
  [[nodiscard]] virtual Result<std::optional<models::UserProfile>> find_by_email(
      std::string_view email) const = 0;

  // Stores a new profile as version 1 and claims its email, in one transaction. ALREADY_EXISTS
  // when the user has a profile, EMAIL_TAKEN when another user holds the address.
  [[nodiscard]] virtual Result<models::UserProfile> create(models::UserProfile profile) const = 0;
  // Replaces `stored` (the profile as the caller read it) with `next`, returning `next` with the
  // next version and the stored created_at; an email change moves the guard in the same
  // transaction. The write holds only while the table still has `stored.version`, so a stale
  // `stored` is VERSION_CONFLICT (with the current version) and nothing is read first.
  // USER_NOT_FOUND (also for a `stored` never stored, version 0), EMAIL_TAKEN.
  [[nodiscard]] virtual Result<models::UserProfile> update(const models::UserProfile& stored,
                                                           models::UserProfile next) const = 0;
  // Deletes the profile (at `expected_version`) and releases its email.
  [[nodiscard]] virtual Status remove(std::string_view user_id, std::int64_t expected_version) const = 0;

  // Every profile, oldest first.
  [[nodiscard]] virtual Result<Page<models::UserProfile>> list(const PageRequest& page) const = 0;

  // Any number of ids; per-id outcomes. Batch puts write profiles as given (seeding, imports),
  // without version checks or email guards; batch deletes release nothing either.
  [[nodiscard]] virtual Result<std::vector<BatchRead<models::UserProfile>>> batch_get(
      std::span<const std::string> user_ids) const = 0;
  [[nodiscard]] virtual Result<std::vector<BatchWrite>> batch_put(
      std::span<const models::UserProfile> profiles) const = 0;
  [[nodiscard]] virtual Result<std::vector<BatchWrite>> batch_delete(
      std::span<const std::string> user_ids) const = 0;
};

}  // namespace hub::data
