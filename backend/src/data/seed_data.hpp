#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "models/activity.hpp"
#include "models/feedback.hpp"
#include "models/user.hpp"

// The development data set `hubctl seed` loads: people from the IGAD member states with their
// profiles, preferences, roles, some activity and feedback. Pure data, the same on every call, so
// seeding twice finds everything present. User ids are Cognito `sub`s, which only exist once the
// users exist in a pool: every id below is left empty and filled in when seeding.
namespace hub::data::seed {

// Every seeded user signs in with this unless another password is given.
inline constexpr std::string_view kDefaultPassword = "Hub-dev-2026!";

struct SeedUser {
  models::UserProfile profile;                  // id: the user's sub, filled when seeding
  models::UserPreferences preferences;          // user_id: likewise
  std::vector<std::string> roles;               // the roles assigned, also the user's Cognito groups
  std::vector<models::ActivityEntry> activity;  // fixed ids and times; user_id filled when seeding
};

struct SeedFeedback {
  std::string author_email;   // who sent it: one of the users
  models::Feedback feedback;  // fixed id and times; user_id: the author's sub, filled when seeding
};

struct DataSet {
  std::vector<SeedUser> users;
  std::vector<SeedFeedback> feedback;
};

[[nodiscard]] const DataSet& development_data_set();

}  // namespace hub::data::seed
