// AWS error responses, in every shape DynamoDB, Secrets Manager, SSM and the emulators send them.
#include <string>
#include <string_view>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "aws/error_parser.hpp"

namespace hub::aws {
namespace {

using ::testing::HasSubstr;

HttpResponse response(int status, std::string body, HeaderList headers = {}) {
  HttpResponse r;
  r.status = status;
  r.body = std::move(body);
  r.headers = std::move(headers);
  return r;
}

struct Shape {
  std::string_view label;
  HttpResponse response;
  AwsErrc code;
  std::string_view type;
  std::string_view message;  // a part of the expected message
};

// Each way the error name, the message and the status can arrive.
const std::vector<Shape>& shapes() {
  static const std::vector<Shape> kShapes = {
      {"namespace#Name",
       response(400, R"({"__type":"com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException",)"
                     R"("message":"The conditional request failed"})"),
       AwsErrc::conditional_check_failed, "ConditionalCheckFailedException",
       "The conditional request failed"},
      {"plain Name",
       response(400, R"({"__type":"ResourceNotFoundException","message":"Requested resource not found"})"),
       AwsErrc::resource_not_found, "ResourceNotFoundException", "Requested resource not found"},
      {"Name:http://internal",
       response(
           400,
           R"({"__type":"ValidationException:http://internal.amazon.com/coral/com.amazon.coral.validate/",)"
           R"("message":"1 validation error detected"})"),
       AwsErrc::validation, "ValidationException", "1 validation error detected"},
      {"namespace#Name:http://internal",
       response(
           400,
           R"({"__type":"com.amazon.coral.validate#ValidationException:http://internal.amazon.com/x#y"})"),
       AwsErrc::validation, "ValidationException", ""},
      {"Message with a capital M (Secrets Manager)",
       response(
           400,
           R"({"__type":"ResourceNotFoundException","Message":"Secrets Manager can't find the secret."})"),
       AwsErrc::resource_not_found, "ResourceNotFoundException", "Secrets Manager can't find the secret."},
      {"header only, empty body", response(400, "", {{"x-amzn-ErrorType", "ThrottlingException"}}),
       AwsErrc::throttled, "ThrottlingException", ""},
      {"header with :suffix, body {}",
       response(400, "{}",
                {{"X-Amzn-ErrorType", "ProvisionedThroughputExceededException:http://internal.amazon.com/"}}),
       AwsErrc::throttled, "ProvisionedThroughputExceededException", ""},
      {"header wins over the body's copy",
       response(400, R"({"__type":"Other","message":"m"})", {{"x-amzn-ErrorType", "AccessDeniedException"}}),
       AwsErrc::access_denied, "AccessDeniedException", "m"},
      {"code field", response(400, R"({"code":"ParameterNotFound","message":"no such parameter"})"),
       AwsErrc::resource_not_found, "ParameterNotFound", "no such parameter"},
      {"unknown name kept", response(400, R"({"__type":"x#SomethingNewException","message":"new"})"),
       AwsErrc::unknown, "SomethingNewException", "new"},
      {"unknown name, 503: the status speaks", response(503, R"({"__type":"SomethingNewException"})"),
       AwsErrc::service_unavailable, "SomethingNewException", ""},
      {"HTML from a proxy, 502", response(502, "<html><body>Bad Gateway</body></html>"),
       AwsErrc::service_unavailable, "", "Bad Gateway"},
      {"not JSON, 500", response(500, "oops"), AwsErrc::internal_server_error, "", "oops"},
      {"empty body, 500", response(500, ""), AwsErrc::internal_server_error, "", "HTTP 500"},
      {"empty body, 503", response(503, ""), AwsErrc::service_unavailable, "", "HTTP 503"},
      {"empty body, 504", response(504, ""), AwsErrc::service_unavailable, "", "HTTP 504"},
      {"empty body, 400", response(400, ""), AwsErrc::unknown, "", "HTTP 400"},
      {"JSON without a name, 400", response(400, R"({"message":"what"})"), AwsErrc::unknown, "", "what"},
      {"empty body, 403", response(403, ""), AwsErrc::access_denied, "", "HTTP 403"},
      {"empty body, 413", response(413, ""), AwsErrc::validation, "", "HTTP 413"},
      {"empty body, 429", response(429, ""), AwsErrc::throttled, "", "HTTP 429"},
      {"JSON that is not an object", response(400, "[1,2]"), AwsErrc::unknown, "", "[1,2]"},
      {"__type of the wrong JSON type", response(400, R"({"__type":42,"message":7})"), AwsErrc::unknown, "",
       "HTTP 400"},
  };
  return kShapes;
}

TEST(ErrorParser, EveryShape) {
  for (const auto& shape : shapes()) {
    SCOPED_TRACE(std::string(shape.label));
    const AwsError error = parse_error_response(shape.response);
    EXPECT_EQ(errc_name(error.code), errc_name(shape.code));
    EXPECT_EQ(error.type, shape.type);
    EXPECT_THAT(error.message, HasSubstr(std::string(shape.message)));
    EXPECT_EQ(error.http_status, shape.response.status);
    EXPECT_TRUE(error.cancellation_reasons.empty());
    EXPECT_FALSE(error.item.has_value());
  }
}

struct Named {
  std::string_view name;
  AwsErrc code;
};

const std::vector<Named> kNames = {
    {"ConditionalCheckFailedException", AwsErrc::conditional_check_failed},
    {"TransactionCanceledException", AwsErrc::transaction_canceled},
    {"TransactionConflictException", AwsErrc::transaction_conflict},
    {"TransactionInProgressException", AwsErrc::transaction_in_progress},
    {"IdempotentParameterMismatchException", AwsErrc::idempotent_parameter_mismatch},
    {"ValidationException", AwsErrc::validation},
    {"SerializationException", AwsErrc::validation},
    {"InvalidParameterException", AwsErrc::validation},
    {"InvalidRequestException", AwsErrc::validation},
    {"InvalidParameterValue", AwsErrc::validation},
    {"InvalidParameterValueException", AwsErrc::validation},
    {"InvalidParameterCombination", AwsErrc::validation},
    {"ResourceNotFoundException", AwsErrc::resource_not_found},
    {"ParameterNotFound", AwsErrc::resource_not_found},
    {"TableNotFoundException", AwsErrc::resource_not_found},
    {"ResourceInUseException", AwsErrc::resource_in_use},
    {"TableAlreadyExistsException", AwsErrc::resource_in_use},
    {"ItemCollectionSizeLimitExceededException", AwsErrc::item_collection_size_limit},
    {"LimitExceededException", AwsErrc::limit_exceeded},
    {"ThrottlingException", AwsErrc::throttled},
    {"Throttling", AwsErrc::throttled},
    {"ThrottledException", AwsErrc::throttled},
    {"RequestThrottledException", AwsErrc::throttled},
    {"TooManyRequestsException", AwsErrc::throttled},
    {"ProvisionedThroughputExceededException", AwsErrc::throttled},
    {"RequestLimitExceeded", AwsErrc::throttled},
    {"BandwidthLimitExceeded", AwsErrc::throttled},
    {"SlowDown", AwsErrc::throttled},
    {"PriorRequestNotComplete", AwsErrc::throttled},
    {"EC2ThrottledException", AwsErrc::throttled},
    {"RequestThrottled", AwsErrc::throttled},
    {"AccessDeniedException", AwsErrc::access_denied},
    {"UnrecognizedClientException", AwsErrc::access_denied},
    {"InvalidSignatureException", AwsErrc::access_denied},
    {"SignatureDoesNotMatch", AwsErrc::access_denied},
    {"IncompleteSignature", AwsErrc::access_denied},
    {"MissingAuthenticationToken", AwsErrc::access_denied},
    {"MissingAuthenticationTokenException", AwsErrc::access_denied},
    {"ExpiredTokenException", AwsErrc::access_denied},
    {"ExpiredToken", AwsErrc::access_denied},
    {"InvalidClientTokenId", AwsErrc::access_denied},
    {"InternalServerError", AwsErrc::internal_server_error},
    {"InternalFailure", AwsErrc::internal_server_error},
    {"InternalServerErrorException", AwsErrc::internal_server_error},
    {"ServiceUnavailable", AwsErrc::service_unavailable},
    {"ServiceUnavailableException", AwsErrc::service_unavailable},
    {"SomethingNewException", AwsErrc::unknown},
};

// The name decides, whatever the status; and it arrives the same through the body or the header.
TEST(ErrorParser, EveryName) {
  for (const auto& [name, code] : kNames) {
    SCOPED_TRACE(std::string(name));
    EXPECT_EQ(errc_name(classify_error(name, 400)), errc_name(code));
    const AwsError from_body = parse_error_response(response(
        400, R"({"__type":"com.amazonaws.dynamodb.v20120810#)" + std::string(name) + R"(","message":"m"})"));
    EXPECT_EQ(errc_name(from_body.code), errc_name(code));
    EXPECT_EQ(from_body.type, name);
    const AwsError from_header = parse_error_response(
        response(400, "", {{"x-amzn-ErrorType", std::string(name) + ":http://internal/"}}));
    EXPECT_EQ(errc_name(from_header.code), errc_name(code));
    EXPECT_EQ(from_header.type, name);
  }
  // A known name beats the status (a throttle sent as 500 is still a throttle).
  EXPECT_EQ(classify_error("ThrottlingException", 500), AwsErrc::throttled);
  EXPECT_EQ(classify_error("TransactionInProgressException", 429), AwsErrc::transaction_in_progress);
  EXPECT_EQ(classify_error("", 500), AwsErrc::internal_server_error);
  EXPECT_EQ(classify_error("", 400), AwsErrc::unknown);
  EXPECT_EQ(classify_error("throttlingexception", 400), AwsErrc::unknown);  // names are exact
}

TEST(ErrorParser, RequestId) {
  EXPECT_EQ(parse_error_response(response(400, "{}", {{"x-amzn-RequestId", "ABC123"}})).request_id, "ABC123");
  EXPECT_EQ(parse_error_response(response(400, "{}", {{"X-AMZN-REQUESTID", "ABC123"}})).request_id, "ABC123");
  EXPECT_EQ(parse_error_response(response(500, "", {{"x-amz-request-id", "S3STYLE"}})).request_id, "S3STYLE");
  EXPECT_EQ(parse_error_response(response(400, "{}", {{"x-amz-request-id", "B"}, {"x-amzn-RequestId", "A"}}))
                .request_id,
            "A");
  EXPECT_EQ(parse_error_response(response(400, "{}")).request_id, "");
}

TEST(ErrorParser, TransactionCanceledKeepsEveryReasonInOrder) {
  const AwsError error = parse_error_response(
      response(400,
               R"({"__type":"com.amazonaws.dynamodb.v20120810#TransactionCanceledException",
          "message":"Transaction cancelled, please refer cancellation reasons for specific reasons [None, ConditionalCheckFailed, TransactionConflict]",
          "CancellationReasons":[
            {"Code":"None"},
            {"Code":"ConditionalCheckFailed","Message":"The conditional request failed",
             "Item":{"pk":{"S":"USER#1"},"version":{"N":"7"}}},
            {"Code":"TransactionConflict","Message":"Transaction is ongoing for the item"}]})",
               {{"x-amzn-RequestId", "TX1"}}));
  EXPECT_EQ(error.code, AwsErrc::transaction_canceled);
  EXPECT_EQ(error.type, "TransactionCanceledException");
  EXPECT_EQ(error.request_id, "TX1");
  EXPECT_THAT(error.message, HasSubstr("[None, ConditionalCheckFailed, TransactionConflict]"));
  ASSERT_EQ(error.cancellation_reasons.size(), 3U);
  EXPECT_EQ(error.cancellation_reasons[0].code, "None");
  EXPECT_EQ(error.cancellation_reasons[0].message, "");
  EXPECT_FALSE(error.cancellation_reasons[0].item.has_value());
  EXPECT_EQ(error.cancellation_reasons[1].code, "ConditionalCheckFailed");
  EXPECT_EQ(error.cancellation_reasons[1].message, "The conditional request failed");
  ASSERT_TRUE(error.cancellation_reasons[1].item.has_value());
  EXPECT_EQ(*error.cancellation_reasons[1].item,
            (Item{{"pk", AttributeValue::S("USER#1")}, {"version", AttributeValue::N("7")}}));
  EXPECT_EQ(error.cancellation_reasons[2].code, "TransactionConflict");
  EXPECT_EQ(error.cancellation_reasons[2].message, "Transaction is ongoing for the item");
  EXPECT_FALSE(error.cancellation_reasons[2].item.has_value());
}

TEST(ErrorParser, ConditionalCheckFailedCarriesTheItem) {
  const AwsError error = parse_error_response(
      response(400, R"({"__type":"com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException",
                        "message":"The conditional request failed",
                        "Item":{"pk":{"S":"USER#1"},"version":{"N":"3"}}})"));
  EXPECT_EQ(error.code, AwsErrc::conditional_check_failed);
  ASSERT_TRUE(error.item.has_value());
  EXPECT_EQ(error.item->at("version"), AttributeValue::N("3"));
}

// Whatever comes back, the parser returns an error and never throws; parts it cannot read
// are left out.
TEST(ErrorParser, MalformedPartsAreLeftOut) {
  const auto parse = [](std::string body) {
    AwsError error;
    EXPECT_NO_THROW(error = parse_error_response(response(400, std::move(body))));
    return error;
  };
  EXPECT_FALSE(parse(R"({"__type":"ConditionalCheckFailedException","Item":{"pk":{"X":"?"}}})").item);
  EXPECT_FALSE(parse(R"({"__type":"ConditionalCheckFailedException","Item":[]})").item);
  EXPECT_TRUE(parse(R"({"__type":"TransactionCanceledException","CancellationReasons":{}})")
                  .cancellation_reasons.empty());
  const AwsError odd = parse(R"({"__type":"TransactionCanceledException","CancellationReasons":
                                   [7, {"Code":1}, {"Code":"None","Item":{"a":{"N":"x"}}}]})");
  ASSERT_EQ(odd.cancellation_reasons.size(), 3U);  // positions still match the request's actions
  EXPECT_EQ(odd.cancellation_reasons[2].code, "None");
  EXPECT_FALSE(odd.cancellation_reasons[2].item);

  EXPECT_EQ(parse(std::string(100'000, '[')).code, AwsErrc::unknown);
  EXPECT_EQ(parse(R"({"__type":"ValidationException")").code, AwsErrc::unknown);  // truncated
  EXPECT_EQ(parse(std::string("\xff\xfe\x00{", 4)).code, AwsErrc::unknown);
  const AwsError long_body = parse(std::string(10'000, 'x'));
  EXPECT_LT(long_body.message.size(), 300U);  // an excerpt, not the whole body
}

}  // namespace
}  // namespace hub::aws
