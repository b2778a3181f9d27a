#include "data/repositories.hpp"

#include "data/dynamodb/activity_repository.hpp"
#include "data/dynamodb/feedback_repository.hpp"
#include "data/dynamodb/rate_counter_repository.hpp"
#include "data/dynamodb/role_repository.hpp"
#include "data/dynamodb/user_preferences_repository.hpp"
#include "data/dynamodb/user_profile_repository.hpp"

namespace hub::data {

Repositories dynamodb_repositories(const Table& table, std::chrono::days activity_retention) {
  Repositories r;
  r.profiles = std::make_unique<DynamoUserProfileRepository>(table);
  r.preferences = std::make_unique<DynamoUserPreferencesRepository>(table);
  r.roles = std::make_unique<DynamoRoleRepository>(table);
  r.activity = std::make_unique<DynamoActivityRepository>(table, activity_retention);
  r.feedback = std::make_unique<DynamoFeedbackRepository>(table);
  r.rate_counters = std::make_unique<DynamoRateCounterRepository>(table);
  return r;
}

}  // namespace hub::data
