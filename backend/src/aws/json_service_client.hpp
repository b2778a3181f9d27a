#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include <boost/json/value.hpp>

#include "aws/aws_environment.hpp"
#include "aws/aws_error.hpp"
#include "aws/http_transport.hpp"
#include "aws/retry.hpp"
#include "core/call_observer.hpp"
#include "core/clock.hpp"
#include "core/deadline.hpp"

namespace hub::aws {

// How one AWS JSON-protocol service is spoken to.
struct JsonServiceSpec {
  Service service = Service::dynamodb;
  std::string_view target_prefix;  // X-Amz-Target: <prefix>.<Operation>
  std::string_view content_type;   // application/x-amz-json-1.0 or 1.1
  bool verify_crc32 = false;       // DynamoDB signs its bodies with x-amz-crc32
  // The capacity units a response body reports, for services that report any (DynamoDB).
  std::optional<double> (*consumed_capacity)(const boost::json::value& response) = nullptr;
};

[[nodiscard]] const JsonServiceSpec& dynamodb_spec() noexcept;
[[nodiscard]] const JsonServiceSpec& secrets_manager_spec() noexcept;
[[nodiscard]] const JsonServiceSpec& ssm_spec() noexcept;

// Where, as whom and how patiently to call a service.
struct ClientSettings {
  std::string endpoint;  // scheme://host[:port], no trailing slash
  std::string region;
  Credentials credentials;
  RetryPolicy retry;
  std::chrono::milliseconds connect_timeout{1000};
  std::chrono::milliseconds attempt_timeout{3000};
  // Told of every call's outcome (metrics); none when null.
  std::shared_ptr<core::CallObserver> observer;

  // From the resolved environment, for one service.
  [[nodiscard]] static ClientSettings from(const AwsEnvironment& env, Service service);
};

// Calls the operations of one JSON-protocol service: signs each attempt with SigV4, sends it
// through the shared transport, verifies the CRC32 where the service sends one, parses errors
// into AwsErrors, and retries what is retryable (standard mode: full-jitter backoff, the shared
// retry quota) while the deadline allows; tells the settings' observer how each call went.
// Inside a trace (core::current_trace()) every attempt carries an unsigned X-Amzn-Trace-Id:
// Parent is the call's own subsegment when the trace is sampled and the observer records
// subsegments, else the trace's Parent as received. Thread-safe; holds no per-call state.
class JsonServiceClient {
 public:
  JsonServiceClient(const JsonServiceSpec& spec, ClientSettings settings, HttpTransport& transport,
                    RetryQuota& quota, RetryEnvironment retry_env = RetryEnvironment::system(),
                    const core::Clock& clock = core::SystemClock::instance());

  // Calls `operation` with a JSON request body; returns the parsed response body. The deadline
  // defaults to the thread's current one (core::current_deadline()).
  [[nodiscard]] AwsResult<boost::json::value> call(std::string_view operation, std::string_view body,
                                                   core::Deadline deadline = core::current_deadline()) const;
  // The same for a call about one resource (DynamoDB: its table), which the observer is told.
  [[nodiscard]] AwsResult<boost::json::value> call(std::string_view operation, std::string_view resource,
                                                   std::string_view body, core::Deadline deadline) const;

  [[nodiscard]] const ClientSettings& settings() const noexcept { return settings_; }
  [[nodiscard]] const RetryEnvironment& retry_environment() const noexcept { return retry_env_; }

 private:
  // What the attempts of one call saw, for the observer.
  struct Attempts {
    int count = 0;
    int http_status = 0;     // of the last attempt's response; 0 when none came back
    std::string request_id;  // of the last attempt's response
  };
  [[nodiscard]] AwsResult<boost::json::value> call_with_retries(std::string_view operation,
                                                                std::string_view body,
                                                                std::string_view trace_header,
                                                                core::Deadline deadline,
                                                                Attempts& attempts) const;
  [[nodiscard]] HttpRequest signed_request(std::string_view operation, std::string_view body,
                                           std::string_view trace_header) const;
  [[nodiscard]] AwsResult<boost::json::value> read_response(const HttpResponse& response) const;

  JsonServiceSpec spec_;
  ClientSettings settings_;
  std::string host_;  // Host header value, from the endpoint
  std::string path_;  // "/" or the endpoint's path + "/"
  std::string url_;
  HttpTransport& transport_;
  RetryQuota& quota_;
  RetryEnvironment retry_env_;
  const core::Clock& clock_;
};

}  // namespace hub::aws
