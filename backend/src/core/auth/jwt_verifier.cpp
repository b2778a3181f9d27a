#include "core/auth/jwt_verifier.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <utility>

namespace hub::core::auth {
namespace {

constexpr std::size_t kMaxKidLength = 256;
constexpr std::int64_t kMaxTime = 253'402'300'799;  // 9999-12-31T23:59:59Z

// Header members that would make a verifier fetch keys from, or trust keys named by, the token
// itself, or change what the signature covers: never honoured, so never accepted.
constexpr std::array<std::string_view, 11> kRefusedHeaderMembers = {
    "crit", "jku", "x5u", "jwk", "x5c", "x5t", "x5t#S256", "zip", "enc", "cty", "b64"};

bool contains(const std::vector<std::string>& list, std::string_view item) {
  return std::ranges::find(list, item) != list.end();
}

std::string claim_pointer(std::string_view name) { return "/payload/" + std::string(name); }

// A claim that must be a string when present; std::nullopt when absent.
Result<std::optional<std::string_view>> string_claim(const json::object& claims, std::string_view name) {
  const json::value* value = claims.if_contains(name);
  if (value == nullptr) return std::optional<std::string_view>{};
  if (!value->is_string()) return token_rejected(claim_pointer(name), "must be a string");
  return std::optional<std::string_view>{std::string_view{value->get_string()}};
}

Result<std::string_view> required_string_claim(const json::object& claims, std::string_view name) {
  auto value = string_claim(claims, name);
  if (!value) return std::move(value).error();
  if (!*value) return token_rejected(claim_pointer(name), "is missing");
  return **value;
}

// A NumericDate claim: a JSON integer (no fraction, no exponent) from 0 to the year 9999.
Result<std::optional<std::int64_t>> time_claim(const json::object& claims, std::string_view name) {
  const json::value* value = claims.if_contains(name);
  if (value == nullptr) return std::optional<std::int64_t>{};
  if (value->is_uint64()) return token_rejected(claim_pointer(name), "is out of range");
  if (!value->is_int64()) return token_rejected(claim_pointer(name), "must be an integer number of seconds");
  const std::int64_t seconds = value->get_int64();
  if (seconds < 0 || seconds > kMaxTime) return token_rejected(claim_pointer(name), "is out of range");
  return std::optional<std::int64_t>{seconds};
}

Result<std::vector<std::string>> groups_claim(const json::object& claims) {
  std::vector<std::string> groups;
  const json::value* value = claims.if_contains("cognito:groups");
  if (value == nullptr) return groups;
  if (!value->is_array() || !std::ranges::all_of(value->get_array(), &json::value::is_string)) {
    return token_rejected(claim_pointer("cognito:groups"), "must be an array of strings");
  }
  for (const auto& group : value->get_array()) groups.emplace_back(group.get_string());
  return groups;
}

std::vector<std::string> split_scopes(std::string_view scope) {
  std::vector<std::string> scopes;
  while (!scope.empty()) {
    const auto space = scope.find(' ');
    if (space != 0) scopes.emplace_back(scope.substr(0, space));
    if (space == std::string_view::npos) break;
    scope.remove_prefix(space + 1);
  }
  return scopes;
}

// exp, nbf, iat and auth_time: their types, ranges and, for the first three, the clock.
Result<std::int64_t> check_times(const json::object& claims, std::int64_t now, std::int64_t leeway) {
  auto exp = time_claim(claims, "exp");
  if (!exp) return std::move(exp).error();
  if (!*exp) return token_rejected("/payload/exp", "is missing");
  if (now >= **exp + leeway) return token_rejected("/payload/exp", "has passed");
  auto nbf = time_claim(claims, "nbf");
  if (!nbf) return std::move(nbf).error();
  if (*nbf && **nbf > now + leeway) return token_rejected("/payload/nbf", "is in the future");
  auto iat = time_claim(claims, "iat");
  if (!iat) return std::move(iat).error();
  if (*iat && **iat > now + leeway) return token_rejected("/payload/iat", "is in the future");
  if (auto auth_time = time_claim(claims, "auth_time"); !auth_time) return std::move(auth_time).error();
  return **exp;
}

// The claims that must be strings when present (the ones read below included).
constexpr std::array<std::string_view, 7> kStringClaims = {
    "email", "username", "cognito:username", "scope", "origin_jti", "jti", "event_id"};

}  // namespace

VerifierSettings VerifierSettings::from(const core::AuthConfig& config) {
  VerifierSettings settings;
  settings.issuer = config.issuer();
  settings.client_ids = config.app_client_ids;
  settings.algorithms = config.algorithms;
  settings.token_uses = config.token_uses;
  settings.leeway = config.leeway;
  return settings;
}

JwtVerifier::JwtVerifier(VerifierSettings settings, std::shared_ptr<const KeySource> keys,
                         const core::Clock& clock)
    : settings_(std::move(settings)), keys_(std::move(keys)), clock_(clock) {
  if (settings_.issuer.empty()) throw std::invalid_argument("JwtVerifier: no issuer");
  if (settings_.client_ids.empty()) throw std::invalid_argument("JwtVerifier: no client id");
  if (settings_.algorithms.empty() || !std::ranges::all_of(settings_.algorithms, is_supported_algorithm)) {
    throw std::invalid_argument("JwtVerifier: algorithms must be some of RS256, RS384, RS512");
  }
  const auto known_use = [](const std::string& use) { return use == "id" || use == "access"; };
  if (settings_.token_uses.empty() || !std::ranges::all_of(settings_.token_uses, known_use)) {
    throw std::invalid_argument("JwtVerifier: token uses must be some of id, access");
  }
  if (settings_.leeway.count() < 0) throw std::invalid_argument("JwtVerifier: negative leeway");
  if (!keys_) throw std::invalid_argument("JwtVerifier: no key source");
}

Result<UserContext> JwtVerifier::verify(std::string_view token) const {
  auto jwt = decode_jwt(token, settings_.max_token_bytes);
  if (!jwt) return std::move(jwt).error();
  auto key = check_header(jwt->header);
  if (!key) return std::move(key).error();
  const std::string_view alg = jwt->header.at("alg").get_string();
  if (jwt->signature.size() != (*key)->signature_size()) {
    return token_rejected("/signature", "does not have the signing key's length");
  }
  if (!(*key)->verify(alg, jwt->signing_input, jwt->signature)) {
    return token_rejected("/signature", "does not verify");
  }
  return check_claims(jwt->payload);
}

Result<std::shared_ptr<const VerificationKey>> JwtVerifier::check_header(const json::object& header) const {
  const json::value* alg = header.if_contains("alg");
  if (alg == nullptr) return token_rejected("/header/alg", "is missing");
  if (!alg->is_string() || !contains(settings_.algorithms, alg->get_string())) {
    return token_rejected("/header/alg", "is not an allowed algorithm");
  }
  for (const std::string_view name : kRefusedHeaderMembers) {
    if (header.contains(name)) return token_rejected("/header/" + std::string(name), "is not accepted");
  }
  if (const json::value* typ = header.if_contains("typ"); typ != nullptr && *typ != "JWT") {
    return token_rejected("/header/typ", "must be \"JWT\"");
  }
  const json::value* kid = header.if_contains("kid");
  if (kid == nullptr) return token_rejected("/header/kid", "is missing");
  if (!kid->is_string()) return token_rejected("/header/kid", "must be a string");
  if (kid->get_string().empty() || kid->get_string().size() > kMaxKidLength) {
    return token_rejected("/header/kid", "must be 1 to 256 characters");
  }
  auto key = keys_->key(kid->get_string());
  if (!key) return std::move(key).error();
  if ((*key)->alg() && *(*key)->alg() != alg->get_string()) {
    return token_rejected("/header/alg", "is not the signing key's algorithm");
  }
  return key;
}

Result<UserContext> JwtVerifier::check_claims(const json::object& claims) const {
  auto issuer = required_string_claim(claims, "iss");
  if (!issuer) return std::move(issuer).error();
  if (*issuer != settings_.issuer) return token_rejected("/payload/iss", "is not this user pool's issuer");

  auto use = required_string_claim(claims, "token_use");
  if (!use) return std::move(use).error();
  if (*use != "id" && *use != "access")
    return token_rejected("/payload/token_use", R"(must be "id" or "access")");
  if (!contains(settings_.token_uses, *use))
    return token_rejected("/payload/token_use", "is not accepted here");
  const bool id_token = *use == "id";

  // An ID token names its app client in aud, an access token in client_id; never both.
  const std::string_view client_claim = id_token ? "aud" : "client_id";
  const std::string_view other_claim = id_token ? "client_id" : "aud";
  if (claims.contains(other_claim)) {
    return token_rejected(claim_pointer(other_claim),
                          id_token ? "is not expected in an ID token" : "is not expected in an access token");
  }
  auto client = required_string_claim(claims, client_claim);
  if (!client) return std::move(client).error();
  if (!contains(settings_.client_ids, *client)) {
    return token_rejected(claim_pointer(client_claim), "is not one of this API's app clients");
  }

  const auto now = std::chrono::floor<std::chrono::seconds>(clock_.now()).time_since_epoch().count();
  auto exp = check_times(claims, now, settings_.leeway.count());
  if (!exp) return std::move(exp).error();

  auto subject = required_string_claim(claims, "sub");
  if (!subject) return std::move(subject).error();
  if (subject->empty()) return token_rejected("/payload/sub", "is empty");
  for (const std::string_view name : kStringClaims) {
    if (auto ok = string_claim(claims, name); !ok) return std::move(ok).error();
  }
  auto groups = groups_claim(claims);
  if (!groups) return std::move(groups).error();

  const auto text = [&](std::string_view name) {
    const json::value* value = claims.if_contains(name);
    return value == nullptr ? std::string() : std::string(value->get_string());
  };
  UserContext user;
  user.user_id = std::string(*subject);
  user.username = text(id_token ? "cognito:username" : "username");
  if (id_token) user.email = text("email");
  user.token_use = std::string(*use);
  user.client_id = std::string(*client);
  if (!id_token) user.scopes = split_scopes(text("scope"));
  user.token_groups = std::move(groups).value();
  user.expires_at = *exp;
  return user;
}

}  // namespace hub::core::auth
