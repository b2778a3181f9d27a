#include "aws/error_parser.hpp"

#include <algorithm>
#include <array>
#include <utility>

#include <fmt/format.h>
#include <boost/json/parse.hpp>

#include "aws/dynamodb_json.hpp"

namespace hub::aws {
namespace {

namespace json = boost::json;

struct NamedCode {
  std::string_view name;
  AwsErrc code;
};

// AWS error names across DynamoDB, Secrets Manager, SSM, Cognito and the emulators, with what each means
// to a caller. Throttling and access names are those the AWS SDKs treat as such.
constexpr std::array kNamedCodes = {
    NamedCode{"ConditionalCheckFailedException", AwsErrc::conditional_check_failed},
    NamedCode{"TransactionCanceledException", AwsErrc::transaction_canceled},
    NamedCode{"TransactionConflictException", AwsErrc::transaction_conflict},
    NamedCode{"TransactionInProgressException", AwsErrc::transaction_in_progress},
    NamedCode{"IdempotentParameterMismatchException", AwsErrc::idempotent_parameter_mismatch},

    NamedCode{"ValidationException", AwsErrc::validation},
    NamedCode{"ValidationError", AwsErrc::validation},
    NamedCode{"SerializationException", AwsErrc::validation},
    NamedCode{"InvalidParameterException", AwsErrc::validation},
    NamedCode{"InvalidParameterValue", AwsErrc::validation},
    NamedCode{"InvalidParameterValueException", AwsErrc::validation},
    NamedCode{"InvalidParameterCombination", AwsErrc::validation},
    NamedCode{"InvalidRequestException", AwsErrc::validation},
    NamedCode{"MissingParameter", AwsErrc::validation},
    NamedCode{"RequestEntityTooLarge", AwsErrc::validation},
    NamedCode{"InvalidPasswordException", AwsErrc::validation},

    NamedCode{"ResourceNotFoundException", AwsErrc::resource_not_found},
    NamedCode{"ParameterNotFound", AwsErrc::resource_not_found},
    NamedCode{"ParameterVersionNotFound", AwsErrc::resource_not_found},
    NamedCode{"TableNotFoundException", AwsErrc::resource_not_found},
    NamedCode{"UserNotFoundException", AwsErrc::resource_not_found},

    NamedCode{"ResourceInUseException", AwsErrc::resource_in_use},
    NamedCode{"TableAlreadyExistsException", AwsErrc::resource_in_use},
    NamedCode{"ResourceExistsException", AwsErrc::resource_in_use},
    NamedCode{"ParameterAlreadyExists", AwsErrc::resource_in_use},
    NamedCode{"UsernameExistsException", AwsErrc::resource_in_use},
    NamedCode{"GroupExistsException", AwsErrc::resource_in_use},
    NamedCode{"AliasExistsException", AwsErrc::resource_in_use},

    NamedCode{"ItemCollectionSizeLimitExceededException", AwsErrc::item_collection_size_limit},
    NamedCode{"LimitExceededException", AwsErrc::limit_exceeded},

    NamedCode{"ThrottlingException", AwsErrc::throttled},
    NamedCode{"Throttling", AwsErrc::throttled},
    NamedCode{"ThrottledException", AwsErrc::throttled},
    NamedCode{"RequestThrottledException", AwsErrc::throttled},
    NamedCode{"TooManyRequestsException", AwsErrc::throttled},
    NamedCode{"ProvisionedThroughputExceededException", AwsErrc::throttled},
    NamedCode{"RequestLimitExceeded", AwsErrc::throttled},
    NamedCode{"BandwidthLimitExceeded", AwsErrc::throttled},
    NamedCode{"SlowDown", AwsErrc::throttled},
    NamedCode{"PriorRequestNotComplete", AwsErrc::throttled},
    NamedCode{"EC2ThrottledException", AwsErrc::throttled},
    NamedCode{"RequestThrottled", AwsErrc::throttled},

    NamedCode{"AccessDeniedException", AwsErrc::access_denied},
    NamedCode{"AccessDenied", AwsErrc::access_denied},
    NamedCode{"UnrecognizedClientException", AwsErrc::access_denied},
    NamedCode{"InvalidSignatureException", AwsErrc::access_denied},
    NamedCode{"SignatureDoesNotMatch", AwsErrc::access_denied},
    NamedCode{"IncompleteSignature", AwsErrc::access_denied},
    NamedCode{"MissingAuthenticationToken", AwsErrc::access_denied},
    NamedCode{"MissingAuthenticationTokenException", AwsErrc::access_denied},
    NamedCode{"ExpiredTokenException", AwsErrc::access_denied},
    NamedCode{"ExpiredToken", AwsErrc::access_denied},
    NamedCode{"InvalidClientTokenId", AwsErrc::access_denied},
    NamedCode{"NotAuthorizedException", AwsErrc::access_denied},  // Cognito: wrong password, disabled user

    NamedCode{"InternalServerError", AwsErrc::internal_server_error},
    NamedCode{"InternalFailure", AwsErrc::internal_server_error},
    NamedCode{"InternalServerErrorException", AwsErrc::internal_server_error},
    NamedCode{"ServiceUnavailable", AwsErrc::service_unavailable},
    NamedCode{"ServiceUnavailableException", AwsErrc::service_unavailable},
};

// What the status alone says, for a response without an error name (or with one we do not know).
AwsErrc classify_status(int http_status) noexcept {
  if (http_status == 500) return AwsErrc::internal_server_error;
  if (http_status > 500 && http_status < 600) return AwsErrc::service_unavailable;
  switch (http_status) {
    case 403:
      return AwsErrc::access_denied;
    case 413:
      return AwsErrc::validation;
    case 429:
      return AwsErrc::throttled;
    default:
      return AwsErrc::unknown;
  }
}

// "aws.namespace#Name:http://internal.amazon.com/..." -> "Name".
std::string_view bare_error_name(std::string_view raw) noexcept {
  if (const auto colon = raw.find(':'); colon != std::string_view::npos) raw = raw.substr(0, colon);
  if (const auto hash = raw.rfind('#'); hash != std::string_view::npos) raw = raw.substr(hash + 1);
  while (!raw.empty() && (raw.front() == ' ' || raw.front() == '\t')) raw.remove_prefix(1);
  while (!raw.empty() && (raw.back() == ' ' || raw.back() == '\t')) raw.remove_suffix(1);
  return raw;
}

std::string_view string_field(const json::object& object, std::string_view key) noexcept {
  const auto* value = object.if_contains(key);
  if (value == nullptr) return {};
  const auto* text = value->if_string();
  return text == nullptr ? std::string_view{} : std::string_view{*text};
}

// An Item the service returned with the error; one we cannot decode is dropped, not fatal.
std::optional<Item> item_field(const json::object& object) {
  const auto* value = object.if_contains("Item");
  if (value == nullptr) return std::nullopt;
  auto item = item_from_json(*value);
  if (!item) return std::nullopt;
  return std::move(*item);
}

std::vector<CancellationReason> cancellation_reasons(const json::object& body) {
  std::vector<CancellationReason> reasons;
  const auto* value = body.if_contains("CancellationReasons");
  const auto* array = value == nullptr ? nullptr : value->if_array();
  if (array == nullptr) return reasons;
  reasons.reserve(array->size());
  for (const auto& entry : *array) {
    CancellationReason reason;
    if (const auto* object = entry.if_object()) {
      reason.code = string_field(*object, "Code");
      reason.message = string_field(*object, "Message");
      reason.item = item_field(*object);
    }
    reasons.push_back(std::move(reason));  // kept even if malformed, so indexes match the request
  }
  return reasons;
}

// A short, printable excerpt of a body that is not an AWS error document (an HTML page from a
// proxy, say), so the log says what came back.
std::string excerpt(std::string_view body) {
  constexpr std::size_t kMaxExcerpt = 200;
  std::string out;
  for (const char c : body.substr(0, kMaxExcerpt)) {
    out.push_back(c >= ' ' && c != '\x7f' ? c : ' ');
  }
  if (body.size() > kMaxExcerpt) out += "...";
  return out;
}

}  // namespace

AwsError parse_error_response(const HttpResponse& response) {
  AwsError error;
  error.http_status = response.status;
  error.request_id = response.header("x-amzn-RequestId");
  if (error.request_id.empty()) error.request_id = response.header("x-amz-request-id");

  // A body that is not JSON (or has more nesting than any item allows) is just not an error
  // document: the status still speaks.
  json::parse_options options;
  options.max_depth = 128;
  boost::system::error_code ec;
  const json::value body = json::parse(response.body, ec, {}, options);
  const auto* object = ec ? nullptr : body.if_object();

  // The header is what the JSON protocols define; `__type` (or `code`) is the body's copy.
  std::string_view raw_type = response.header("x-amzn-ErrorType");
  if (raw_type.empty() && object != nullptr) raw_type = string_field(*object, "__type");
  if (raw_type.empty() && object != nullptr) raw_type = string_field(*object, "code");
  error.type = bare_error_name(raw_type);
  error.code = classify_error(error.type, response.status);

  if (object != nullptr) {
    error.message = string_field(*object, "message");
    if (error.message.empty()) error.message = string_field(*object, "Message");
    error.cancellation_reasons = cancellation_reasons(*object);
    error.item = item_field(*object);
  } else if (!response.body.empty()) {
    error.message = fmt::format("HTTP {} with a body that is not an AWS error: {}", response.status,
                                excerpt(response.body));
  }
  if (error.message.empty() && error.type.empty()) {
    error.message = fmt::format("HTTP {} without an error name", response.status);
  }
  return error;
}

AwsErrc classify_error(std::string_view type, int http_status) noexcept {
  const auto* found = std::find_if(kNamedCodes.begin(), kNamedCodes.end(),
                                   [type](const NamedCode& entry) { return entry.name == type; });
  if (found != kNamedCodes.end()) return found->code;
  // A name we do not know says nothing more than its status; a plain 400 stays unknown.
  return classify_status(http_status);
}

}  // namespace hub::aws
