#include "aws/xray_segment.hpp"

#include <algorithm>
#include <array>
#include <chrono>
#include <utility>

namespace hub::aws {
namespace {

// Epoch seconds with microseconds, as X-Ray's start_time / end_time.
double epoch_seconds(std::chrono::system_clock::time_point time) {
  const auto micros = std::chrono::duration_cast<std::chrono::microseconds>(time.time_since_epoch()).count();
  return static_cast<double>(micros) / 1e6;
}

void add_outcome_flags(boost::json::object& document, const core::DependencyCall& call) {
  switch (call.outcome) {
    case core::CallOutcome::ok:
      return;
    case core::CallOutcome::throttled:
      document["throttle"] = true;
      document["error"] = true;
      return;
    case core::CallOutcome::conditional_check_failed:
      document["error"] = true;
      return;
    case core::CallOutcome::failed:
      if (call.http_status == 429) document["throttle"] = true;
      if (call.http_status >= 400 && call.http_status < 500) {
        document["error"] = true;
      } else {
        document["fault"] = true;  // 5xx, or no answer at all: the dependency failed us
      }
      return;
  }
}

}  // namespace

std::string_view xray_service_name(std::string_view endpoint_prefix) noexcept {
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 4> kNames{{
      {"dynamodb", "DynamoDB"},
      {"secretsmanager", "SecretsManager"},
      {"ssm", "SSM"},
      {"cognito-idp", "CognitoIdentityProvider"},
  }};
  for (const auto& [prefix, name] : kNames) {
    if (prefix == endpoint_prefix) return name;
  }
  return endpoint_prefix;
}

std::optional<boost::json::object> xray_subsegment(const core::DependencyCall& call) {
  if (call.trace == nullptr || call.subsegment_id.empty() || call.trace->parent.empty()) return std::nullopt;
  boost::json::object aws{
      {"operation", call.operation}, {"region", call.region}, {"retries", std::max(0, call.attempts - 1)}};
  if (!call.request_id.empty()) aws["request_id"] = call.request_id;
  if (call.service == "dynamodb" && !call.resource.empty()) aws["table_name"] = call.resource;

  boost::json::object document{
      {"type", "subsegment"},
      {"id", call.subsegment_id},
      {"trace_id", call.trace->root},
      {"parent_id", call.trace->parent},
      {"name", xray_service_name(call.service)},
      {"namespace", "aws"},
      {"start_time", epoch_seconds(call.started)},
      {"end_time",
       epoch_seconds(call.started +
                     std::chrono::duration_cast<std::chrono::system_clock::duration>(call.latency))},
      {"aws", std::move(aws)},
  };
  if (call.http_status != 0) {
    document["http"] = boost::json::object{{"response", boost::json::object{{"status", call.http_status}}}};
  }
  add_outcome_flags(document, call);
  return document;
}

}  // namespace hub::aws
