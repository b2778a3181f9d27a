#include "services/user_service.hpp"

#include <gtest/gtest.h>

#include "support/fake_repositories.hpp"

namespace hub::services {
namespace {

class NoGroups final : public GroupDirectory {
 public:
  Result<std::vector<std::string>> groups_of(std::string_view /*user_id*/) const override {
    return std::vector<std::string>{};
  }
  Status add_to_group(std::string_view /*user_id*/, std::string_view /*group*/) const override { return {}; }
  Status remove_from_group(std::string_view /*user_id*/, std::string_view /*group*/) const override {
    return {};
  }
};

class FakeDirectory final : public UserDirectory {
 public:
  Result<std::optional<DirectoryUser>> find(std::string_view user_id) const override {
    ++calls;
    if (user_id == "u-access") {
      return std::optional<DirectoryUser>{DirectoryUser{"amina@igad.example", "Amina", "Yusuf"}};
    }
    return std::optional<DirectoryUser>{};
  }
  mutable int calls = 0;
};

core::auth::UserContext caller(std::string id, std::string email,
                               std::vector<std::string> roles = {"member"}) {
  core::auth::UserContext user;
  user.user_id = std::move(id);
  user.username = user.user_id;
  user.email = std::move(email);
  user.roles = std::move(roles);
  user.token_use = user.email.empty() ? "access" : "id";
  return user;
}

struct UserServiceTest : ::testing::Test {
  testing::FakeProfileRepository profiles;
  testing::FakePreferencesRepository preferences;
  testing::FakeRoleRepository roles;
  testing::FakeActivityRepository activity;
  NoGroups groups;
  FakeDirectory directory;
  RoleService role_service{roles, groups};
  ActivityRecorder recorder{activity};
  std::vector<std::string> forgotten;
  UserService service{UserService::Dependencies{
      .profiles = profiles,
      .preferences = preferences,
      .roles = roles,
      .activity = activity,
      .role_service = role_service,
      .recorder = recorder,
      .directory = &directory,
      .roles_changed = [this](std::string_view id) { forgotten.emplace_back(id); },
  }};
  Actor actor{.user_id = "u-1", .request_id = "req-1"};

  models::UserProfile stored(const std::string& id, const std::string& email) {
    models::UserProfile p{.id = id, .email = email, .display_name = id};
    p.version = 3;
    p.created_at = p.updated_at = "2026-01-01T00:00:00.000Z";
    profiles.profiles[id] = p;
    return p;
  }
};

TEST_F(UserServiceTest, FirstCallCreatesTheProfileFromTheClaimsAndRecordsIt) {
  const auto profile = service.own_profile(caller("u-1", "kevin.o@example.org"), actor);
  ASSERT_TRUE(profile) << profile.error().detail;
  EXPECT_EQ(profile->id, "u-1");
  EXPECT_EQ(profile->email, "kevin.o@example.org");
  EXPECT_EQ(profile->display_name, "kevin.o");
  EXPECT_EQ(profile->version, 1);
  EXPECT_EQ(profile->roles, std::vector<std::string>{"member"});
  ASSERT_EQ(activity.entries.size(), 1U);
  EXPECT_EQ(activity.entries[0].action, "profile.created");
  EXPECT_EQ(activity.entries[0].request_id, "req-1");
  EXPECT_EQ(directory.calls, 0) << "an ID token says enough";
}

TEST_F(UserServiceTest, AnAccessTokenWithoutEmailAsksTheDirectory) {
  const auto profile = service.own_profile(caller("u-access", ""), {.user_id = "u-access"});
  ASSERT_TRUE(profile) << profile.error().detail;
  EXPECT_EQ(profile->email, "amina@igad.example");
  EXPECT_EQ(profile->display_name, "Amina Yusuf");
  EXPECT_EQ(profile->given_name, "Amina");
  EXPECT_EQ(directory.calls, 1);

  const auto unknown = service.own_profile(caller("u-ghost", ""), {.user_id = "u-ghost"});
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().code, ErrorCode::BAD_REQUEST);
}

TEST_F(UserServiceTest, AConcurrentFirstCallUsesTheProfileTheOtherCreated) {
  profiles.created_concurrently = true;
  const auto profile = service.own_profile(caller("u-1", "k@example.org"), actor);
  ASSERT_TRUE(profile) << profile.error().detail;
  EXPECT_EQ(profile->display_name, "created concurrently");
  EXPECT_TRUE(activity.entries.empty()) << "the other request recorded the creation";
}

TEST_F(UserServiceTest, AnEmailHeldByAnotherProfileIsEmailTaken) {
  stored("u-old", "k@example.org");
  const auto profile = service.own_profile(caller("u-new", "k@example.org"), {.user_id = "u-new"});
  ASSERT_FALSE(profile);
  EXPECT_EQ(profile.error().code, ErrorCode::EMAIL_TAKEN);
}

TEST_F(UserServiceTest, AnUpdateReplacesTheEditableFieldsAndSaysWhatChanged) {
  stored("u-1", "k@example.org");
  models::ProfileUpdate update{.display_name = "Kevin", .country = "KE", .expertise = {{"agritech"}}};
  const auto profile = service.update_own_profile(caller("u-1", "k@example.org"), actor, update, {});
  ASSERT_TRUE(profile) << profile.error().detail;
  EXPECT_EQ(profile->version, 4);
  EXPECT_EQ(profile->country, "KE");
  EXPECT_EQ(profile->email, "k@example.org") << "read-only fields stay";
  ASSERT_EQ(activity.entries.size(), 1U);
  EXPECT_EQ(activity.entries[0].action, "profile.updated");
  EXPECT_EQ(activity.entries[0].summary, "changed display_name, country, expertise");
}

TEST_F(UserServiceTest, AnUpdateChangingNothingStoresNothing) {
  stored("u-1", "k@example.org");
  const auto profile =
      service.update_own_profile(caller("u-1", "k@example.org"), actor, {.display_name = "u-1"}, {});
  ASSERT_TRUE(profile);
  EXPECT_EQ(profile->version, 3);
  EXPECT_EQ(profiles.updates, 0);
  EXPECT_TRUE(activity.entries.empty());
}

TEST_F(UserServiceTest, IfMatchMismatchIsPreconditionFailedAndNothingIsWritten) {
  stored("u-1", "k@example.org");
  for (const auto& expected : {VersionPrecondition{.present = true, .versions = {2}},
                               VersionPrecondition{.present = true, .versions = {}}}) {
    const auto result =
        service.update_own_profile(caller("u-1", "k@example.org"), actor, {.display_name = "X"}, expected);
    ASSERT_FALSE(result);
    EXPECT_EQ(result.error().code, ErrorCode::PRECONDITION_FAILED);
    EXPECT_NE(result.error().detail.find("\"3\""), std::string::npos) << result.error().detail;
  }
  EXPECT_EQ(profiles.updates, 0);
  const auto any = service.update_own_profile(caller("u-1", "k@example.org"), actor, {.display_name = "X"},
                                              {.present = true, .any = true});
  EXPECT_TRUE(any);
}

TEST_F(UserServiceTest, ALostRaceIsAVersionConflictWithTheCurrentVersion) {
  stored("u-1", "k@example.org");
  profiles.lose_next_race = true;
  const auto result = service.update_own_profile(caller("u-1", "k@example.org"), actor, {.display_name = "X"},
                                                 {.present = true, .versions = {3}});
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code, ErrorCode::VERSION_CONFLICT);
  EXPECT_EQ(result.error().current_version, 4);
  EXPECT_TRUE(activity.entries.empty()) << "nothing was changed, nothing is recorded";
}

TEST_F(UserServiceTest, AFailedActivityRecordDoesNotFailTheChange) {
  stored("u-1", "k@example.org");
  activity.unreachable = true;
  const auto result =
      service.update_own_profile(caller("u-1", "k@example.org"), actor, {.display_name = "X"}, {});
  ASSERT_TRUE(result);
  EXPECT_EQ(recorder.failures(), 1U);
}

TEST_F(UserServiceTest, PreferencesAreTheDefaultsUntilSaved) {
  const auto defaults = service.preferences("u-1");
  ASSERT_TRUE(defaults);
  EXPECT_EQ(defaults->version, 0);
  EXPECT_EQ(defaults->timezone, "Africa/Nairobi");
  EXPECT_FALSE(defaults->updated_at);

  const auto saved = service.update_preferences(actor, {.theme = "dark"}, {.present = true, .versions = {0}});
  ASSERT_TRUE(saved) << saved.error().detail;
  EXPECT_EQ(saved->version, 1);
  EXPECT_EQ(saved->theme, "dark");
  EXPECT_EQ(saved->language, "en");
  EXPECT_TRUE(saved->updated_at);

  const auto stale =
      service.update_preferences(actor, {.theme = "light"}, {.present = true, .versions = {0}});
  ASSERT_FALSE(stale);
  EXPECT_EQ(stale.error().code, ErrorCode::PRECONDITION_FAILED);
  const auto star_on_nothing =
      service.update_preferences({.user_id = "u-2"}, {.theme = "light"}, {.present = true, .any = true});
  ASSERT_FALSE(star_on_nothing) << "If-Match: * needs a stored version";
}

TEST_F(UserServiceTest, TheDirectoryListsRolesAndSkipsHoldersWithoutAProfile) {
  stored("u-1", "a@example.org");
  stored("u-2", "b@example.org");
  roles.held["u-1"] = {"admin"};
  roles.held["u-9"] = {"admin"};  // assigned before the first sign-in
  const auto admins = service.list_users("admin", {.limit = 10});
  ASSERT_TRUE(admins) << admins.error().detail;
  ASSERT_EQ(admins->items.size(), 1U);
  EXPECT_EQ(admins->items[0].roles, (std::vector<std::string>{"admin", "member"}));
  const auto everyone = service.list_users("member", {.limit = 10});
  ASSERT_TRUE(everyone);
  EXPECT_EQ(everyone->items.size(), 2U);
  const auto bad = service.list_users("root", {.limit = 10});
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().fields.at(0).pointer, "/query/role");
}

TEST_F(UserServiceTest, BatchReadsKeepTheOrderAndNameTheMissing) {
  stored("u-1", "a@example.org");
  stored("u-2", "b@example.org");
  const auto result = service.users({"u-2", "nobody", "u-1"});
  ASSERT_TRUE(result);
  ASSERT_EQ(result->users.size(), 2U);
  EXPECT_EQ(result->users[0].id, "u-2");
  EXPECT_EQ(result->users[1].id, "u-1");
  EXPECT_EQ(result->missing, std::vector<std::string>{"nobody"});
  EXPECT_EQ(profiles.batch_gets, 1);
}

TEST_F(UserServiceTest, AssigningRolesKeepsMemberForgetsTheCacheAndRecords) {
  stored("u-2", "b@example.org");
  roles.held["u-2"] = {"member"};
  const auto result = service.assign_roles(actor, "u-2", {"editor"});
  ASSERT_TRUE(result) << result.error().detail;
  EXPECT_EQ(result->roles, (std::vector<std::string>{"editor", "member"}));
  EXPECT_EQ(result->granted, std::vector<std::string>{"editor"});
  EXPECT_TRUE(result->revoked.empty());
  EXPECT_EQ(roles.held["u-2"], (std::set<std::string>{"editor", "member"}));
  EXPECT_EQ(roles.last_granted_by, "u-1");
  EXPECT_EQ(forgotten, std::vector<std::string>{"u-2"});
  ASSERT_EQ(activity.entries.size(), 1U);
  EXPECT_EQ(activity.entries[0].action, "roles.changed");
  EXPECT_EQ(activity.entries[0].target, "u-2");
  EXPECT_EQ(activity.entries[0].summary, "granted [editor], revoked []");
}

TEST_F(UserServiceTest, TheLastAdminCannotDropTheirOwnAdminRole) {
  stored("u-1", "a@example.org");
  roles.held["u-1"] = {"admin"};
  const auto refused = service.assign_roles(actor, "u-1", {"editor"});
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::LAST_ADMIN);
  EXPECT_EQ(roles.held["u-1"], std::set<std::string>{"admin"}) << "nothing changed";
  EXPECT_TRUE(forgotten.empty());

  roles.held["u-3"] = {"admin"};
  const auto allowed = service.assign_roles(actor, "u-1", {"editor"});
  ASSERT_TRUE(allowed) << allowed.error().detail;
  EXPECT_EQ(allowed->revoked, std::vector<std::string>{"admin"});
}

TEST_F(UserServiceTest, RolesOfAUserWithoutAProfileAreNotAssigned) {
  const auto result = service.assign_roles(actor, "nobody", {"editor"});
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code, ErrorCode::USER_NOT_FOUND);
  EXPECT_TRUE(roles.held.empty());
}

TEST_F(UserServiceTest, StorageFailuresPassThroughWithTheirCode) {
  profiles.unreachable = true;
  const auto result = service.own_profile(caller("u-1", "k@example.org"), actor);
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code, ErrorCode::DEPENDENCY_UNAVAILABLE);
}

}  // namespace
}  // namespace hub::services
