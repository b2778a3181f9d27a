#include "aws/dynamodb_wire.hpp"

#include "aws/dynamodb_json.hpp"

namespace hub::aws::dynamodb::wire {

boost::json::object names_json(const AttributeNames& names) {
  boost::json::object out;
  for (const auto& [token, name] : names) out[token] = name;
  return out;
}

std::string_view return_values_name(ReturnValues value) noexcept {
  switch (value) {
    case ReturnValues::none:
      return "NONE";
    case ReturnValues::all_old:
      return "ALL_OLD";
    case ReturnValues::updated_old:
      return "UPDATED_OLD";
    case ReturnValues::all_new:
      return "ALL_NEW";
    case ReturnValues::updated_new:
      return "UPDATED_NEW";
  }
  return "NONE";
}

void add_expressions(boost::json::object& out, const Expressions& expressions,
                     std::string_view condition_key) {
  if (!expressions.condition.empty()) out[condition_key] = expressions.condition;
  if (!expressions.names.empty()) out["ExpressionAttributeNames"] = names_json(expressions.names);
  if (!expressions.values.empty()) out["ExpressionAttributeValues"] = to_json(expressions.values);
}

void add_return_on_condition_failure(boost::json::object& out, bool wanted) {
  if (wanted) out["ReturnValuesOnConditionCheckFailure"] = "ALL_OLD";
}

void add_return_consumed_capacity(boost::json::object& out) { out["ReturnConsumedCapacity"] = "TOTAL"; }

std::optional<double> consumed_capacity_units(const boost::json::value& response) {
  const auto* body = response.if_object();
  const auto* consumed = body == nullptr ? nullptr : body->if_contains("ConsumedCapacity");
  if (consumed == nullptr) return std::nullopt;
  std::optional<double> total;
  const auto add = [&total](const boost::json::value& entry) {
    const auto* o = entry.if_object();
    const auto* units = o == nullptr ? nullptr : o->if_contains("CapacityUnits");
    if (units == nullptr || !units->is_number()) return;
    total = total.value_or(0.0) + units->to_number<double>();
  };
  if (const auto* list = consumed->if_array()) {
    for (const auto& entry : *list) add(entry);
  } else {
    add(*consumed);
  }
  return total;
}

AwsResult<std::optional<Item>> optional_item(const boost::json::object& response, std::string_view key) {
  const auto* found = response.if_contains(key);
  if (found == nullptr || found->is_null()) return std::optional<Item>{};
  auto item = item_from_json(*found);
  if (!item) return std::move(item).error();
  return std::optional<Item>{std::move(item).value()};
}

AwsResult<std::vector<Item>> items_from(const boost::json::value& list, std::string_view what) {
  if (!list.is_array()) return malformed(std::string{what} + " is not a list");
  std::vector<Item> items;
  items.reserve(list.as_array().size());
  for (const auto& entry : list.as_array()) {
    auto item = item_from_json(entry);
    if (!item) return std::move(item).error();
    items.push_back(std::move(item).value());
  }
  return items;
}

AwsResult<std::vector<Item>> item_list(const boost::json::object& response, std::string_view key) {
  const auto* found = response.if_contains(key);
  if (found == nullptr) return std::vector<Item>{};
  return items_from(*found, key);
}

AwsResult<const boost::json::object*> as_object(const boost::json::value& response) {
  if (!response.is_object()) return malformed("the response is not a JSON object");
  return &response.as_object();
}

AwsError malformed(std::string what) {
  return AwsError::make(AwsErrc::malformed_response, "unexpected DynamoDB response: " + std::move(what));
}

}  // namespace hub::aws::dynamodb::wire
