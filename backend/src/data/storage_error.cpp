#include "data/storage_error.hpp"

#include "core/log.hpp"

namespace hub::data {

Error storage_error(const aws::AwsError& error, std::string_view operation) {
  using aws::AwsErrc;
  ErrorCode code = ErrorCode::INTERNAL;
  std::string_view detail = "Storage failed unexpectedly.";
  switch (error.code) {
    case AwsErrc::throttled:
    case AwsErrc::limit_exceeded:
    case AwsErrc::service_unavailable:
    case AwsErrc::internal_server_error:
    case AwsErrc::connection_failed:
    case AwsErrc::timeout:
    case AwsErrc::crc32_mismatch:
    case AwsErrc::access_denied:
    case AwsErrc::missing_credentials:
    case AwsErrc::transaction_conflict:
    case AwsErrc::transaction_in_progress:
      code = ErrorCode::DEPENDENCY_UNAVAILABLE;
      detail = "Storage is unavailable; retry later.";
      break;
    case AwsErrc::deadline_exceeded:
      code = ErrorCode::REQUEST_TIMEOUT;
      detail = "Storage did not answer in time.";
      break;
    default:
      break;
  }
  core::logger().log(code == ErrorCode::INTERNAL ? core::LogLevel::ERROR : core::LogLevel::WARNING,
                     "storage call failed",
                     {{"operation", operation},
                      {"aws_error", std::string(aws::errc_name(error.code))},
                      {"aws_detail", error.describe()},
                      {"attempts", error.attempts}});
  return Error::make(code, std::string(detail));
}

}  // namespace hub::data
