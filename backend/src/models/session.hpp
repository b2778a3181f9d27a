#pragma once

#include <string>
#include <vector>

#include "models/model.hpp"

namespace hub::models {

// GET /auth/session: who the caller is and what they may do, for the frontend. Roles come from
// the table (authoritative), permissions from the permission matrix; never the token itself.
struct Session {
  std::string user_id{};
  std::string username{};
  std::string email{};
  std::vector<std::string> roles{};
  std::vector<std::string> permissions{};
  std::string token_use{};
  std::string client_id{};
  std::vector<std::string> scopes{};
  std::string expires_at{};
};
BOOST_DESCRIBE_STRUCT(Session, (),
                      (user_id, username, email, roles, permissions, token_use, client_id, scopes,
                       expires_at))
HUB_MODEL(Session, "The signed-in caller: identity, roles and what they grant.",
          field("user_id").describe("The user's id: the Cognito `sub`").min_length(1).max_length(128),
          field("username").describe("The Cognito user name").max_length(128),
          field("email").describe("Sign-in email address; empty for access tokens").max_length(254),
          field("roles").describe("Roles held, from the API's records; always includes member"),
          field("permissions").describe("What the roles grant, e.g. metrics:read"),
          field("token_use").describe("Which Cognito token was presented").one_of({"id", "access"}),
          field("client_id").describe("The app client the token was issued to").min_length(1).max_length(128),
          field("scopes").describe("An access token's OAuth scopes; empty for ID tokens"),
          field("expires_at").describe("When the token expires (UTC)").format(Format::date_time));

}  // namespace hub::models
