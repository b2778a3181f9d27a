#include <map>
#include <set>
#include <string>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "core/config.hpp"

namespace hub::core {
namespace {

using namespace std::chrono_literals;
using ::testing::HasSubstr;
using ::testing::Not;

using Env = std::map<std::string, std::string, std::less<>>;

EnvLookup lookup_in(const Env& env) {
  return [env](std::string_view name) -> std::optional<std::string> {
    if (auto it = env.find(name); it != env.end()) return it->second;
    return std::nullopt;
  };
}

std::vector<std::string> names_of(const Env& env) {
  std::vector<std::string> out;
  for (const auto& [k, v] : env) out.push_back(k);
  return out;
}

Result<Config> load(const Env& env) { return load_config(lookup_in(env), names_of(env)); }

const FieldError* field_named(const Error& e, std::string_view name) {
  for (const auto& f : e.fields) {
    if (f.pointer == name) return &f;
  }
  return nullptr;
}

TEST(Config, DefaultsWhenEnvironmentIsEmpty) {
  const auto r = load({});
  ASSERT_TRUE(r.ok()) << describe_config_error(r.error());
  const Config& c = *r;
  EXPECT_EQ(c.environment, "local");
  EXPECT_EQ(c.service_name, "innovation-hub");
  EXPECT_EQ(c.log_level, LogLevel::INFO);
  EXPECT_TRUE(c.cors_allowed_origins.empty());
  EXPECT_EQ(c.cors_max_age, 600s);
  EXPECT_EQ(c.max_body_bytes, 65536U);
  EXPECT_FALSE(c.emf_metrics);
  EXPECT_EQ(c.metrics_namespace, "InnovationHub");
  EXPECT_EQ(c.server.threads, 0U);
  EXPECT_EQ(c.server.max_header_bytes, 16384U);
  EXPECT_EQ(c.server.header_timeout, 10'000ms);
  EXPECT_EQ(c.server.body_timeout, 30'000ms);
  EXPECT_EQ(c.server.keep_alive_timeout, 60'000ms);
  EXPECT_EQ(c.server.shutdown_grace, 10'000ms);
  EXPECT_EQ(c.server.request_timeout, 10'000ms);
  EXPECT_EQ(c.storage.table_name, "innovation-hub");
  EXPECT_EQ(c.storage.aws_connect_timeout, 1'000ms);
  EXPECT_EQ(c.storage.aws_attempt_timeout, 3'000ms);
  EXPECT_EQ(c.storage.health_check_timeout, 1'000ms);
}

TEST(Config, TableNamesFollowDynamoDbRules) {
  EXPECT_FALSE(load({{"HUB_TABLE_NAME", "ab"}}).ok());
  EXPECT_FALSE(load({{"HUB_TABLE_NAME", "has space"}}).ok());
  EXPECT_FALSE(load({{"HUB_TABLE_NAME", "slash/name"}}).ok());
  EXPECT_FALSE(load({{"HUB_TABLE_NAME", std::string(256, 'a')}}).ok());
  EXPECT_TRUE(load({{"HUB_TABLE_NAME", "Hub_table-1.x"}}).ok());
}

TEST(Config, EveryVariableIsParsed) {
  const Env env{
      {"HUB_ENV", "staging"},
      {"POWERTOOLS_SERVICE_NAME", "hub-users"},
      {"LOG_LEVEL", "debug"},
      {"CORS_ALLOWED_ORIGINS", "https://hub.example.org, http://localhost:3000"},
      {"CORS_MAX_AGE_SECONDS", "120"},
      {"MAX_BODY_BYTES", "1024"},
      {"METRICS_EMF", "true"},
      {"POWERTOOLS_METRICS_NAMESPACE", "Hub/Staging"},
      {"HUB_TRACING", " off "},
      {"HUB_DOCS_DIR", " /opt/share/docs-ui "},
      {"HUB_SERVER_THREADS", "4"},
      {"HUB_MAX_HEADER_BYTES", "8192"},
      {"HUB_HEADER_TIMEOUT_MS", "1500"},
      {"HUB_BODY_TIMEOUT_MS", "2500"},
      {"HUB_KEEPALIVE_TIMEOUT_MS", "3500"},
      {"HUB_SHUTDOWN_GRACE_MS", "0"},
      {"HUB_REQUEST_TIMEOUT_MS", "4500"},
      {"HUB_TABLE_NAME", "hub-staging.v2"},
      {"HUB_AWS_CONNECT_TIMEOUT_MS", "250"},
      {"HUB_AWS_ATTEMPT_TIMEOUT_MS", "900"},
      {"HUB_CA_BUNDLE", " /etc/pki/tls/certs/ca-bundle.crt "},
      {"HUB_HEALTH_TIMEOUT_MS", "700"},
      {"HUB_HEALTH_CACHE_MS", "0"},
      {"HUB_PAGINATION_KEY", "ssm:/hub/staging/pagination-key"},
      {"HUB_ACTIVITY_RETENTION_DAYS", "30"},
      {"COGNITO_USER_POOL_ID", "eu-west-1_AbC123xyz"},
      {"COGNITO_APP_CLIENT_IDS", "client1, client2"},
      {"COGNITO_JWKS_URL", "https://keys.example.org/jwks.json"},
      {"HUB_AUTH_ALGORITHMS", "RS256,RS512"},
      {"HUB_AUTH_TOKEN_USE", "access"},
      {"HUB_AUTH_LEEWAY_SECONDS", "5"},
      {"HUB_JWKS_TIMEOUT_MS", "800"},
      {"HUB_JWKS_MAX_BYTES", "4096"},
      {"HUB_JWKS_REFETCH_SECONDS", "30"},
      {"HUB_ROLE_CACHE_MS", "2000"},
      {"HUB_RATE_LIMIT_ENABLED", "false"},
      {"HUB_RATE_LIMITS", "read=5/30s, search=20/1h"},
      {"HUB_RATE_LIMIT_ON_STORE_ERROR", "deny"},
      {"HUB_RATE_LIMIT_TIMEOUT_MS", "250"},
  };
  // The test sets every variable the process documents.
  std::set<std::string> documented;
  for (const auto& v : config_variables()) documented.emplace(v.name);
  std::set<std::string> set_here;
  for (const auto& [k, v] : env) set_here.insert(k);
  EXPECT_EQ(documented, set_here);

  const auto r = load(env);
  ASSERT_TRUE(r.ok()) << describe_config_error(r.error());
  const Config& c = *r;
  EXPECT_EQ(c.environment, "staging");
  EXPECT_EQ(c.service_name, "hub-users");
  EXPECT_EQ(c.log_level, LogLevel::DEBUG);
  EXPECT_EQ(c.cors_allowed_origins,
            (std::vector<std::string>{"https://hub.example.org", "http://localhost:3000"}));
  EXPECT_EQ(c.cors_max_age, 120s);
  EXPECT_EQ(c.max_body_bytes, 1024U);
  EXPECT_TRUE(c.emf_metrics);
  EXPECT_EQ(c.metrics_namespace, "Hub/Staging");
  EXPECT_EQ(c.tracing, TracingMode::off);
  EXPECT_EQ(c.docs_dir, "/opt/share/docs-ui");
  EXPECT_EQ(c.storage.ca_bundle, "/etc/pki/tls/certs/ca-bundle.crt");
  EXPECT_EQ(c.server.threads, 4U);
  EXPECT_EQ(c.server.max_header_bytes, 8192U);
  EXPECT_EQ(c.server.header_timeout, 1500ms);
  EXPECT_EQ(c.server.body_timeout, 2500ms);
  EXPECT_EQ(c.server.keep_alive_timeout, 3500ms);
  EXPECT_EQ(c.server.shutdown_grace, 0ms);
  EXPECT_EQ(c.server.request_timeout, 4500ms);
  EXPECT_EQ(c.storage.table_name, "hub-staging.v2");
  EXPECT_EQ(c.storage.aws_connect_timeout, 250ms);
  EXPECT_EQ(c.storage.aws_attempt_timeout, 900ms);
  EXPECT_EQ(c.storage.health_check_timeout, 700ms);
  EXPECT_EQ(c.storage.health_check_cache, 0ms);
  EXPECT_EQ(c.storage.pagination_key, "ssm:/hub/staging/pagination-key");
  EXPECT_EQ(c.storage.activity_retention, std::chrono::days{30});
  EXPECT_EQ(c.auth.user_pool_id, "eu-west-1_AbC123xyz");
  EXPECT_EQ(c.auth.app_client_ids, (std::vector<std::string>{"client1", "client2"}));
  EXPECT_EQ(c.auth.jwks_url, "https://keys.example.org/jwks.json");
  EXPECT_EQ(c.auth.algorithms, (std::vector<std::string>{"RS256", "RS512"}));
  EXPECT_EQ(c.auth.token_uses, (std::vector<std::string>{"access"}));
  EXPECT_EQ(c.auth.leeway, 5s);
  EXPECT_EQ(c.auth.jwks_timeout, 800ms);
  EXPECT_EQ(c.auth.jwks_max_bytes, 4096U);
  EXPECT_EQ(c.auth.jwks_refetch_interval, 30s);
  EXPECT_EQ(c.auth.role_cache, 2000ms);
  EXPECT_FALSE(c.rate_limit.enabled);
  EXPECT_EQ(c.rate_limit.limits.at("read"), (RateLimit{.limit = 5, .window = 30s}));
  EXPECT_EQ(c.rate_limit.limits.at("search"), (RateLimit{.limit = 20, .window = 1h}));
  EXPECT_EQ(c.rate_limit.limits.at("write"), default_rate_limits().at("write"))
      << "classes not named keep theirs";
  EXPECT_EQ(c.rate_limit.on_store_error, RateLimitStoreErrorPolicy::deny);
  EXPECT_EQ(c.rate_limit.store_timeout, 250ms);
}

TEST(Config, TracingIsAutomaticUnlessSwitchedOff) {
  const auto defaults = load({});
  ASSERT_TRUE(defaults.ok());
  EXPECT_EQ(defaults->tracing, TracingMode::automatic);
  const auto automatic = load({{"HUB_TRACING", "auto"}});
  ASSERT_TRUE(automatic.ok());
  EXPECT_EQ(automatic->tracing, TracingMode::automatic);
}

TEST(Config, RateLimitingIsOnWithDocumentedDefaults) {
  const auto r = load({});
  ASSERT_TRUE(r.ok()) << describe_config_error(r.error());
  const auto& rate = r->rate_limit;
  EXPECT_TRUE(rate.enabled);
  EXPECT_EQ(rate.on_store_error, RateLimitStoreErrorPolicy::allow);
  EXPECT_EQ(rate.store_timeout, 500ms);
  const RateLimits expected{{"auth-failure", {.limit = 60, .window = 60s}},
                            {"feedback", {.limit = 20, .window = 3600s}},
                            {"public", {.limit = 300, .window = 60s}},
                            {"read", {.limit = 600, .window = 60s}},
                            {"write", {.limit = 120, .window = 60s}}};
  EXPECT_EQ(rate.limits, expected);
  // The default the docs show is the default the code uses.
  for (const auto& v : config_variables()) {
    if (v.name == "HUB_RATE_LIMITS") {
      EXPECT_EQ(v.default_text, format_rate_limits(default_rate_limits()));
    }
  }
}

TEST(Config, RateLimitListsAreClassEqualsCountSlashWindow) {
  const auto parsed = parse_rate_limits(" public=1/1s ,read=2/90s,write=3/2m, x_y-9=4/3h,bulk=1000000/1d");
  ASSERT_TRUE(parsed.has_value());
  EXPECT_EQ(*parsed, (RateLimits{{"public", {.limit = 1, .window = 1s}},
                                 {"read", {.limit = 2, .window = 90s}},
                                 {"write", {.limit = 3, .window = 120s}},
                                 {"x_y-9", {.limit = 4, .window = 3h}},
                                 {"bulk", {.limit = 1'000'000, .window = 24h}}}));
  EXPECT_EQ(format_rate_limits(*parsed), "bulk=1000000/1d,public=1/1s,read=2/90s,write=3/2m,x_y-9=4/3h");
  EXPECT_EQ(parse_rate_limits(""), RateLimits{}) << "nothing named: every class keeps its default";
  for (const std::string_view bad : std::vector<std::string_view>{"read",
                                                                  "read=5",
                                                                  "read=5/",
                                                                  "read=/1m",
                                                                  "read=5/60",
                                                                  "read=5/1w",
                                                                  "read=0/1m",
                                                                  "read=-1/1m",
                                                                  "read=1000001/1m",
                                                                  "read=5/0s",
                                                                  "read=5/2d",
                                                                  "read=5/86401s",
                                                                  "Read=5/1m",
                                                                  "re ad=5/1m",
                                                                  "=5/1m",
                                                                  "read=5/1m,read=6/1m",
                                                                  "read=5/1m,",
                                                                  ",read=5/1m",
                                                                  "read=5/1m,,write=1/1m",
                                                                  "read=1.5/1m",
                                                                  "read=5/1.5m",
                                                                  "a-very-long-class-name-beyond-32c=1/1m"}) {
    SCOPED_TRACE(std::string(bad));
    EXPECT_FALSE(parse_rate_limits(bad).has_value());
  }
}

TEST(Config, BadRateLimitSettingsRefuseToStartNamingTheVariable) {
  const Env env{{"HUB_RATE_LIMITS", "read=lots/1m"},
                {"HUB_RATE_LIMIT_ENABLED", "maybe"},
                {"HUB_RATE_LIMIT_ON_STORE_ERROR", "ignore"},
                {"HUB_RATE_LIMIT_TIMEOUT_MS", "5"}};
  const auto r = load(env);
  ASSERT_FALSE(r.ok());
  ASSERT_EQ(r.error().fields.size(), env.size()) << describe_config_error(r.error());
  EXPECT_THAT(field_named(r.error(), "HUB_RATE_LIMITS")->message, HasSubstr("class=N/window"));
  EXPECT_THAT(field_named(r.error(), "HUB_RATE_LIMIT_ENABLED")->message, HasSubstr("true or false"));
  EXPECT_THAT(field_named(r.error(), "HUB_RATE_LIMIT_ON_STORE_ERROR")->message, HasSubstr("allow or deny"));
  EXPECT_THAT(field_named(r.error(), "HUB_RATE_LIMIT_TIMEOUT_MS")->message, HasSubstr("from 10 to 10000"));
}

TEST(Config, TheIssuerAndTheKeysComeFromThePool) {
  const auto r = load({{"COGNITO_USER_POOL_ID", "af-south-1_Xy9"}, {"COGNITO_APP_CLIENT_IDS", "abc"}});
  ASSERT_TRUE(r.ok()) << describe_config_error(r.error());
  EXPECT_TRUE(r->auth.enabled());
  EXPECT_EQ(r->auth.region(), "af-south-1");
  EXPECT_EQ(r->auth.issuer(), "https://cognito-idp.af-south-1.amazonaws.com/af-south-1_Xy9");
  EXPECT_EQ(r->auth.effective_jwks_url(),
            "https://cognito-idp.af-south-1.amazonaws.com/af-south-1_Xy9/.well-known/jwks.json");
  EXPECT_EQ(r->auth.algorithms, std::vector<std::string>{"RS256"});
  EXPECT_EQ(r->auth.token_uses, (std::vector<std::string>{"id", "access"}));
}

TEST(Config, AuthenticationIsOffWithoutAPoolOnlyLocally) {
  const auto local = load({});
  ASSERT_TRUE(local.ok());
  EXPECT_FALSE(local->auth.enabled());
  for (const char* environment : {"staging", "prod"}) {
    const auto r = load({{"HUB_ENV", environment}});
    ASSERT_FALSE(r.ok()) << environment;
    ASSERT_EQ(r.error().fields.size(), 1U);
    EXPECT_EQ(r.error().fields[0].pointer, "COGNITO_USER_POOL_ID");
  }
}

TEST(Config, BadAuthSettingsAreAllReported) {
  const auto r = load({{"HUB_ENV", "prod"},
                       {"COGNITO_USER_POOL_ID", "eu-west-1_AbC123"},
                       {"COGNITO_JWKS_URL", "http://keys.example.org/jwks.json"},
                       {"HUB_AUTH_ALGORITHMS", "RS256,none"},
                       {"HUB_AUTH_TOKEN_USE", "id,id"},
                       {"HUB_AUTH_LEEWAY_SECONDS", "301"},
                       {"COGNITO_REGION", "eu-west-1"}});
  ASSERT_FALSE(r.ok());
  std::set<std::string> named;
  for (const auto& f : r.error().fields) named.insert(f.pointer);
  EXPECT_EQ(named,
            (std::set<std::string>{"COGNITO_APP_CLIENT_IDS", "COGNITO_JWKS_URL", "HUB_AUTH_ALGORITHMS",
                                   "HUB_AUTH_TOKEN_USE", "HUB_AUTH_LEEWAY_SECONDS", "COGNITO_REGION"}));
}

TEST(Config, APoolIdNeedsARegionAndAnId) {
  for (const char* bad :
       {"", "eu-west-1", "eu-west-1_", "_abc", "EU-WEST-1_abc", "eu-west-1_ab/c", "eu_abc"}) {
    const auto r = load({{"COGNITO_USER_POOL_ID", bad}, {"COGNITO_APP_CLIENT_IDS", "abc"}});
    EXPECT_FALSE(r.ok()) << bad;
  }
  EXPECT_FALSE(load({{"COGNITO_APP_CLIENT_IDS", "abc"}}).ok()) << "client ids without a pool";
}

TEST(Config, APaginationKeyIsLongEnoughOrAReference) {
  EXPECT_FALSE(load({{"HUB_PAGINATION_KEY", "too-short"}}).ok());
  EXPECT_FALSE(load({{"HUB_PAGINATION_KEY", "ssm:"}}).ok());
  EXPECT_FALSE(load({{"HUB_PAGINATION_KEY", "secretsmanager:"}}).ok());
  EXPECT_TRUE(load({{"HUB_PAGINATION_KEY", std::string(32, 'k')}}).ok());
  EXPECT_TRUE(load({{"HUB_PAGINATION_KEY", "secretsmanager:hub/keys#pagination"}}).ok());
  const auto bad = load({{"HUB_PAGINATION_KEY", "short-secret-value"}});
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(describe_config_error(bad.error()).find("short-secret-value"), std::string::npos)
      << "a rejected key is never echoed";
}

TEST(Config, SurroundingBlanksAreIgnored) {
  const auto r = load({{"LOG_LEVEL", " WARN "}, {"MAX_BODY_BYTES", " 2048\t"}, {"METRICS_EMF", " 0 "}});
  ASSERT_TRUE(r.ok()) << describe_config_error(r.error());
  EXPECT_EQ(r->log_level, LogLevel::WARNING);
  EXPECT_EQ(r->max_body_bytes, 2048U);
  EXPECT_FALSE(r->emf_metrics);
}

TEST(Config, EveryMalformedVariableIsReportedOnceWithWhatIsExpected) {
  const Env env{
      {"HUB_ENV", "production"},
      {"POWERTOOLS_SERVICE_NAME", ""},
      {"LOG_LEVEL", "verbose"},
      {"CORS_ALLOWED_ORIGINS", "portal.example.org"},
      {"CORS_MAX_AGE_SECONDS", "-1"},
      {"MAX_BODY_BYTES", "64k"},
      {"METRICS_EMF", "s3cr3t-yes"},
      {"POWERTOOLS_METRICS_NAMESPACE", std::string(256, 'n')},
      {"HUB_SERVER_THREADS", "1000"},
      {"HUB_MAX_HEADER_BYTES", "77"},
      {"HUB_HEADER_TIMEOUT_MS", "fast-as-light"},
      {"HUB_BODY_TIMEOUT_MS", "99"},
      {"HUB_KEEPALIVE_TIMEOUT_MS", "3600001"},
      {"HUB_SHUTDOWN_GRACE_MS", "1.5"},
      {"HUB_DOCS_DIR", "  "},
      {"HUB_TRACING", "on"},
      {"HUB_CA_BUNDLE", "certs/ca.pem"},
  };
  const auto r = load(env);
  ASSERT_FALSE(r.ok());
  const Error& e = r.error();
  ASSERT_EQ(e.fields.size(), env.size()) << describe_config_error(e);
  const std::map<std::string, std::string> expected_hint{
      {"HUB_ENV", "one of local, test, dev, staging, prod"},
      {"POWERTOOLS_SERVICE_NAME", "non-empty name"},
      {"LOG_LEVEL", "one of DEBUG, INFO, WARNING, ERROR, CRITICAL"},
      {"CORS_ALLOWED_ORIGINS", "scheme://host[:port], no path"},
      {"CORS_MAX_AGE_SECONDS", "from 0 to 86400"},
      {"MAX_BODY_BYTES", "from 1 to 6291456"},
      {"METRICS_EMF", "true or false"},
      {"POWERTOOLS_METRICS_NAMESPACE", "at most 255 characters"},
      {"HUB_SERVER_THREADS", "from 0 to 256"},
      {"HUB_MAX_HEADER_BYTES", "from 1024 to 1048576"},
      {"HUB_HEADER_TIMEOUT_MS", "milliseconds from 100 to 600000"},
      {"HUB_BODY_TIMEOUT_MS", "milliseconds from 100 to 600000"},
      {"HUB_KEEPALIVE_TIMEOUT_MS", "milliseconds from 100 to 3600000"},
      {"HUB_SHUTDOWN_GRACE_MS", "milliseconds from 0 to 600000"},
      {"HUB_DOCS_DIR", "a folder path"},
      {"HUB_TRACING", "auto or off"},
      {"HUB_CA_BUNDLE", "an absolute file path"},
  };
  for (const auto& [name, value] : env) {
    SCOPED_TRACE(name);
    const FieldError* f = field_named(e, name);
    ASSERT_NE(f, nullptr);
    EXPECT_THAT(f->message, HasSubstr("expected"));
    EXPECT_THAT(f->message, HasSubstr(expected_hint.at(name)));
    // The value itself is never repeated: a malformed setting may be a secret.
    if (!value.empty()) {
      EXPECT_THAT(f->message, Not(HasSubstr(value)));
    }
  }
  const std::string text = describe_config_error(e);
  for (const auto& [name, value] : env) EXPECT_THAT(text, HasSubstr(name));
}

TEST(Config, OnlyTheBadVariablesAreReported) {
  const auto r = load({{"LOG_LEVEL", "INFO"}, {"MAX_BODY_BYTES", "0"}, {"HUB_ENV", "dev"}});
  ASSERT_FALSE(r.ok());
  ASSERT_EQ(r.error().fields.size(), 1U);
  EXPECT_EQ(r.error().fields[0].pointer, "MAX_BODY_BYTES");
}

TEST(Config, UnknownHubVariableIsRejected) {
  const Env env{{"HUB_ENV", "test"}, {"HUB_MAX_BODY", "10"}, {"PATH", "/usr/bin"}, {"MAX_BODY_BYTE", "1"}};
  const auto r = load(env);
  ASSERT_FALSE(r.ok());
  ASSERT_EQ(r.error().fields.size(), 1U) << describe_config_error(r.error());
  EXPECT_EQ(r.error().fields[0].pointer, "HUB_MAX_BODY");
  EXPECT_THAT(r.error().fields[0].message, HasSubstr("not a known setting"));
}

TEST(Config, KnownHubVariablesAreNotUnknown) {
  Env env;
  for (const auto& v : config_variables()) {
    if (v.name.starts_with("HUB_")) env.emplace(std::string(v.name), "");
  }
  // Values are empty (malformed for most); none may be reported as unknown.
  const auto r = load_config(lookup_in({}), names_of(env));
  EXPECT_TRUE(r.ok());
}

TEST(Config, CorsOriginsAcceptExactOriginsOnly) {
  auto origins = [](std::string text) { return load({{"CORS_ALLOWED_ORIGINS", std::move(text)}}); };
  {
    const auto r = origins("https://a.example.org,https://b.example.org:8443, ,http://127.0.0.1:5173");
    ASSERT_TRUE(r.ok()) << describe_config_error(r.error());
    EXPECT_EQ(r->cors_allowed_origins,
              (std::vector<std::string>{"https://a.example.org", "https://b.example.org:8443",
                                        "http://127.0.0.1:5173"}));
  }
  {
    const auto r = origins("");
    ASSERT_TRUE(r.ok());
    EXPECT_TRUE(r->cors_allowed_origins.empty());
  }
  for (const char* bad : {"https://a.example.org/", "https://a.example.org/app", "ftp://a.example.org",
                          "a.example.org", "https://", "*"}) {
    SCOPED_TRACE(bad);
    const auto r = origins(std::string("https://ok.example.org,") + bad);
    ASSERT_FALSE(r.ok());
    ASSERT_EQ(r.error().fields.size(), 1U);
    EXPECT_EQ(r.error().fields[0].pointer, "CORS_ALLOWED_ORIGINS");
  }
}

TEST(Config, EmfDefaultsOnInsideLambda) {
  {
    const auto r = load({{"AWS_LAMBDA_FUNCTION_NAME", "hub-health"}});
    ASSERT_TRUE(r.ok());
    EXPECT_TRUE(r->emf_metrics);
  }
  {
    const auto r = load({{"AWS_LAMBDA_FUNCTION_NAME", "hub-health"}, {"METRICS_EMF", "false"}});
    ASSERT_TRUE(r.ok());
    EXPECT_FALSE(r->emf_metrics);
  }
  {
    const auto r = load({{"METRICS_EMF", "1"}});
    ASSERT_TRUE(r.ok());
    EXPECT_TRUE(r->emf_metrics);
  }
}

TEST(Config, VariablesTableIsComplete) {
  std::set<std::string_view> names;
  for (const auto& v : config_variables()) {
    SCOPED_TRACE(std::string(v.name));
    EXPECT_TRUE(names.insert(v.name).second) << "duplicate";
    EXPECT_FALSE(v.default_text.empty());
    EXPECT_FALSE(v.description.empty());
  }
}

TEST(Config, ProcessEnvironmentReadsRealVariables) {
  const auto env = process_environment();
  EXPECT_FALSE(env("HUB_SURELY_NOT_SET_ANYWHERE_42").has_value());
  const auto names = process_environment_names();
  EXPECT_FALSE(names.empty());
  for (const auto& n : names) EXPECT_EQ(n.find('='), std::string::npos) << n;
}

TEST(LogLevel, ParsesPowertoolsNamesInAnyCase) {
  EXPECT_EQ(parse_log_level("debug"), LogLevel::DEBUG);
  EXPECT_EQ(parse_log_level("Info"), LogLevel::INFO);
  EXPECT_EQ(parse_log_level("WARN"), LogLevel::WARNING);
  EXPECT_EQ(parse_log_level("warning"), LogLevel::WARNING);
  EXPECT_EQ(parse_log_level("ERROR"), LogLevel::ERROR);
  EXPECT_EQ(parse_log_level("critical"), LogLevel::CRITICAL);
  EXPECT_EQ(parse_log_level(""), std::nullopt);
  EXPECT_EQ(parse_log_level("TRACE"), std::nullopt);
  for (auto l : {LogLevel::DEBUG, LogLevel::INFO, LogLevel::WARNING, LogLevel::ERROR, LogLevel::CRITICAL}) {
    EXPECT_EQ(parse_log_level(to_string(l)), l);
  }
}

}  // namespace
}  // namespace hub::core
