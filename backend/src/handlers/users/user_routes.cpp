#include "handlers/users/user_routes.hpp"

#include "handlers/request_helpers.hpp"
#include "models/codec.hpp"

namespace hub::handlers::users {
namespace {

using core::auth::Permission;

// Ids are Cognito subs (36 characters); anything longer than this names no user and is never
// sent to the table.
constexpr std::size_t kMaxUserIdLength = 128;

Result<std::string> user_id_param(const http::Request& request) {
  const auto id = request.path_param("id");
  if (!id || id->empty() || id->size() > kMaxUserIdLength) {
    return Error::make(ErrorCode::USER_NOT_FOUND, "No user with this id has a profile.");
  }
  return std::string(*id);
}

std::vector<QueryParameter> page_parameters() {
  return {
      {.name = "limit",
       .description = "Items per page, 1-100 (default 20)",
       .schema = json::object{{"type", "integer"}, {"minimum", 1}, {"maximum", data::kMaxPageSize}}},
      {.name = "cursor",
       .description = "The `next_cursor` of the previous page; absent (or empty) for the first page",
       .schema = json::object{{"type", "string"}, {"maxLength", 2048}}},
  };
}

void register_own_routes(Api& api, const services::UserService& users) {
  api.get<models::Profile>("/users/profile",
                           "The caller's profile (created from the token's claims on first call)", "users",
                           Access::require(Permission::own_profile),
                           [&users](const http::Request& request) -> Result<http::Response> {
                             auto caller = caller_of(request);
                             if (!caller) return std::move(caller).error();
                             auto profile = users.own_profile(**caller, actor_of(request));
                             if (!profile) return std::move(profile).error();
                             return json_with_etag(200, models::to_json(*profile), profile->version);
                           },
                           {.errors = {409}, .etag = true});

  api.with_body<models::ProfileUpdate, models::Profile>(
      "PUT", "/users/profile", "Replace the caller's editable profile fields", "users",
      Access::require(Permission::own_profile), 200,
      [&users](const http::Request& request) -> Result<http::Response> {
        auto caller = caller_of(request);
        if (!caller) return std::move(caller).error();
        auto update = body_as<models::ProfileUpdate>(request);
        if (!update) return std::move(update).error();
        auto profile = users.update_own_profile(**caller, actor_of(request), *update, if_match_of(request));
        if (!profile) return std::move(profile).error();
        return json_with_etag(200, models::to_json(*profile), profile->version);
      },
      {.errors = {409}, .etag = true, .if_match = true});

  api.get<models::Preferences>(
      "/users/preferences", "The caller's preferences (the defaults until first saved)", "users",
      Access::require(Permission::own_profile),
      [&users](const http::Request& request) -> Result<http::Response> {
        auto caller = caller_of(request);
        if (!caller) return std::move(caller).error();
        auto preferences = users.preferences((*caller)->user_id);
        if (!preferences) return std::move(preferences).error();
        return json_with_etag(200, models::to_json(*preferences), preferences->version);
      },
      {.etag = true});

  api.with_body<models::PreferencesUpdate, models::Preferences>(
      "PUT", "/users/preferences", "Replace the caller's preferences", "users",
      Access::require(Permission::own_profile), 200,
      [&users](const http::Request& request) -> Result<http::Response> {
        auto caller = caller_of(request);
        if (!caller) return std::move(caller).error();
        auto update = body_as<models::PreferencesUpdate>(request);
        if (!update) return std::move(update).error();
        auto preferences = users.update_preferences(actor_of(request), *update, if_match_of(request));
        if (!preferences) return std::move(preferences).error();
        return json_with_etag(200, models::to_json(*preferences), preferences->version);
      },
      {.errors = {409}, .etag = true, .if_match = true});

  api.get<models::ActivityPage>("/users/activity", "What the caller changed, newest first", "users",
                                Access::require(Permission::own_activity_read),
                                [&users](const http::Request& request) -> Result<http::Response> {
                                  auto caller = caller_of(request);
                                  if (!caller) return std::move(caller).error();
                                  auto page = page_request_of(request);
                                  if (!page) return std::move(page).error();
                                  auto activity = users.activity((*caller)->user_id, *page);
                                  if (!activity) return std::move(activity).error();
                                  return http::Response::json(200, models::to_json(*activity));
                                },
                                {.query = page_parameters()});
}

void register_admin_routes(Api& api, const services::UserService& users) {
  auto listing_parameters = page_parameters();
  listing_parameters.push_back({.name = "role",
                                .description = "Only users holding this role (member: everyone)",
                                .schema = json::object{{"type", "string"},
                                                       {"enum", json::array(models::role_names().begin(),
                                                                            models::role_names().end())}}});
  api.get<models::UserPage>("/users", "The user directory, oldest first, optionally by role",
                            "users administration", Access::require(Permission::users_read),
                            [&users](const http::Request& request) -> Result<http::Response> {
                              auto page = page_request_of(request);
                              if (!page) return std::move(page).error();
                              auto listed = users.list_users(request.query("role"), *page);
                              if (!listed) return std::move(listed).error();
                              return http::Response::json(200, models::to_json(*listed));
                            },
                            {.query = std::move(listing_parameters)});

  api.get<models::Profile>("/users/{id}", "One user's profile and roles", "users administration",
                           Access::require(Permission::users_read),
                           [&users](const http::Request& request) -> Result<http::Response> {
                             auto id = user_id_param(request);
                             if (!id) return std::move(id).error();
                             auto profile = users.user(*id);
                             if (!profile) return std::move(profile).error();
                             return json_with_etag(200, models::to_json(*profile), profile->version);
                           },
                           {.etag = true});

  api.with_body<models::UserBatchRequest, models::UserBatchResult>(
      "POST", "/users/batch-get", "Read up to 100 users' profiles in one call", "users administration",
      Access::require(Permission::users_read), 200,
      [&users](const http::Request& request) -> Result<http::Response> {
        auto batch = body_as<models::UserBatchRequest>(request);
        if (!batch) return std::move(batch).error();
        auto found = users.users(batch->ids);
        if (!found) return std::move(found).error();
        return http::Response::json(200, models::to_json(*found));
      },
      {.rate_class = "read"});

  api.with_body<models::RolesUpdate, models::RolesResult>(
      "PUT", "/users/{id}/roles", "Replace the roles a user holds", "users administration",
      Access::require(Permission::users_manage_roles), 200,
      [&users](const http::Request& request) -> Result<http::Response> {
        auto id = user_id_param(request);
        if (!id) return std::move(id).error();
        auto update = body_as<models::RolesUpdate>(request);
        if (!update) return std::move(update).error();
        auto result = users.assign_roles(actor_of(request), *id, update->roles);
        if (!result) return std::move(result).error();
        return http::Response::json(200, models::to_json(*result));
      },
      {.errors = {409}});

  api.get<models::ActivityPage>("/users/{id}/activity", "What a user changed, newest first",
                                "users administration", Access::require(Permission::users_read),
                                [&users](const http::Request& request) -> Result<http::Response> {
                                  auto id = user_id_param(request);
                                  if (!id) return std::move(id).error();
                                  auto page = page_request_of(request);
                                  if (!page) return std::move(page).error();
                                  auto activity = users.activity(*id, *page);
                                  if (!activity) return std::move(activity).error();
                                  return http::Response::json(200, models::to_json(*activity));
                                },
                                {.query = page_parameters()});
}

}  // namespace

void register_user_routes(Api& api, const services::UserService& users) {
  register_own_routes(api, users);
  register_admin_routes(api, users);
}

}  // namespace hub::handlers::users
