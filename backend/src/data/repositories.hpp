#pragma once

#include <chrono>
#include <memory>

#include "data/activity_repository.hpp"
#include "data/feedback_repository.hpp"
#include "data/rate_counter_repository.hpp"
#include "data/role_repository.hpp"
#include "data/table.hpp"
#include "data/user_preferences_repository.hpp"
#include "data/user_profile_repository.hpp"

namespace hub::data {

// Every repository, behind its interface: what services are given.
struct Repositories {
  std::unique_ptr<UserProfileRepository> profiles;
  std::unique_ptr<UserPreferencesRepository> preferences;
  std::unique_ptr<RoleRepository> roles;
  std::unique_ptr<ActivityRepository> activity;
  std::unique_ptr<FeedbackRepository> feedback;
  std::unique_ptr<RateCounterRepository> rate_counters;
};

// The DynamoDB implementations over `table`, which must outlive them.
[[nodiscard]] Repositories dynamodb_repositories(const Table& table, std::chrono::days activity_retention);

}  // namespace hub::data
