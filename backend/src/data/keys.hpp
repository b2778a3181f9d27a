#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include <fmt/format.h>

#include "core/text.hpp"

// The single table's key patterns, in one place (docs/data-model.md explains each). Every
// repository builds its keys here and nowhere else.
namespace hub::data::keys {

// Attribute names of the table and its indexes (data/table.json).
inline constexpr std::string_view kPk = "PK";
inline constexpr std::string_view kSk = "SK";
inline constexpr std::string_view kGsi1 = "GSI1";
inline constexpr std::string_view kGsi1Pk = "GSI1PK";
inline constexpr std::string_view kGsi1Sk = "GSI1SK";
inline constexpr std::string_view kGsi2 = "GSI2";
inline constexpr std::string_view kGsi2Pk = "GSI2PK";
inline constexpr std::string_view kGsi2Sk = "GSI2SK";
inline constexpr std::string_view kTtl = "expires_at";   // epoch seconds; DynamoDB TTL deletes after
inline constexpr std::string_view kEntity = "entity";    // which entity an item holds
inline constexpr std::string_view kVersion = "version";  // optimistic-locking counter, from 1

// `entity` values.
inline constexpr std::string_view kUserProfileEntity = "USER_PROFILE";
inline constexpr std::string_view kUserPreferencesEntity = "USER_PREFERENCES";
inline constexpr std::string_view kRoleAssignmentEntity = "ROLE_ASSIGNMENT";
inline constexpr std::string_view kActivityEntity = "ACTIVITY";
inline constexpr std::string_view kFeedbackEntity = "FEEDBACK";
inline constexpr std::string_view kEmailGuardEntity = "EMAIL_GUARD";
inline constexpr std::string_view kMigrationEntity = "MIGRATION";
inline constexpr std::string_view kRateCounterEntity = "RATE_COUNTER";

// ---- users: one item collection per user (profile, preferences, roles, activity) ---------------

[[nodiscard]] inline std::string user_pk(std::string_view user_id) { return fmt::format("USER#{}", user_id); }
inline constexpr std::string_view kProfileSk = "PROFILE";
inline constexpr std::string_view kPreferencesSk = "PREFERENCES";
inline constexpr std::string_view kRolePrefix = "ROLE#";
[[nodiscard]] inline std::string role_sk(std::string_view role) { return fmt::format("ROLE#{}", role); }
inline constexpr std::string_view kActivityPrefix = "ACTIVITY#";
[[nodiscard]] inline std::string activity_sk(std::string_view activity_id) {
  return fmt::format("ACTIVITY#{}", activity_id);
}

// GSI1 "directory": every profile, oldest first (GSI1PK = USERS, GSI1SK = created_at#id).
inline constexpr std::string_view kUsersDirectoryPk = "USERS";
[[nodiscard]] inline std::string directory_sk(std::string_view created_at, std::string_view user_id) {
  return fmt::format("{}#{}", created_at, user_id);
}
// GSI1 "holders of a role": GSI1PK = ROLE#<role>, GSI1SK = USER#<id>.
[[nodiscard]] inline std::string role_holders_pk(std::string_view role) { return role_sk(role); }

// ---- email uniqueness guard: one item per address, written in the same transaction as the profile
[[nodiscard]] inline std::string email_pk(std::string_view email) {
  return fmt::format("EMAIL#{}", core::to_lower(email));
}
inline constexpr std::string_view kEmailSk = "EMAIL";

// ---- feedback -----------------------------------------------------------------------------------

[[nodiscard]] inline std::string feedback_pk(std::string_view feedback_id) {
  return fmt::format("FEEDBACK#{}", feedback_id);
}
inline constexpr std::string_view kFeedbackSk = "FEEDBACK";
// GSI1: all feedback, newest first (GSI1PK = FEEDBACK, GSI1SK = id).
inline constexpr std::string_view kFeedbackListPk = "FEEDBACK";
// GSI2: feedback by status (GSI2PK = FEEDBACK#STATUS#<status>, GSI2SK = id).
[[nodiscard]] inline std::string feedback_status_pk(std::string_view status) {
  return fmt::format("FEEDBACK#STATUS#{}", status);
}

// ---- migrations: state, lease and one record per step -------------------------------------------

inline constexpr std::string_view kMigrationPk = "MIGRATION";
inline constexpr std::string_view kMigrationStateSk = "STATE";
inline constexpr std::string_view kMigrationLeaseSk = "LEASE";
[[nodiscard]] inline std::string migration_step_sk(int version) { return fmt::format("STEP#{:04}", version); }

// ---- rate-limit counters: one item per subject and fixed window, expiring with the window ---------

[[nodiscard]] inline std::string rate_pk(std::string_view subject) { return fmt::format("RATE#{}", subject); }
[[nodiscard]] inline std::string rate_window_sk(std::int64_t window_start_epoch_seconds) {
  return fmt::format("WINDOW#{}", window_start_epoch_seconds);
}

}  // namespace hub::data::keys
