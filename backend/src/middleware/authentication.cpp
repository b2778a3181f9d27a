#include "middleware/authentication.hpp"

#include <fmt/format.h>

#include "core/log.hpp"
#include "http/problem.hpp"

namespace hub::middleware {
namespace {

using core::auth::Permission;

// RFC 6750 §3: the challenge without an error code when no credentials were sent, with one
// when a token was presented and rejected, or when it lacks the permission.
constexpr std::string_view kChallenge = R"(Bearer realm="innovation-hub")";
constexpr std::string_view kInvalidTokenChallenge = R"(Bearer realm="innovation-hub", error="invalid_token")";
constexpr std::string_view kInsufficientScopeChallenge =
    R"(Bearer realm="innovation-hub", error="insufficient_scope")";

constexpr std::string_view kAuthorization = "Authorization";

// What TokenVerifier reports for a token whose exp has passed (core/auth/token_verifier.hpp).
constexpr std::string_view kExpiryPointer = "/payload/exp";
constexpr std::string_view kExpiredMessage = "has passed";

bool is_expired(const Error& error) {
  return error.fields.size() == 1 && error.fields.front().pointer == kExpiryPointer &&
         error.fields.front().message == kExpiredMessage;
}

std::string_view route_of(const http::RouteInfo& route) { return route.path_template; }

// Why authentication failed, for the log: the field the verifier or the header check named
// (never token text), or the error's own detail when it names none.
std::string failure_reason(const Error& error) {
  if (error.fields.empty()) return error.detail;
  return fmt::format("{}: {}", error.fields.front().pointer, error.fields.front().message);
}

http::Response unauthenticated(const http::Request& request, const http::RouteInfo& route,
                               const Error& error) {
  const bool presented = request.headers.contains(kAuthorization);
  core::logger().warning(
      "authentication failed",
      {{"method", request.method},
       {"route", route_of(route)},
       {"reason", presented ? failure_reason(error) : std::string("no Authorization header")}});
  // The client learns only that its credentials did not do: a fixed detail, no fields.
  std::string detail = "Authentication is required: send Authorization: Bearer <token>.";
  if (presented) {
    detail =
        is_expired(error) ? "The bearer token has expired." : "The bearer token is malformed or not valid.";
  }
  auto response = http::problem_response(Error::make(ErrorCode::UNAUTHENTICATED, std::move(detail)),
                                         request.request_id, request.path);
  response.headers.set("WWW-Authenticate", presented ? kInvalidTokenChallenge : kChallenge);
  return response;
}

http::Response forbidden(const http::Request& request, const http::RouteInfo& route, Permission permission) {
  const auto name = core::auth::permission_name(permission);
  core::logger().warning("permission denied",
                         {{"method", request.method},
                          {"route", route_of(route)},
                          {"permission", name},
                          {"roles", fmt::format("{}", fmt::join(request.user->roles, " "))}});
  auto response = http::problem_response(
      Error::make(ErrorCode::FORBIDDEN, fmt::format("This operation requires the {} permission.", name)),
      request.request_id, request.path);
  response.headers.set("WWW-Authenticate", kInsufficientScopeChallenge);
  return response;
}

}  // namespace

AuthenticationMiddleware::AuthenticationMiddleware(
    std::shared_ptr<const core::auth::Authenticator> authenticator,
    std::shared_ptr<const http::Router> router)
    : authenticator_(std::move(authenticator)), router_(std::move(router)) {
  if (!authenticator_) {
    core::logger().warning("authentication is not configured: every protected route answers 401",
                           {{"hint", "set COGNITO_USER_POOL_ID and COGNITO_APP_CLIENT_IDS"}});
  }
}

Result<core::auth::UserContext> AuthenticationMiddleware::authenticate(const http::Request& request) const {
  if (!authenticator_) {
    return Error::make(ErrorCode::UNAUTHENTICATED, "authentication is not configured");
  }
  if (request.headers.count(kAuthorization) > 1) {
    return Error{ErrorCode::UNAUTHENTICATED,
                 "more than one Authorization field",
                 {{"/headers/authorization", "must be sent once"}}};
  }
  return authenticator_->authenticate(request.header(kAuthorization));
}

http::Response AuthenticationMiddleware::handle(http::Request& request, const http::Next& next) const {
  const auto* route = router_->find(request.method, request.path);
  if (route == nullptr || !route->permission) return next(request);
  // Answers given here are logged and counted under the route, as the router would name it.
  request.route = route->path_template;

  auto user = authenticate(request);
  if (!user) {
    if (user.error().code == ErrorCode::UNAUTHENTICATED)
      return unauthenticated(request, *route, user.error());
    // Roles could not be read: fail closed with that error (a 503 stays a 503).
    core::logger().warning("authentication failed", {{"method", request.method},
                                                     {"route", route_of(*route)},
                                                     {"reason", user.error().detail},
                                                     {"code", name(user.error().code)}});
    return http::problem_response(user.error(), request.request_id, request.path);
  }

  request.user = std::move(user).value();
  core::LogContext context = core::current_log_context();
  context.user_id = request.user->user_id;
  const core::ScopedLogContext scope(std::move(context));

  if (!core::auth::any_role_grants(request.user->roles, *route->permission)) {
    return forbidden(request, *route, *route->permission);
  }
  return next(request);
}

}  // namespace hub::middleware
