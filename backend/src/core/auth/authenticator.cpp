#include "core/auth/authenticator.hpp"

#include <algorithm>

#include "core/log.hpp"
#include "core/text.hpp"

namespace hub::core::auth {
namespace {

constexpr std::string_view kScheme = "bearer";
constexpr std::string_view kHeaderPointer = "/headers/authorization";

// RFC 6750's b64token: 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"="
bool is_b64token(std::string_view token) {
  const auto body_end = token.find_last_not_of('=');
  if (body_end == std::string_view::npos) return false;
  return std::ranges::all_of(token.substr(0, body_end + 1), [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '.' || c == '_' || c == '~' || c == '+' || c == '/';
  });
}

Error invalid_credentials(std::string message) {
  return Error{ErrorCode::UNAUTHENTICATED,
               "The bearer token is missing, malformed or not valid.",
               {{std::string(kHeaderPointer), std::move(message)}}};
}

// The token of "Bearer <token>"; the scheme matches in any case (RFC 9110 §11.1).
Result<std::string_view> bearer_token(std::string_view value) {
  const auto space = value.find(' ');
  if (space == std::string_view::npos || !core::iequals(value.substr(0, space), kScheme)) {
    return invalid_credentials(R"(must use the "Bearer" scheme)");
  }
  const auto token = value.substr(space + 1);
  if (!is_b64token(token)) return invalid_credentials(R"(must be "Bearer", one space and the token)");
  return token;
}

}  // namespace

Authenticator::Authenticator(std::shared_ptr<const TokenVerifier> verifier,
                             std::shared_ptr<const RoleSource> roles)
    : verifier_(std::move(verifier)), roles_(std::move(roles)) {}

Result<UserContext> Authenticator::authenticate(std::optional<std::string_view> authorization) const {
  if (!authorization) {
    return Error::make(ErrorCode::UNAUTHENTICATED,
                       "Authentication is required: send Authorization: Bearer <token>.");
  }
  auto token = bearer_token(*authorization);
  if (!token) return std::move(token).error();
  auto user = verifier_->verify(*token);
  if (!user) return std::move(user).error();
  auto roles = roles_->roles_of(user->user_id);
  if (!roles) {
    // The caller is known but cannot be authorized: say who, since the error does not.
    logger().warning(
        "roles could not be read",
        {{"user_id", user->user_id}, {"code", name(roles.error().code)}, {"reason", roles.error().detail}});
    return std::move(roles).error();
  }
  user->roles = std::move(roles).value();
  user->roles.emplace_back("member");
  std::ranges::sort(user->roles);
  const auto duplicates = std::ranges::unique(user->roles);
  user->roles.erase(duplicates.begin(), duplicates.end());
  return user;
}

}  // namespace hub::core::auth
