// The development data set: what `hubctl seed` loads must be valid and self-consistent.
#include "data/seed_data.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <string>

#include <gtest/gtest.h>

#include "core/ulid.hpp"
#include "models/codec.hpp"

namespace hub::data::seed {
namespace {

// Ids are filled in when seeding; a stand-in lets the models' rules check everything else.
constexpr std::string_view kSomeSub = "3f8e4b52-9c1d-4a7e-b0f6-2d5c8a1e7f90";

std::string problems(const Status& status) {
  if (status) return "";
  std::string out;
  for (const auto& f : status.error().fields) out += f.pointer + ": " + f.message + "; ";
  return out;
}

TEST(SeedData, TwelveUsersInEveryRoleFromEveryMemberState) {
  const auto& users = development_data_set().users;
  ASSERT_EQ(users.size(), 12U);
  std::map<std::string, int> by_role;
  std::set<std::string> countries;
  std::set<std::string> emails;
  for (const auto& u : users) {
    ASSERT_EQ(u.roles.size(), 1U);
    ++by_role[u.roles.front()];
    countries.insert(u.profile.country.value_or(""));
    emails.insert(u.profile.email);
  }
  EXPECT_EQ(by_role, (std::map<std::string, int>{{"admin", 2}, {"editor", 3}, {"member", 7}}));
  EXPECT_EQ(countries, (std::set<std::string>{"DJ", "ER", "ET", "KE", "SO", "SS", "SD", "UG"}));
  EXPECT_EQ(emails.size(), users.size()) << "emails are unique";
}

TEST(SeedData, EveryProfileAndPreferenceSatisfiesTheModelRules) {
  for (auto u : development_data_set().users) {
    u.profile.id = kSomeSub;
    u.preferences.user_id = kSomeSub;
    const auto profile = models::validate(u.profile);
    EXPECT_TRUE(profile) << u.profile.email << ": " << problems(profile);
    const auto preferences = models::validate(u.preferences);
    EXPECT_TRUE(preferences) << u.profile.email << ": " << problems(preferences);
    for (const auto& role : u.roles) {
      EXPECT_NE(std::ranges::find(models::role_names(), role), models::role_names().end()) << role;
    }
    EXPECT_FALSE(u.profile.expertise.empty()) << u.profile.email;
  }
}

TEST(SeedData, IdsAreFixedUlidsAndUnique) {
  std::set<std::string> ids;
  std::size_t count = 0;
  for (const auto& u : development_data_set().users) {
    EXPECT_TRUE(u.profile.id.empty()) << "a user's id is its Cognito sub, known only when seeding";
    for (auto entry : u.activity) {
      EXPECT_TRUE(core::is_ulid(entry.id)) << entry.id;
      ids.insert(entry.id);
      ++count;
      entry.user_id = kSomeSub;
      const auto valid = models::validate(entry);
      EXPECT_TRUE(valid) << entry.id << ": " << problems(valid);
    }
  }
  for (const auto& f : development_data_set().feedback) {
    EXPECT_TRUE(core::is_ulid(f.feedback.id)) << f.feedback.id;
    ids.insert(f.feedback.id);
    ++count;
  }
  EXPECT_EQ(ids.size(), count);
  EXPECT_GE(development_data_set().feedback.size(), 5U);
}

TEST(SeedData, FeedbackComesFromSeededUsersAndIsValid) {
  const auto& users = development_data_set().users;
  for (auto f : development_data_set().feedback) {
    EXPECT_TRUE(std::ranges::any_of(users, [&](const SeedUser& u) {
      return u.profile.email == f.author_email;
    })) << f.author_email;
    f.feedback.user_id = kSomeSub;
    const auto valid = models::validate(f.feedback);
    EXPECT_TRUE(valid) << f.feedback.id << ": " << problems(valid);
    EXPECT_LE(f.feedback.created_at, f.feedback.updated_at);
  }
}

TEST(SeedData, TheSameOnEveryCall) {
  EXPECT_EQ(&development_data_set(), &development_data_set());
  EXPECT_EQ(development_data_set().users.front().profile.email, "hodan.farah@igad.example");
}

}  // namespace
}  // namespace hub::data::seed
