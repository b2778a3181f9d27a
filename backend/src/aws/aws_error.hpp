#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "aws/attribute_value.hpp"
#include "core/result.hpp"

namespace hub::aws {

// What went wrong with a call to AWS, in terms a caller can act on. The AWS error name itself
// (`type`) travels too, for logs. No HTTP status of *our* API is known here: the layer above
// decides what each code means to a client.
enum class AwsErrc : std::uint8_t {
  conditional_check_failed,  // ConditionalCheckFailedException
  transaction_canceled,      // TransactionCanceledException: see cancellation_reasons
  transaction_conflict,      // TransactionConflictException
  transaction_in_progress,   // TransactionInProgressException
  idempotent_parameter_mismatch,
  validation,                  // ValidationException, SerializationException, bad parameters
  resource_not_found,          // ResourceNotFoundException, ParameterNotFound, ...
  resource_in_use,             // ResourceInUseException (table exists, being created, ...)
  item_collection_size_limit,  // ItemCollectionSizeLimitExceededException
  limit_exceeded,              // LimitExceededException (account/table limits, not throttling)
  throttled,                   // Throttling, ProvisionedThroughputExceeded, RequestLimitExceeded, ...
  access_denied,               // AccessDeniedException, UnrecognizedClient, signature, expired token
  service_unavailable,         // 5xx other than 500, ServiceUnavailable
  internal_server_error,       // 500, InternalServerError
  connection_failed,           // could not connect / connection reset (endpoint named in message)
  timeout,                     // one attempt ran past its timeout
  deadline_exceeded,           // the caller's deadline left no time for (another) attempt
  crc32_mismatch,              // the x-amz-crc32 response checksum did not match
  malformed_response,          // a response we could not parse
  missing_credentials,         // no credentials could be found
  unknown,                     // any other AWS error; `type` says which
};

[[nodiscard]] std::string_view errc_name(AwsErrc code) noexcept;

// One entry of TransactionCanceledException's CancellationReasons, in request order.
struct CancellationReason {
  std::string code;  // "None", "ConditionalCheckFailed", "TransactionConflict", ...
  std::string message;
  std::optional<Item> item;  // with ReturnValuesOnConditionCheckFailure=ALL_OLD
};

struct AwsError {
  AwsErrc code = AwsErrc::unknown;
  std::string type;        // the AWS error name without namespace: "ConditionalCheckFailedException"
  std::string message;     // AWS's message, or ours for transport failures (names the endpoint)
  int http_status = 0;     // of the AWS response; 0 when none was received
  std::string request_id;  // x-amzn-RequestId, when the service sent one
  std::vector<CancellationReason> cancellation_reasons;
  std::optional<Item> item;  // ConditionalCheckFailed with ReturnValuesOnConditionCheckFailure
  int attempts = 0;          // how many attempts were made before giving up

  [[nodiscard]] static AwsError make(AwsErrc code, std::string message) {
    AwsError e;
    e.code = code;
    e.message = std::move(message);
    return e;
  }

  // "ConditionalCheckFailedException (HTTP 400, request id …): The conditional request failed"
  [[nodiscard]] std::string describe() const;
};

template <class T>
using AwsResult = Result<T, AwsError>;
using AwsStatus = Result<void, AwsError>;

}  // namespace hub::aws
