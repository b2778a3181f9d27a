#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "models/activity.hpp"
#include "models/model.hpp"
#include "models/reference_data.hpp"
#include "models/user.hpp"

// The shapes /users/... reads and answers (docs/api.md). Stored shapes are in models/user.hpp.
namespace hub::models {

// The rules of a profile's fields, shared by the shapes that carry them.
[[nodiscard]] inline std::vector<FieldRule> profile_field_rules() {
  auto line = [](std::string_view name, std::size_t max) {
    return field(name).min_length(1).max_length(max).format(Format::single_line).non_blank();
  };
  return {
      field("id").describe("The user's id: the Cognito `sub`").min_length(1).max_length(128),
      field("email")
          .describe("Sign-in email address (from the identity provider; read-only)")
          .max_length(254),
      line("display_name", 100).describe("Name shown to other members"),
      line("given_name", 100),
      line("family_name", 100),
      line("organisation", 200).describe("Organisation or institution"),
      line("job_title", 200),
      field("country")
          .describe("ISO 3166-1 alpha-2 country code")
          .one_of(country_codes(), "must be an ISO 3166-1 alpha-2 country code such as KE")
          .example_value("KE"),
      field("bio").describe("A few paragraphs about the member").max_length(2000).format(Format::multi_line),
      field("expertise")
          .describe("Areas of expertise (tags), each 1-50 characters, no repeats")
          .max_length(30)
          .distinct()
          .each(line("expertise", 50)),
      field("languages")
          .describe("Languages spoken, as BCP 47 tags (e.g. sw, en-GB), no repeats")
          .max_length(20)
          .distinct()
          .each(field("languages").max_length(35).format(Format::language_tag)),
      field("avatar_url")
          .describe("Picture shown with the profile: an https URL on a public host (not an IP address, "
                    "not localhost, *.local, *.internal, *.home.arpa, *.localdomain, *.test, *.invalid or "
                    "*.example)")
          .max_length(2048)
          .format(Format::public_https_url)
          .example_value("https://images.example.org/avatars/amina.png"),
      field("phone").describe("E.164 phone number").format(Format::phone_e164).example_value("+254700123456"),
      field("roles").describe("Roles held (member is implicit for everyone); read-only here").distinct(),
      field("created_at").format(Format::date_time),
      field("updated_at").format(Format::date_time),
      field("version").describe("Changes with every update; the ETag carries it").minimum(1),
  };
}

// PUT /users/profile: the editable fields, all of them. An optional field left out is cleared;
// `expertise` and `languages` left out are emptied. Anything else (id, email, roles, version,
// times) is not a known field and is refused.
struct ProfileUpdate {
  std::string display_name{};
  std::optional<std::string> given_name{};
  std::optional<std::string> family_name{};
  std::optional<std::string> organisation{};
  std::optional<std::string> job_title{};
  std::optional<std::string> country{};
  std::optional<std::string> bio{};
  std::optional<std::vector<std::string>> expertise{};
  std::optional<std::vector<std::string>> languages{};
  std::optional<std::string> avatar_url{};
  std::optional<std::string> phone{};
};
BOOST_DESCRIBE_STRUCT(ProfileUpdate, (),
                      (display_name, given_name, family_name, organisation, job_title, country, bio,
                       expertise, languages, avatar_url, phone))
HUB_MODEL_WITH_RULES(ProfileUpdate,
                     "The editable fields of a profile; fields left out are cleared. id, email, roles, "
                     "version and times are read-only and refused here.",
                     profile_field_rules());

// A profile as the API shows it: the stored profile and the roles held.
struct Profile {
  std::string id{};
  std::string email{};
  std::string display_name{};
  std::optional<std::string> given_name{};
  std::optional<std::string> family_name{};
  std::optional<std::string> organisation{};
  std::optional<std::string> job_title{};
  std::optional<std::string> country{};
  std::optional<std::string> bio{};
  std::vector<std::string> expertise{};
  std::vector<std::string> languages{};
  std::optional<std::string> avatar_url{};
  std::optional<std::string> phone{};
  std::vector<std::string> roles{};
  std::string created_at{};
  std::string updated_at{};
  std::int64_t version = 0;
};
BOOST_DESCRIBE_STRUCT(Profile, (),
                      (id, email, display_name, given_name, family_name, organisation, job_title, country,
                       bio, expertise, languages, avatar_url, phone, roles, created_at, updated_at, version))
HUB_MODEL_WITH_RULES(Profile, "A member's profile, with the roles they hold.", profile_field_rules());

// One user in the administrators' directory listing.
struct UserSummary {
  std::string id{};
  std::string email{};
  std::string display_name{};
  std::optional<std::string> organisation{};
  std::optional<std::string> country{};
  std::vector<std::string> roles{};
  std::string created_at{};
};
BOOST_DESCRIBE_STRUCT(UserSummary, (), (id, email, display_name, organisation, country, roles, created_at))
HUB_MODEL_WITH_RULES(UserSummary, "A user as the directory lists them.", profile_field_rules());

struct UserPage {
  std::vector<UserSummary> items{};
  std::optional<std::string> next_cursor{};
};
BOOST_DESCRIBE_STRUCT(UserPage, (), (items, next_cursor))
HUB_MODEL(UserPage, "One page of users.",
          field("next_cursor").describe("Pass as `cursor` for the next page; absent on the last page"));

// POST /users/batch-get.
struct UserBatchRequest {
  std::vector<std::string> ids{};
};
BOOST_DESCRIBE_STRUCT(UserBatchRequest, (), (ids))
HUB_MODEL(UserBatchRequest, "The users to read: 1 to 100 ids, no repeats.",
          field("ids").min_length(1).max_length(100).distinct().each(
              field("ids").min_length(1).max_length(128).format(Format::single_line)));

struct UserBatchResult {
  std::vector<UserProfile> users{};    // in the order asked
  std::vector<std::string> missing{};  // ids no profile has
};
BOOST_DESCRIBE_STRUCT(UserBatchResult, (), (users, missing))
HUB_MODEL(UserBatchResult, "The profiles found, in the order asked, and the ids no profile has.",
          field("users").describe("Profiles found, in the order the ids were given"),
          field("missing").describe("Ids with no profile"));

// PUT /users/{id}/roles.
struct RolesUpdate {
  std::vector<std::string> roles{};
};
BOOST_DESCRIBE_STRUCT(RolesUpdate, (), (roles))
HUB_MODEL(RolesUpdate, "The complete set of roles the user is to hold (member is implicit).",
          field("roles").max_length(3).distinct().each(field("roles").one_of({role_names().begin(),
                                                                              role_names().end()})));

struct RolesResult {
  std::string user_id{};
  std::vector<std::string> roles{};
  std::vector<std::string> granted{};
  std::vector<std::string> revoked{};
  bool groups_in_step = true;
};
BOOST_DESCRIBE_STRUCT(RolesResult, (), (user_id, roles, granted, revoked, groups_in_step))
HUB_MODEL(
    RolesResult, "The roles the user holds now and what changed.",
    field("roles").describe("Roles held now, sorted"), field("granted").describe("Roles added"),
    field("revoked").describe("Roles removed"),
    field("groups_in_step")
        .describe("False when the identity provider's groups could not be updated: the roles apply (they are "
                  "read from this API's records) and `hubctl roles sync` repairs the groups"));

// The rules of the preferences' fields, shared by the shapes that carry them.
[[nodiscard]] inline std::vector<FieldRule> preferences_field_rules() {
  return {
      field("language")
          .describe("Interface language (default en)")
          .one_of({"en", "fr", "ar", "sw", "am", "so"}),
      field("timezone")
          .describe("IANA time zone name (default Africa/Nairobi)")
          .one_of(time_zone_names(), "must be an IANA time zone name such as Africa/Nairobi")
          .example_value("Africa/Addis_Ababa"),
      field("theme").describe("Colour theme (default system)").one_of({"light", "dark", "system"}),
      field("notifications").describe("Notification settings (default: email and in-app on, weekly digest)"),
      field("updated_at")
          .describe("When they were last saved; absent while the defaults apply")
          .format(Format::date_time),
      field("version")
          .describe("0 while the defaults apply; changes with every save; the ETag carries it")
          .minimum(0),
  };
}

// PUT /users/preferences: every field; one left out takes its default.
struct PreferencesUpdate {
  std::optional<std::string> language{};
  std::optional<std::string> timezone{};
  std::optional<std::string> theme{};
  std::optional<NotificationSettings> notifications{};
};
BOOST_DESCRIBE_STRUCT(PreferencesUpdate, (), (language, timezone, theme, notifications))
HUB_MODEL_WITH_RULES(PreferencesUpdate, "A member's preferences; a field left out takes its default.",
                     preferences_field_rules());

struct Preferences {
  std::string language{};
  std::string timezone{};
  std::string theme{};
  NotificationSettings notifications{};
  std::optional<std::string> updated_at{};
  std::int64_t version = 0;
};
BOOST_DESCRIBE_STRUCT(Preferences, (), (language, timezone, theme, notifications, updated_at, version))
HUB_MODEL_WITH_RULES(Preferences, "A member's preferences (the defaults until first saved).",
                     preferences_field_rules());

struct ActivityPage {
  std::vector<ActivityEntry> items{};
  std::optional<std::string> next_cursor{};
};
BOOST_DESCRIBE_STRUCT(ActivityPage, (), (items, next_cursor))
HUB_MODEL(ActivityPage, "One page of activity, newest first.",
          field("next_cursor").describe("Pass as `cursor` for the next page; absent on the last page"));

}  // namespace hub::models
