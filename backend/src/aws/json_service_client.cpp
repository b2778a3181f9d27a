#include "aws/json_service_client.hpp"

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <utility>

#include <fmt/format.h>
#include <boost/json/parse.hpp>

#include "aws/crc32.hpp"
#include "aws/dynamodb_wire.hpp"
#include "aws/error_parser.hpp"
#include "aws/sigv4.hpp"
#include "core/log.hpp"

namespace hub::aws {
namespace {

// "https://dynamodb.eu-west-1.amazonaws.com" -> "dynamodb.eu-west-1.amazonaws.com";
// "http://127.0.0.1:8000" -> "127.0.0.1:8000" (a default port is left out, as clients send it).
std::string host_of(std::string_view endpoint) {
  const auto scheme_end = endpoint.find("://");
  const std::string_view scheme = scheme_end == std::string_view::npos ? "" : endpoint.substr(0, scheme_end);
  std::string_view rest = scheme_end == std::string_view::npos ? endpoint : endpoint.substr(scheme_end + 3);
  rest = rest.substr(0, rest.find('/'));
  if ((scheme == "http" && rest.ends_with(":80")) || (scheme == "https" && rest.ends_with(":443"))) {
    rest.remove_suffix(rest.size() - rest.rfind(':'));
  }
  return std::string{rest};
}

// The path every call is POSTed to: "/" below the endpoint's own path, if it has one
// ("https://proxy.example/dynamodb" -> "/dynamodb/"). Signed as sent.
std::string path_of(std::string_view endpoint) {
  const auto scheme_end = endpoint.find("://");
  const auto authority_start = scheme_end == std::string_view::npos ? 0 : scheme_end + 3;
  const auto path_start = endpoint.find('/', authority_start);
  if (path_start == std::string_view::npos) return "/";
  return std::string{endpoint.substr(path_start)} + "/";
}

bool crc32_matches(const HttpResponse& response) {
  const auto header = response.header("x-amz-crc32");
  if (header.empty()) return true;  // nothing to check against
  std::uint32_t expected = 0;
  const auto* end = header.data() + header.size();
  const auto [ptr, ec] = std::from_chars(header.data(), end, expected);
  return ec == std::errc{} && ptr == end && expected == crc32(response.body);
}

// The trace header a call sends: the trace's, with the call's own subsegment as the parent when
// it has one.
std::string outgoing_trace_header(const core::TraceHeader& trace, const std::string& subsegment_id) {
  if (subsegment_id.empty()) return core::format_trace_header(trace);
  core::TraceHeader header = trace;
  header.parent = subsegment_id;
  return core::format_trace_header(header);
}

std::string request_id_of(const HttpResponse& response) {
  auto id = response.header("x-amzn-RequestId");
  if (id.empty()) id = response.header("x-amz-request-id");
  return std::string{id};
}

bool is_success(int status) noexcept { return status >= 200 && status < 300; }

core::CallOutcome outcome_of(const AwsError& error) noexcept {
  switch (error.code) {
    case AwsErrc::throttled:
      return core::CallOutcome::throttled;
    case AwsErrc::conditional_check_failed:
      return core::CallOutcome::conditional_check_failed;
    case AwsErrc::transaction_canceled:
      // A transaction refused because one of its conditions failed is that, not a fault.
      return std::ranges::any_of(
                 error.cancellation_reasons,
                 [](const CancellationReason& r) { return r.code == "ConditionalCheckFailed"; })
                 ? core::CallOutcome::conditional_check_failed
                 : core::CallOutcome::failed;
    default:
      return core::CallOutcome::failed;
  }
}

}  // namespace

const JsonServiceSpec& dynamodb_spec() noexcept {
  static const JsonServiceSpec spec{Service::dynamodb, "DynamoDB_20120810", "application/x-amz-json-1.0",
                                    true, &dynamodb::wire::consumed_capacity_units};
  return spec;
}

const JsonServiceSpec& secrets_manager_spec() noexcept {
  static const JsonServiceSpec spec{Service::secrets_manager, "secretsmanager", "application/x-amz-json-1.1",
                                    false};
  return spec;
}

const JsonServiceSpec& ssm_spec() noexcept {
  static const JsonServiceSpec spec{Service::ssm, "AmazonSSM", "application/x-amz-json-1.1", false};
  return spec;
}

ClientSettings ClientSettings::from(const AwsEnvironment& env, Service service) {
  ClientSettings settings;
  settings.endpoint = env.endpoint(service);
  settings.region = env.region;
  settings.credentials = env.credentials;
  settings.retry.max_attempts = env.max_attempts;
  settings.retry.base_delay = std::chrono::milliseconds{service == Service::dynamodb ? 25 : 100};
  return settings;
}

JsonServiceClient::JsonServiceClient(const JsonServiceSpec& spec, ClientSettings settings,
                                     HttpTransport& transport, RetryQuota& quota, RetryEnvironment retry_env,
                                     const core::Clock& clock)
    : spec_(spec),
      settings_(std::move(settings)),
      host_(host_of(settings_.endpoint)),
      path_(path_of(settings_.endpoint)),
      url_(settings_.endpoint + "/"),
      transport_(transport),
      quota_(quota),
      retry_env_(std::move(retry_env)),
      clock_(clock) {}

HttpRequest JsonServiceClient::signed_request(std::string_view operation, std::string_view body,
                                              std::string_view trace_header) const {
  HttpRequest request;
  request.method = "POST";
  request.url = url_;
  request.headers = {{"Host", host_},
                     {"Content-Type", std::string{spec_.content_type}},
                     {"X-Amz-Target", fmt::format("{}.{}", spec_.target_prefix, operation)}};
  const RequestToSign to_sign{
      .method = "POST", .path = path_, .query = {}, .headers = request.headers, .body = body};
  SigningParams params{.credentials = settings_.credentials,
                       .region = settings_.region,
                       .service = std::string{service_info(spec_.service).endpoint_prefix},
                       .time = clock_.now()};
  auto signature = sign_v4(to_sign, params);
  for (auto& header : signature.headers_to_add) request.headers.push_back(std::move(header));
  // After signing, as the AWS SDKs add it: proxies and the X-Ray machinery may rewrite it.
  if (!trace_header.empty()) request.headers.emplace_back(kTraceHeaderName, trace_header);
  request.body = std::string{body};
  return request;
}

AwsResult<boost::json::value> JsonServiceClient::read_response(const HttpResponse& response) const {
  if (spec_.verify_crc32 && !crc32_matches(response)) {
    auto error = AwsError::make(
        AwsErrc::crc32_mismatch,
        fmt::format("the response body from {} does not match its x-amz-crc32 checksum", settings_.endpoint));
    error.http_status = response.status;
    return error;
  }
  if (!is_success(response.status)) return parse_error_response(response);
  if (response.body.empty()) return boost::json::value(boost::json::object{});
  // Deeper than request bodies may be: an item may nest 32 levels, each two JSON levels deep.
  boost::json::parse_options options;
  options.max_depth = 128;
  boost::system::error_code ec;
  auto parsed = boost::json::parse(response.body, ec, {}, options);
  if (ec) {
    auto error = AwsError::make(AwsErrc::malformed_response,
                                fmt::format("the response from {} is not JSON", settings_.endpoint));
    error.http_status = response.status;
    return error;
  }
  return parsed;
}

AwsResult<boost::json::value> JsonServiceClient::call(std::string_view operation, std::string_view body,
                                                      core::Deadline deadline) const {
  return call(operation, {}, body, deadline);
}

AwsResult<boost::json::value> JsonServiceClient::call(std::string_view operation, std::string_view resource,
                                                      std::string_view body, core::Deadline deadline) const {
  const core::TraceHeader* trace = core::current_trace();
  const bool own_subsegment = trace != nullptr && trace->is_sampled() && settings_.observer &&
                              settings_.observer->records_subsegments();
  const std::string subsegment_id = own_subsegment ? core::new_segment_id() : std::string{};
  const std::string trace_header =
      trace != nullptr ? outgoing_trace_header(*trace, subsegment_id) : std::string{};
  Attempts attempts;
  if (!settings_.observer) return call_with_retries(operation, body, trace_header, deadline, attempts);
  const auto started_at = std::chrono::system_clock::now();
  const auto started = std::chrono::steady_clock::now();
  auto result = call_with_retries(operation, body, trace_header, deadline, attempts);
  core::DependencyCall call{.service = service_info(spec_.service).endpoint_prefix,
                            .operation = operation,
                            .outcome = result ? core::CallOutcome::ok : outcome_of(result.error()),
                            .attempts = attempts.count,
                            .latency = std::chrono::steady_clock::now() - started,
                            .consumed_capacity_units = {},
                            .started = started_at,
                            .region = settings_.region,
                            .resource = resource,
                            .http_status = attempts.http_status,
                            .request_id = attempts.request_id,
                            .trace = trace,
                            .subsegment_id = subsegment_id};
  if (result && spec_.consumed_capacity != nullptr)
    call.consumed_capacity_units = spec_.consumed_capacity(*result);
  settings_.observer->on_call(call);
  return result;
}

AwsResult<boost::json::value> JsonServiceClient::call_with_retries(std::string_view operation,
                                                                   std::string_view body,
                                                                   std::string_view trace_header,
                                                                   core::Deadline deadline,
                                                                   Attempts& attempts) const {
  const SendOptions send_options{settings_.connect_timeout, settings_.attempt_timeout, deadline};
  const int max_attempts = std::max(1, settings_.retry.max_attempts);
  int quota_spent = 0;
  for (int attempt = 1;; ++attempt) {
    attempts.count = attempt;
    auto sent = transport_.send(signed_request(operation, body, trace_header), send_options);
    attempts.http_status = sent ? sent->status : 0;
    attempts.request_id = sent ? request_id_of(*sent) : std::string{};
    auto outcome =
        sent ? read_response(sent.value()) : AwsResult<boost::json::value>{std::move(sent).error()};
    if (outcome) {
      quota_.release(quota_spent);
      return outcome;
    }
    AwsError error = std::move(outcome).error();
    error.attempts = attempt;
    if (!is_retryable(error) || attempt >= max_attempts) return error;

    const int cost = quota_.acquire(error);
    if (cost == 0) {
      error.message += " (not retried: the retry quota is exhausted)";
      return error;
    }
    quota_spent += cost;
    const auto delay = backoff_delay(settings_.retry, attempt, retry_env_.random01());
    if (deadline.remaining() <= delay) {
      error.message += " (not retried: no time left before the deadline)";
      return error;
    }
    core::logger().info("aws call retried",
                        {{"aws_service", service_info(spec_.service).endpoint_prefix},
                         {"aws_operation", operation},
                         {"attempt", attempt},
                         {"error", error.type.empty() ? errc_name(error.code) : error.type},
                         {"delay_ms", delay.count()}});
    retry_env_.sleep(delay);
  }
}

}  // namespace hub::aws
