#pragma once

#include <cstdint>
#include <string_view>

#include "aws/aws_error.hpp"
#include "aws/http_transport.hpp"

namespace hub::aws {

// Turns a non-2xx response of a JSON-protocol service (DynamoDB, Secrets Manager, SSM, Cognito) into an
// AwsError. Accepts every shape the services and emulators use for the error name: `__type` as
// "com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException", "ConditionalCheckFailedException"
// or "...:http://internal.amazon.com/...", the x-amzn-ErrorType header, `message` or `Message`;
// an unparseable body still yields a code from the HTTP status. CancellationReasons and Item are
// carried over.
[[nodiscard]] AwsError parse_error_response(const HttpResponse& response);

// The code for an AWS error name (namespace already stripped) and HTTP status.
[[nodiscard]] AwsErrc classify_error(std::string_view type, int http_status) noexcept;

}  // namespace hub::aws
