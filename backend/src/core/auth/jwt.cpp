#include "core/auth/jwt.hpp"

#include <algorithm>
#include <array>
#include <utility>

#include <fmt/format.h>

#include "core/auth/strict_json.hpp"
#include "core/base64.hpp"

namespace hub::core::auth {
namespace {

// Member names a refusal may name in its pointer. Any other name came from whoever wrote the
// token and is not repeated back.
constexpr std::array<std::string_view, 14> kHeaderNames = {
    "alg", "kid", "typ", "cty", "crit", "jku", "x5u", "jwk", "x5c", "x5t", "x5t#S256", "zip", "enc", "b64"};
constexpr std::array<std::string_view, 18> kClaimNames = {"iss",
                                                          "sub",
                                                          "aud",
                                                          "exp",
                                                          "nbf",
                                                          "iat",
                                                          "auth_time",
                                                          "token_use",
                                                          "client_id",
                                                          "scope",
                                                          "jti",
                                                          "origin_jti",
                                                          "event_id",
                                                          "username",
                                                          "cognito:username",
                                                          "cognito:groups",
                                                          "email",
                                                          "email_verified"};

template <std::size_t N>
std::string pointer_into(std::string_view part, const std::string& problem_pointer,
                         const std::array<std::string_view, N>& known) {
  std::string out(part);
  if (problem_pointer.size() < 2) return out;
  const auto end = problem_pointer.find('/', 1);
  const auto first = std::string_view{problem_pointer}.substr(1, end == std::string::npos ? end : end - 1);
  if (std::ranges::find(known, first) != known.end()) {
    out += '/';
    out += first;
  }
  return out;
}

// Decodes one part: canonical base64url only (core::base64url_decode refuses padding, '+' and
// '/', other characters and non-zero unused bits).
Result<std::string> decode_part(std::string_view text, std::string_view pointer) {
  if (text.empty()) return token_rejected(std::string(pointer), "is empty");
  auto bytes = base64url_decode(text);
  if (!bytes) return token_rejected(std::string(pointer), "is not canonical base64url");
  return std::move(*bytes);
}

template <std::size_t N>
Result<json::object> decode_object(std::string_view text, std::string_view pointer,
                                   const std::array<std::string_view, N>& known) {
  auto bytes = decode_part(text, pointer);
  if (!bytes) return std::move(bytes).error();
  auto value = parse_strict_json(*bytes, kMaxTokenJsonDepth);
  if (!value)
    return token_rejected(pointer_into(pointer, value.error().pointer, known), value.error().message);
  if (!value->is_object()) return token_rejected(std::string(pointer), "is not a JSON object");
  // Moves the object out of the parsed value; copy elision cannot apply to a sub-object.
  // cppcheck-suppress returnStdMoveLocal
  return std::move(value->as_object());
}

}  // namespace

Error token_rejected(std::string pointer, std::string_view message) {
  return Error{ErrorCode::UNAUTHENTICATED,
               "The bearer token is not valid.",
               {{std::move(pointer), std::string(message)}},
               {}};
}

Result<DecodedJwt> decode_jwt(std::string_view token, std::size_t max_token_bytes) {
  if (token.empty()) return token_rejected("/token", "is empty");
  if (token.size() > max_token_bytes) {
    return token_rejected("/token", fmt::format("is larger than {} bytes", max_token_bytes));
  }
  const auto dots = std::ranges::count(token, '.');
  if (dots == 4) return token_rejected("/token", "is an encrypted token (JWE); a signed token is expected");
  if (dots != 2) return token_rejected("/token", "must have three parts separated by '.'");

  const auto first_dot = token.find('.');
  const auto second_dot = token.find('.', first_dot + 1);
  const auto header_text = token.substr(0, first_dot);
  const auto payload_text = token.substr(first_dot + 1, second_dot - first_dot - 1);
  const auto signature_text = token.substr(second_dot + 1);

  auto header = decode_object(header_text, "/header", kHeaderNames);
  if (!header) return std::move(header).error();
  auto payload = decode_object(payload_text, "/payload", kClaimNames);
  if (!payload) return std::move(payload).error();
  auto signature = decode_part(signature_text, "/signature");
  if (!signature) return std::move(signature).error();

  return DecodedJwt{std::move(header).value(), std::move(payload).value(),
                    std::string(token.substr(0, second_dot)), std::move(signature).value()};
}

}  // namespace hub::core::auth
