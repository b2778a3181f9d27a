#include "core/config.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstdlib>
#include <thread>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "core/text.hpp"

extern char**
    environ;  // NOLINT(cppcoreguidelines-avoid-non-const-global-variables,readability-redundant-declaration):
              // POSIX

namespace hub::core {
namespace {

using Apply = std::function<std::optional<std::string>(std::string_view, Config&)>;

struct Spec {
  ConfigVariable variable;
  Apply apply;  // returns what is expected when the text is malformed
};

template <class Int>
std::optional<Int> parse_int(std::string_view text, Int min, Int max) {
  const auto value = parse_number<Int>(trim(text));
  if (!value || *value < min || *value > max) return std::nullopt;
  return value;
}

template <class Part>
Apply millis(Part Config::*part, std::chrono::milliseconds Part::*member, std::int64_t min,
             std::int64_t max) {
  return [=](std::string_view text, Config& c) -> std::optional<std::string> {
    const auto v = parse_int<std::int64_t>(text, min, max);
    if (!v) return fmt::format("an integer number of milliseconds from {} to {}", min, max);
    (c.*part).*member = std::chrono::milliseconds{*v};
    return std::nullopt;
  };
}

Apply millis(std::chrono::milliseconds ServerConfig::*member, std::int64_t min, std::int64_t max) {
  return millis(&Config::server, member, min, max);
}

// DynamoDB's rule for table names.
bool valid_table_name(std::string_view name) {
  return name.size() >= 3 && name.size() <= 255 && std::all_of(name.begin(), name.end(), [](char c) {
           return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
                  c == '-' || c == '.';
         });
}

bool valid_origin(std::string_view origin) {
  // scheme://host[:port], no path, no trailing slash: browsers send exactly this form.
  const auto scheme_end = origin.find("://");
  if (scheme_end == std::string_view::npos) return false;
  const auto scheme = origin.substr(0, scheme_end);
  if (scheme != "http" && scheme != "https") return false;
  const auto rest = origin.substr(scheme_end + 3);
  return !rest.empty() && rest.find('/') == std::string_view::npos &&
         rest.find_first_of(" \t") == std::string_view::npos;
}

std::optional<std::string> apply_ca_bundle(std::string_view text, Config& config) {
  text = trim(text);
  if (text.empty() || text.size() > 4096 || !text.starts_with('/')) {
    return "an absolute file path of at most 4096 characters";
  }
  config.storage.ca_bundle = std::string(text);
  return std::nullopt;
}

std::optional<std::string> apply_table_name(std::string_view text, Config& c) {
  text = trim(text);
  if (!valid_table_name(text)) return "a DynamoDB table name: 3-255 of A-Z a-z 0-9 _ - .";
  c.storage.table_name = std::string(text);
  return std::nullopt;
}

// A literal key long enough to sign with, or a reference to the store that keeps it.
std::optional<std::string> apply_pagination_key(std::string_view text, Config& c) {
  text = trim(text);
  const bool reference = text.starts_with("secretsmanager:") || text.starts_with("ssm:");
  const bool usable = reference ? text.find(':') + 1 < text.size() : text.size() >= 32;
  if (!usable)
    return "a key of at least 32 characters, or secretsmanager:<secret id>[#<json key>] or ssm:<name>";
  c.storage.pagination_key = std::string(text);
  return std::nullopt;
}

// Splits a comma-separated list, trimming items and dropping empty ones.
std::vector<std::string_view> comma_list(std::string_view text) {
  std::vector<std::string_view> items;
  while (!text.empty()) {
    const auto comma = text.find(',');
    if (const auto item = trim(text.substr(0, comma)); !item.empty()) items.push_back(item);
    if (comma == std::string_view::npos) break;
    text.remove_prefix(comma + 1);
  }
  return items;
}

// A list whose every item is one of `allowed`, each at most once, at least one.
Apply one_or_more_of(std::vector<std::string> AuthConfig::*member,
                     const std::vector<std::string_view>& allowed) {
  return [=](std::string_view text, Config& c) -> std::optional<std::string> {
    std::vector<std::string> chosen;
    for (const auto item : comma_list(text)) {
      if (std::find(allowed.begin(), allowed.end(), item) == allowed.end() ||
          std::find(chosen.begin(), chosen.end(), item) != chosen.end()) {
        chosen.clear();
        break;
      }
      chosen.emplace_back(item);
    }
    if (chosen.empty()) return fmt::format("a comma-separated list of {}", fmt::join(allowed, ", "));
    c.auth.*member = std::move(chosen);
    return std::nullopt;
  };
}

std::optional<std::string> apply_tracing(std::string_view text, Config& c) {
  text = trim(text);
  if (text != "auto" && text != "off") return "auto or off";
  c.tracing = text == "auto" ? TracingMode::automatic : TracingMode::off;
  return std::nullopt;
}

bool valid_pool_id_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

// "<region>_<id>": a region like eu-west-1, then letters and digits (Cognito's own pattern).
bool valid_user_pool_id(std::string_view id) {
  const auto underscore = id.find('_');
  if (underscore == std::string_view::npos || underscore < 9 || id.size() > 55) return false;
  const auto region = id.substr(0, underscore);
  const auto suffix = id.substr(underscore + 1);
  const bool region_ok =
      std::all_of(region.begin(), region.end(),
                  [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'; }) &&
      region.front() != '-' && region.back() >= '0' && region.back() <= '9';
  return region_ok && !suffix.empty() && std::all_of(suffix.begin(), suffix.end(), valid_pool_id_char);
}

std::optional<std::string> apply_user_pool_id(std::string_view text, Config& c) {
  text = trim(text);
  if (!valid_user_pool_id(text)) return "a Cognito user pool id like eu-west-1_AbC123xyz";
  c.auth.user_pool_id = std::string(text);
  return std::nullopt;
}

std::optional<std::string> apply_app_client_ids(std::string_view text, Config& c) {
  c.auth.app_client_ids.clear();
  for (const auto item : comma_list(text)) {
    if (item.size() > 128 ||
        !std::all_of(item.begin(), item.end(), [](char ch) { return valid_pool_id_char(ch); }))
      return "comma-separated app client ids (letters and digits, at most 128 each)";
    c.auth.app_client_ids.emplace_back(item);
  }
  return std::nullopt;
}

std::optional<std::string> apply_jwks_url(std::string_view text, Config& c) {
  text = trim(text);
  const bool scheme_ok = text.starts_with("https://") || text.starts_with("http://");
  if (!scheme_ok || text.size() > 2048 || text.find_first_of(" \t\r\n#") != std::string_view::npos)
    return "an http(s) URL without spaces or fragment";
  c.auth.jwks_url = std::string(text);
  return std::nullopt;
}

// What HUB_RATE_LIMITS defaults to: default_rate_limits(), as format_rate_limits() writes it.
constexpr std::string_view kDefaultRateLimitsText =
    "auth-failure=60/1m,feedback=20/1h,public=300/1m,read=600/1m,write=120/1m";

std::optional<std::string> apply_rate_limit_enabled(std::string_view text, Config& c) {
  text = trim(text);
  if (text == "true" || text == "1") {
    c.rate_limit.enabled = true;
  } else if (text == "false" || text == "0") {
    c.rate_limit.enabled = false;
  } else {
    return "true or false";
  }
  return std::nullopt;
}

// Overrides the named classes; the others keep their defaults.
std::optional<std::string> apply_rate_limits(std::string_view text, Config& c) {
  auto limits = parse_rate_limits(text);
  if (!limits) {
    return "a comma-separated list of class=N/window like read=600/1m (class: a-z 0-9 - _; N from 1 to "
           "1000000; window from 1s to 1d in s, m, h or d; each class once)";
  }
  for (const auto& [name, limit] : *limits) c.rate_limit.limits.insert_or_assign(name, limit);
  return std::nullopt;
}

std::optional<std::string> apply_rate_limit_on_store_error(std::string_view text, Config& c) {
  text = trim(text);
  if (text == "allow") {
    c.rate_limit.on_store_error = RateLimitStoreErrorPolicy::allow;
  } else if (text == "deny") {
    c.rate_limit.on_store_error = RateLimitStoreErrorPolicy::deny;
  } else {
    return "allow or deny";
  }
  return std::nullopt;
}

// Rules that tie several variables together; checked once every variable has been read.
void check_auth(const Config& c, const EnvLookup& lookup, std::vector<FieldError>& problems) {
  const auto& auth = c.auth;
  const bool deployed = c.environment == "staging" || c.environment == "prod";
  if (!auth.enabled()) {
    if (deployed) problems.push_back({"COGNITO_USER_POOL_ID", "is required when HUB_ENV is staging or prod"});
    for (const auto* name : {"COGNITO_APP_CLIENT_IDS", "COGNITO_JWKS_URL"}) {
      if (lookup(name)) problems.push_back({name, "is set but COGNITO_USER_POOL_ID is not"});
    }
    return;
  }
  if (auth.app_client_ids.empty())
    problems.push_back({"COGNITO_APP_CLIENT_IDS", "is required when COGNITO_USER_POOL_ID is set"});
  if (deployed && !auth.jwks_url.empty() && !auth.jwks_url.starts_with("https://"))
    problems.push_back({"COGNITO_JWKS_URL", "must be https when HUB_ENV is staging or prod"});
}

const std::vector<Spec>& specs() {
  static const std::vector<Spec> all{
      {{"HUB_ENV", "local", "Deployment environment: local, test, dev, staging or prod."},
       [](std::string_view t, Config& c) -> std::optional<std::string> {
         t = trim(t);
         static constexpr std::array<std::string_view, 5> kAllowed{"local", "test", "dev", "staging", "prod"};
         if (std::find(kAllowed.begin(), kAllowed.end(), t) == kAllowed.end())
           return "one of local, test, dev, staging, prod";
         c.environment = std::string(t);
         return std::nullopt;
       }},
      {{"POWERTOOLS_SERVICE_NAME", "innovation-hub", "The `service` field of every log line and metric."},
       [](std::string_view t, Config& c) -> std::optional<std::string> {
         t = trim(t);
         if (t.empty() || t.size() > 64) return "a non-empty name of at most 64 characters";
         c.service_name = std::string(t);
         return std::nullopt;
       }},
      {{"LOG_LEVEL", "INFO", "Lowest level written: DEBUG, INFO, WARNING, ERROR or CRITICAL."},
       [](std::string_view t, Config& c) -> std::optional<std::string> {
         const auto level = parse_log_level(trim(t));
         if (!level) return "one of DEBUG, INFO, WARNING, ERROR, CRITICAL";
         c.log_level = *level;
         return std::nullopt;
       }},
      {{"CORS_ALLOWED_ORIGINS", "(empty: no cross-origin access)",
        "Comma-separated origins allowed to call the API from a browser, matched exactly "
        "(scheme://host[:port])."},
       [](std::string_view t, Config& c) -> std::optional<std::string> {
         c.cors_allowed_origins.clear();
         for (const auto item : comma_list(t)) {
           if (!valid_origin(item))
             return "comma-separated origins like https://hub.example.org (scheme://host[:port], no path)";
           c.cors_allowed_origins.emplace_back(item);
         }
         return std::nullopt;
       }},
      {{"CORS_MAX_AGE_SECONDS", "600", "How long browsers may cache a preflight answer (0-86400)."},
       [](std::string_view t, Config& c) -> std::optional<std::string> {
         const auto v = parse_int<std::int64_t>(t, 0, 86'400);
         if (!v) return "an integer from 0 to 86400";
         c.cors_max_age = std::chrono::seconds{*v};
         return std::nullopt;
       }},
      {{"MAX_BODY_BYTES", "65536", "Largest request body accepted; larger ones get 413."},
       [](std::string_view t, Config& c) -> std::optional<std::string> {
         const auto v = parse_int<std::size_t>(t, 1, std::size_t{6} * 1024 * 1024);
         if (!v) return "an integer number of bytes from 1 to 6291456 (the Lambda payload limit)";
         c.max_body_bytes = *v;
         return std::nullopt;
       }},
      {{"METRICS_EMF", "on inside Lambda, off elsewhere",
        "Write a CloudWatch Embedded Metric Format line per request: true or false."},
       [](std::string_view t, Config& c) -> std::optional<std::string> {
         t = trim(t);
         if (t == "true" || t == "1") {
           c.emf_metrics = true;
         } else if (t == "false" || t == "0") {
           c.emf_metrics = false;
         } else {
           return "true or false";
         }
         return std::nullopt;
       }},
      {{"POWERTOOLS_METRICS_NAMESPACE", "InnovationHub", "CloudWatch namespace of the EMF metrics."},
       [](std::string_view t, Config& c) -> std::optional<std::string> {
         t = trim(t);
         if (t.empty() || t.size() > 255) return "a non-empty namespace of at most 255 characters";
         c.metrics_namespace = std::string(t);
         return std::nullopt;
       }},
      {{"HUB_TRACING", "auto",
        "auto: record every AWS call of a sampled trace as an X-Ray subsegment, sent to the daemon at "
        "AWS_XRAY_DAEMON_ADDRESS when that is set (inside Lambda with active tracing); off: never "
        "(docs/tracing.md)."},
       apply_tracing},
      {{"HUB_DOCS_DIR", "(empty: share/docs-ui in the build that made the binary)",
        "Folder holding the Swagger UI files GET /docs serves (scripts/bootstrap installs them and the build "
        "copies them there; a Lambda function reads them from its layer). Without them /docs answers 503."},
       [](std::string_view t, Config& c) -> std::optional<std::string> {
         t = trim(t);
         if (t.empty() || t.size() > 4096) return "a folder path of at most 4096 characters";
         c.docs_dir = std::string(t);
         return std::nullopt;
       }},
      {{"HUB_SERVER_THREADS", "0 (one per core)", "Worker threads of hub-server (0-256)."},
       [](std::string_view t, Config& c) -> std::optional<std::string> {
         const auto v = parse_int<unsigned>(t, 0, 256);
         if (!v) return "an integer from 0 to 256";
         c.server.threads = *v;
         return std::nullopt;
       }},
      {{"HUB_MAX_HEADER_BYTES", "16384",
        "Largest request head (request line + headers) hub-server accepts; larger gets 431."},
       [](std::string_view t, Config& c) -> std::optional<std::string> {
         const auto v = parse_int<std::size_t>(t, 1024, 1024 * 1024);
         if (!v) return "an integer number of bytes from 1024 to 1048576";
         c.server.max_header_bytes = *v;
         return std::nullopt;
       }},
      {{"HUB_HEADER_TIMEOUT_MS", "10000", "Time a client has to send the request head."},
       millis(&ServerConfig::header_timeout, 100, 600'000)},
      {{"HUB_BODY_TIMEOUT_MS", "30000", "Time a client has to send the body after the head."},
       millis(&ServerConfig::body_timeout, 100, 600'000)},
      {{"HUB_KEEPALIVE_TIMEOUT_MS", "60000", "How long an idle keep-alive connection is kept."},
       millis(&ServerConfig::keep_alive_timeout, 100, 3'600'000)},
      {{"HUB_SHUTDOWN_GRACE_MS", "10000",
        "On SIGINT/SIGTERM, how long in-flight requests may take to finish."},
       millis(&ServerConfig::shutdown_grace, 0, 600'000)},
      {{"HUB_REQUEST_TIMEOUT_MS", "10000",
        "hub-server's deadline for the calls one request makes to AWS, retries included (in Lambda, the "
        "invocation's own deadline applies)."},
       millis(&ServerConfig::request_timeout, 100, 600'000)},
      {{"HUB_TABLE_NAME", "innovation-hub",
        "The DynamoDB table holding all data (3-255 of A-Z a-z 0-9 _ - .)."},
       apply_table_name},
      {{"HUB_AWS_CONNECT_TIMEOUT_MS", "1000", "Time to open a connection to an AWS endpoint."},
       millis(&Config::storage, &StorageConfig::aws_connect_timeout, 10, 60'000)},
      {{"HUB_AWS_ATTEMPT_TIMEOUT_MS", "3000",
        "Time one attempt of an AWS call may take (retries get their own)."},
       millis(&Config::storage, &StorageConfig::aws_attempt_timeout, 50, 300'000)},
      {{"HUB_CA_BUNDLE", "(empty: the trust store libcurl was built with)",
        "PEM file of the certificate authorities trusted for TLS to AWS and the user pool's keys. In "
        "Lambda, Amazon Linux 2023's /etc/pki/tls/certs/ca-bundle.crt (the layer's libcurl would look in "
        "Debian's place)."},
       apply_ca_bundle},
      {{"HUB_HEALTH_TIMEOUT_MS", "1000", "Budget of GET /health's storage check (DescribeTable)."},
       millis(&Config::storage, &StorageConfig::health_check_timeout, 50, 60'000)},
      {{"HUB_HEALTH_CACHE_MS", "1000",
        "How long GET /health reuses the storage check's outcome (0: check on every request)."},
       millis(&Config::storage, &StorageConfig::health_check_cache, 0, 600'000)},
      {{"HUB_PAGINATION_KEY", "(empty: a random key per process)",
        "Key that signs pagination cursors: at least 32 characters, or a reference to where it is kept, "
        "secretsmanager:<secret id>[#<json key>] or ssm:<parameter name>."},
       apply_pagination_key},
      {{"HUB_ACTIVITY_RETENTION_DAYS", "180",
        "How long a user's activity entries are kept before DynamoDB's TTL removes them (1-3650 days)."},
       [](std::string_view t, Config& c) -> std::optional<std::string> {
         const auto v = parse_int<int>(t, 1, 3650);
         if (!v) return "an integer number of days from 1 to 3650";
         c.storage.activity_retention = std::chrono::days{*v};
         return std::nullopt;
       }},
      {{"COGNITO_USER_POOL_ID", "(empty: no authentication; protected routes answer 401)",
        "The Cognito user pool whose tokens are trusted, <region>_<id>. Required when HUB_ENV is staging or "
        "prod."},
       apply_user_pool_id},
      {{"COGNITO_APP_CLIENT_IDS", "(empty)",
        "Comma-separated app client ids whose tokens are accepted (the ID token's aud, the access token's "
        "client_id). Required with COGNITO_USER_POOL_ID."},
       apply_app_client_ids},
      {{"COGNITO_JWKS_URL", "(empty: the pool's own, <issuer>/.well-known/jwks.json)",
        "Where the pool's signing keys are fetched, for emulators that serve them elsewhere; https when "
        "HUB_ENV is staging or prod."},
       apply_jwks_url},
      {{"HUB_AUTH_ALGORITHMS", "RS256",
        "Comma-separated JWT signature algorithms accepted: RS256, RS384, RS512. The token's own alg never "
        "widens this list."},
       one_or_more_of(&AuthConfig::algorithms, {"RS256", "RS384", "RS512"})},
      {{"HUB_AUTH_TOKEN_USE", "id,access", "Comma-separated token kinds accepted: id, access."},
       one_or_more_of(&AuthConfig::token_uses, {"id", "access"})},
      {{"HUB_AUTH_LEEWAY_SECONDS", "30",
        "Clock skew allowed when checking exp, nbf and iat (0-300 seconds)."},
       [](std::string_view t, Config& c) -> std::optional<std::string> {
         const auto v = parse_int<int>(t, 0, 300);
         if (!v) return "an integer number of seconds from 0 to 300";
         c.auth.leeway = std::chrono::seconds{*v};
         return std::nullopt;
       }},
      {{"HUB_JWKS_TIMEOUT_MS", "1500", "Time one fetch of the signing keys may take, connecting included."},
       millis(&Config::auth, &AuthConfig::jwks_timeout, 100, 10'000)},
      {{"HUB_JWKS_MAX_BYTES", "65536", "Largest signing-key document accepted (1024-1048576 bytes)."},
       [](std::string_view t, Config& c) -> std::optional<std::string> {
         const auto v = parse_int<std::size_t>(t, 1024, 1024 * 1024);
         if (!v) return "an integer number of bytes from 1024 to 1048576";
         c.auth.jwks_max_bytes = *v;
         return std::nullopt;
       }},
      {{"HUB_JWKS_REFETCH_SECONDS", "10",
        "A token signed with an unknown key refetches the signing keys at most this often (1-3600 seconds)."},
       [](std::string_view t, Config& c) -> std::optional<std::string> {
         const auto v = parse_int<int>(t, 1, 3600);
         if (!v) return "an integer number of seconds from 1 to 3600";
         c.auth.jwks_refetch_interval = std::chrono::seconds{*v};
         return std::nullopt;
       }},
      {{"HUB_ROLE_CACHE_MS", "5000",
        "How long a user's roles read from the table are reused; a revoked role stops working within this "
        "time (0-60000)."},
       millis(&Config::auth, &AuthConfig::role_cache, 0, 60'000)},
      {{"HUB_RATE_LIMIT_ENABLED", "true",
        "Count requests in the table and answer 429 past the limits: true or false (docs/rate-limiting.md)."},
       apply_rate_limit_enabled},
      {{"HUB_RATE_LIMITS", kDefaultRateLimitsText,
        "Comma-separated class=N/window (window in s, m, h or d, at most 1d): N requests per window per "
        "user, "
        "or per client address when anonymous; classes not named keep their defaults."},
       apply_rate_limits},
      {{"HUB_RATE_LIMIT_ON_STORE_ERROR", "allow",
        "When a request's counter cannot be updated: allow (serve it, logged and counted in /metrics) or "
        "deny "
        "(503)."},
       apply_rate_limit_on_store_error},
      {{"HUB_RATE_LIMIT_TIMEOUT_MS", "500",
        "Budget of one counter update, retries included; past it the store error rule applies (10-10000)."},
       millis(&Config::rate_limit, &RateLimitConfig::store_timeout, 10, 10'000)},
  };
  return all;
}

}  // namespace

std::string AuthConfig::region() const { return user_pool_id.substr(0, user_pool_id.find('_')); }

std::string AuthConfig::issuer() const {
  return fmt::format("https://cognito-idp.{}.amazonaws.com/{}", region(), user_pool_id);
}

std::string AuthConfig::effective_jwks_url() const {
  return jwks_url.empty() ? issuer() + "/.well-known/jwks.json" : jwks_url;
}

const std::vector<ConfigVariable>& config_variables() {
  static const std::vector<ConfigVariable> all = [] {
    std::vector<ConfigVariable> out;
    for (const auto& s : specs()) out.push_back(s.variable);
    return out;
  }();
  return all;
}

Result<Config> load_config(const EnvLookup& lookup, const std::vector<std::string>& all_names) {
  Config config;
  config.emf_metrics = lookup("AWS_LAMBDA_FUNCTION_NAME").has_value();
  std::vector<FieldError> problems;
  for (const auto& spec : specs()) {
    const auto text = lookup(spec.variable.name);
    if (!text) continue;
    if (auto expected = spec.apply(*text, config)) {
      // The value is not repeated: a malformed setting may be a secret.
      problems.push_back(
          {std::string(spec.variable.name), fmt::format("is malformed; expected {}", *expected)});
    }
  }
  check_auth(config, lookup, problems);
  for (const auto& name : all_names) {
    if (!name.starts_with("HUB_") && !name.starts_with("COGNITO_")) continue;
    const bool known =
        std::any_of(specs().begin(), specs().end(), [&](const Spec& s) { return s.variable.name == name; });
    if (!known) problems.push_back({name, "is not a known setting (see docs/configuration.md)"});
  }
  if (!problems.empty()) {
    return Error{ErrorCode::INTERNAL, "invalid configuration", std::move(problems)};
  }
  return config;
}

EnvLookup process_environment() {
  return [](std::string_view name) -> std::optional<std::string> {
    const std::string key(name);
    if (const char* value = std::getenv(key.c_str()))
      return std::string(value);  // NOLINT(concurrency-mt-unsafe): read at start-up
    return std::nullopt;
  };
}

std::vector<std::string> process_environment_names() {
  std::vector<std::string> names;
  for (char** entry = environ; entry != nullptr && *entry != nullptr; ++entry) {
    const std::string_view text(*entry);
    names.emplace_back(text.substr(0, text.find('=')));
  }
  return names;
}

std::string describe_config_error(const Error& error) {
  std::string out = "configuration error:\n";
  for (const auto& f : error.fields) out += fmt::format("  {} {}\n", f.pointer, f.message);
  return out;
}

}  // namespace hub::core
