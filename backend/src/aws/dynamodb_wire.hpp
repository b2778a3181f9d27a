#pragma once

// Shared pieces of the DynamoDB request/response JSON, used by the client's translation units.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include "aws/aws_error.hpp"
#include "aws/dynamodb_types.hpp"

namespace hub::aws::dynamodb::wire {

[[nodiscard]] boost::json::object names_json(const AttributeNames& names);
[[nodiscard]] std::string_view return_values_name(ReturnValues value) noexcept;

// Adds ConditionExpression (or `condition_key`), ExpressionAttributeNames/Values when non-empty.
void add_expressions(boost::json::object& out, const Expressions& expressions,
                     std::string_view condition_key = "ConditionExpression");
void add_return_on_condition_failure(boost::json::object& out, bool wanted);

// response[key] as an Item, nullopt when absent.
[[nodiscard]] AwsResult<std::optional<Item>> optional_item(const boost::json::object& response,
                                                           std::string_view key);
// A JSON list of Items.
[[nodiscard]] AwsResult<std::vector<Item>> items_from(const boost::json::value& list, std::string_view what);
// response[key] as a list of Items; empty when absent.
[[nodiscard]] AwsResult<std::vector<Item>> item_list(const boost::json::object& response,
                                                     std::string_view key);

// Asks for the capacity a request consumes (ReturnConsumedCapacity=TOTAL).
void add_return_consumed_capacity(boost::json::object& out);
// The capacity units a response reports: ConsumedCapacity's CapacityUnits, summed over the
// entries of the list batches and transactions answer with; nullopt when it reports none.
[[nodiscard]] std::optional<double> consumed_capacity_units(const boost::json::value& response);

// The response body as an object, or malformed_response.
[[nodiscard]] AwsResult<const boost::json::object*> as_object(const boost::json::value& response);

[[nodiscard]] AwsError malformed(std::string what);

}  // namespace hub::aws::dynamodb::wire
