#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/auth/permissions.hpp"
#include "models/model.hpp"
#include "models/reference_data.hpp"

// Users as stored: the profile, the preferences and the role assignments of one Cognito user.
namespace hub::models {

// The roles a user can hold (every signed-in user is a member): the permission matrix's list.
using core::auth::role_names;

struct UserProfile {
  std::string id{};  // Cognito `sub`
  std::string email{};
  std::string display_name{};
  std::optional<std::string> given_name{};
  std::optional<std::string> family_name{};
  std::optional<std::string> organisation{};
  std::optional<std::string> job_title{};
  std::optional<std::string> country{};  // ISO 3166-1 alpha-2
  std::optional<std::string> bio{};
  std::vector<std::string> expertise{};
  std::vector<std::string> languages{};  // BCP 47 tags
  std::optional<std::string> avatar_url{};
  std::optional<std::string> phone{};  // E.164
  std::string created_at{};
  std::string updated_at{};
  std::int64_t version = 0;
};
BOOST_DESCRIBE_STRUCT(UserProfile, (),
                      (id, email, display_name, given_name, family_name, organisation, job_title, country,
                       bio, expertise, languages, avatar_url, phone, created_at, updated_at, version))
HUB_MODEL(UserProfile, "A member's profile.",
          field("id").describe("The user's id: the Cognito `sub`").min_length(1).max_length(128),
          field("email").describe("Sign-in email address").format(Format::email).max_length(254),
          field("display_name").describe("Name shown to other members").min_length(1).max_length(100),
          field("given_name").max_length(100), field("family_name").max_length(100),
          field("organisation").max_length(200), field("job_title").max_length(200),
          field("country").describe("ISO 3166-1 alpha-2 code").min_length(2).max_length(2),
          field("bio").max_length(2000),
          field("expertise").describe("Areas of expertise (tags)").max_length(30),
          field("languages").describe("Languages spoken, as BCP 47 tags").max_length(20),
          field("avatar_url").format(Format::uri).max_length(2048),
          field("phone").describe("E.164 phone number").min_length(3).max_length(16),
          field("created_at").format(Format::date_time), field("updated_at").format(Format::date_time),
          field("version").describe("Optimistic-locking version, from 1").minimum(0));

struct NotificationSettings {
  bool email = true;
  bool in_app = true;
  std::string digest = "weekly";
};
BOOST_DESCRIBE_STRUCT(NotificationSettings, (), (email, in_app, digest))
HUB_MODEL(NotificationSettings, "Which notifications a member receives.",
          field("email").describe("Notifications by email"),
          field("in_app").describe("Notifications in the app"),
          field("digest").describe("How often a summary email is sent").one_of({"off", "daily", "weekly"}));

struct UserPreferences {
  std::string user_id{};
  std::string language = "en";
  std::string timezone = "Africa/Nairobi";
  std::string theme = "system";
  NotificationSettings notifications{};
  std::string updated_at{};
  std::int64_t version = 0;
};
BOOST_DESCRIBE_STRUCT(UserPreferences, (),
                      (user_id, language, timezone, theme, notifications, updated_at, version))
HUB_MODEL(UserPreferences, "A member's preferences.", field("user_id").min_length(1).max_length(128),
          field("language").describe("Interface language").one_of({"en", "fr", "ar", "sw", "am", "so"}),
          field("timezone")
              .describe("IANA time zone name")
              .one_of(time_zone_names(), "must be an IANA time zone name"),
          field("theme").one_of({"light", "dark", "system"}), field("updated_at").format(Format::date_time),
          field("version").describe("Optimistic-locking version, from 1").minimum(0));

struct RoleAssignment {
  std::string user_id{};
  std::string role{};
  std::string granted_by{};  // the admin's user id, or "system"
  std::string granted_at{};
};
BOOST_DESCRIBE_STRUCT(RoleAssignment, (), (user_id, role, granted_by, granted_at))
HUB_MODEL(RoleAssignment, "A role held by a user.", field("user_id").min_length(1).max_length(128),
          field("role").one_of({role_names().begin(), role_names().end()}),
          field("granted_by").min_length(1).max_length(128), field("granted_at").format(Format::date_time));

}  // namespace hub::models
