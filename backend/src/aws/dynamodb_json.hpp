#pragma once

#include <string_view>

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include "aws/attribute_value.hpp"
#include "aws/aws_error.hpp"

namespace hub::aws {

// AttributeValues in DynamoDB's wire JSON ({"S": "x"}, {"N": "1.5"}, {"B": "<base64>"}, ...).
// Lossless both ways: N stays decimal text, B is exact bytes, sets keep their order.
[[nodiscard]] boost::json::value to_json(const AttributeValue& value);
[[nodiscard]] boost::json::object to_json(const Item& item);

// Strict: exactly one type key, the right JSON type under it, valid base64 and number text.
// Errors are validation, with a JSON-pointer-like path in the message.
[[nodiscard]] AwsResult<AttributeValue> attribute_value_from_json(const boost::json::value& json);
[[nodiscard]] AwsResult<Item> item_from_json(const boost::json::value& json);

// DynamoDB's number syntax: optional sign, digits with an optional fraction, optional exponent;
// at most 38 significant digits.
[[nodiscard]] bool is_valid_number(std::string_view text) noexcept;

}  // namespace hub::aws
