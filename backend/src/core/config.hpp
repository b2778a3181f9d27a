#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/log_level.hpp"
#include "core/rate_limits.hpp"
#include "core/result.hpp"

namespace hub::core {

struct ServerConfig {
  unsigned threads = 0;  // 0: one per core
  std::size_t max_header_bytes = 16 * 1024;
  std::chrono::milliseconds header_timeout{10'000};
  std::chrono::milliseconds body_timeout{30'000};
  std::chrono::milliseconds keep_alive_timeout{60'000};
  std::chrono::milliseconds shutdown_grace{10'000};
  std::chrono::milliseconds request_timeout{10'000};  // deadline of a request's outbound calls
};

// Where the data lives and how long calls to it may take.
struct StorageConfig {
  std::string table_name = "innovation-hub";
  std::chrono::milliseconds aws_connect_timeout{1000};
  std::chrono::milliseconds aws_attempt_timeout{3000};
  std::string ca_bundle;  // empty: libcurl's built-in trust store
  std::chrono::milliseconds health_check_timeout{1000};
  std::chrono::milliseconds health_check_cache{1000};
  std::string pagination_key;  // a literal key, or a secretsmanager:/ssm: reference (aws/secrets.hpp)
  std::chrono::days activity_retention{180};  // user activity expires (DynamoDB TTL) this long after
};

// Who may call: the Cognito user pool whose tokens are trusted, and how strictly they are checked
// (docs/auth.md). Without a pool (local and test only), every protected route answers 401.
struct AuthConfig {
  std::string user_pool_id;                      // "<region>_<id>"; empty: authentication is off
  std::vector<std::string> app_client_ids;       // tokens of these app clients only (aud / client_id)
  std::string jwks_url;                          // empty: the pool's own, <issuer>/.well-known/jwks.json
  std::vector<std::string> algorithms{"RS256"};  // allow-list; the token's alg never chooses
  std::vector<std::string> token_uses{"id", "access"};  // accepted token_use values
  std::chrono::seconds leeway{30};                      // clock skew allowed for exp / nbf / iat
  std::chrono::milliseconds jwks_timeout{1500};         // one JWKS fetch, connect included
  std::size_t jwks_max_bytes = 64 * 1024;               // a larger JWKS response is refused
  std::chrono::seconds jwks_refetch_interval{10};       // unknown kids refetch at most this often
  std::chrono::milliseconds role_cache{5000};           // how long roles read from the table are reused

  [[nodiscard]] bool enabled() const noexcept { return !user_pool_id.empty(); }
  // The region part of the pool id ("eu-west-1" of "eu-west-1_AbC123").
  [[nodiscard]] std::string region() const;
  // https://cognito-idp.<region>.amazonaws.com/<pool id>: the only `iss` accepted.
  [[nodiscard]] std::string issuer() const;
  // jwks_url when set, else the issuer's /.well-known/jwks.json.
  [[nodiscard]] std::string effective_jwks_url() const;
};

// Whether calls to AWS are recorded as X-Ray subsegments (docs/tracing.md).
enum class TracingMode : std::uint8_t {
  automatic,  // when the X-Ray daemon's address is set (AWS_XRAY_DAEMON_ADDRESS) and a trace is sampled
  off,        // never; trace headers are still passed on
};

// The whole configuration of a process, read once from the environment at start.
struct Config {
  std::string environment = "local";
  std::string service_name = "innovation-hub";
  LogLevel log_level = LogLevel::INFO;
  std::vector<std::string> cors_allowed_origins;
  std::chrono::seconds cors_max_age{600};
  std::size_t max_body_bytes = 64 * 1024;
  bool emf_metrics = false;
  std::string metrics_namespace = "InnovationHub";
  TracingMode tracing = TracingMode::automatic;
  std::string docs_dir;  // HUB_DOCS_DIR: the /docs page's Swagger UI files; empty: the build's own
  ServerConfig server;
  StorageConfig storage;
  AuthConfig auth;
  RateLimitConfig rate_limit;
};

// Looks up one variable; std::nullopt when unset.
using EnvLookup = std::function<std::optional<std::string>(std::string_view)>;

struct ConfigVariable {
  std::string_view name;
  std::string_view default_text;  // what an unset variable means
  std::string_view description;
};

// Every variable the process reads, with its default (docs/configuration.md mirrors it).
[[nodiscard]] const std::vector<ConfigVariable>& config_variables();

// Reads and validates everything. On failure the error lists every bad variable, one
// FieldError each (pointer = variable name), so one start-up shows all mistakes at once.
// `all_names` (the environment's variable names) lets unknown HUB_* variables be rejected.
[[nodiscard]] Result<Config> load_config(const EnvLookup& lookup,
                                         const std::vector<std::string>& all_names = {});

// The real process environment.
[[nodiscard]] EnvLookup process_environment();
[[nodiscard]] std::vector<std::string> process_environment_names();

// Formats a configuration error for stderr, one line per variable.
[[nodiscard]] std::string describe_config_error(const Error& error);

}  // namespace hub::core
