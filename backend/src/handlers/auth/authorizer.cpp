#include "handlers/auth/authorizer.hpp"

#include <string>

#include <fmt/format.h>

#include "core/log.hpp"

namespace hub::handlers::auth {
namespace {

// What was wrong, from the error's code and fields: the authenticator's messages name the part of
// the header or token at fault, never its text.
json::object denial_fields(const Error& error) {
  json::object fields{{"error_code", hub::name(error.code)}};
  if (!error.fields.empty()) {
    json::array reasons;
    for (const auto& field : error.fields)
      reasons.emplace_back(fmt::format("{} {}", field.pointer, field.message));
    fields["reasons"] = std::move(reasons);
  }
  return fields;
}

}  // namespace

json::object authorize(const core::auth::Authenticator& authenticator, const http::Request& request) {
  auto user = authenticator.authenticate(request.header("authorization"));
  if (!user) {
    const bool credentials_rejected = user.error().code == ErrorCode::UNAUTHENTICATED;
    core::logger().log(credentials_rejected ? core::LogLevel::INFO : core::LogLevel::WARNING,
                       credentials_rejected
                           ? "authorizer: request denied: credentials rejected"
                           : "authorizer: request denied: the caller's roles could not be read",
                       denial_fields(user.error()));
    return json::object{{"isAuthorized", false}};
  }
  const std::string roles = fmt::format("{}", fmt::join(user->roles, ","));
  core::logger().info("authorizer: request allowed", {{"user_id", user->user_id}, {"roles", roles}});
  return json::object{{"isAuthorized", true},
                      {"context", json::object{{"user_id", user->user_id}, {"roles", roles}}}};
}

}  // namespace hub::handlers::auth
