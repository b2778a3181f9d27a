#include "aws/aws_error.hpp"

#include <fmt/format.h>

namespace hub::aws {

std::string_view errc_name(AwsErrc code) noexcept {
  switch (code) {
    case AwsErrc::conditional_check_failed:
      return "conditional_check_failed";
    case AwsErrc::transaction_canceled:
      return "transaction_canceled";
    case AwsErrc::transaction_conflict:
      return "transaction_conflict";
    case AwsErrc::transaction_in_progress:
      return "transaction_in_progress";
    case AwsErrc::idempotent_parameter_mismatch:
      return "idempotent_parameter_mismatch";
    case AwsErrc::validation:
      return "validation";
    case AwsErrc::resource_not_found:
      return "resource_not_found";
    case AwsErrc::resource_in_use:
      return "resource_in_use";
    case AwsErrc::item_collection_size_limit:
      return "item_collection_size_limit";
    case AwsErrc::limit_exceeded:
      return "limit_exceeded";
    case AwsErrc::throttled:
      return "throttled";
    case AwsErrc::access_denied:
      return "access_denied";
    case AwsErrc::service_unavailable:
      return "service_unavailable";
    case AwsErrc::internal_server_error:
      return "internal_server_error";
    case AwsErrc::connection_failed:
      return "connection_failed";
    case AwsErrc::timeout:
      return "timeout";
    case AwsErrc::deadline_exceeded:
      return "deadline_exceeded";
    case AwsErrc::crc32_mismatch:
      return "crc32_mismatch";
    case AwsErrc::malformed_response:
      return "malformed_response";
    case AwsErrc::missing_credentials:
      return "missing_credentials";
    case AwsErrc::unknown:
      return "unknown";
  }
  return "unknown";
}

std::string AwsError::describe() const {
  std::string out = type.empty() ? std::string{errc_name(code)} : type;
  if (http_status != 0 || !request_id.empty() || attempts > 1) {
    out += " (";
    const char* sep = "";
    if (http_status != 0) {
      out += fmt::format("HTTP {}", http_status);
      sep = ", ";
    }
    if (!request_id.empty()) {
      out += fmt::format("{}request id {}", sep, request_id);
      sep = ", ";
    }
    if (attempts > 1) out += fmt::format("{}{} attempts", sep, attempts);
    out += ")";
  }
  if (!message.empty()) out += ": " + message;
  return out;
}

}  // namespace hub::aws
