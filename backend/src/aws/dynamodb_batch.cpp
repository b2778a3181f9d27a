// Batch and transaction operations of DynamoDbClient.

#include <algorithm>
#include <unordered_set>

#include <boost/json/serialize.hpp>

#include "aws/dynamodb_client.hpp"
#include "aws/dynamodb_json.hpp"
#include "aws/dynamodb_wire.hpp"

namespace hub::aws::dynamodb {
namespace {

using boost::json::array;
using boost::json::object;

constexpr std::size_t kBatchGetLimit = 100;
constexpr std::size_t kBatchWriteLimit = 25;
// With no deadline, resending unprocessed items still stops after this many rounds.
constexpr int kMaxResendRounds = 30;

// Waits before resending what DynamoDB left unprocessed; false when the deadline (or the round
// limit) leaves no room for another round.
bool wait_before_resend(const JsonServiceClient& client, int round, core::Deadline deadline) {
  if (round > kMaxResendRounds) return false;
  const auto& env = client.retry_environment();
  const auto delay = backoff_delay(client.settings().retry, round, env.random01());
  if (deadline.remaining() <= delay) return false;
  env.sleep(delay);
  return true;
}

// One key set per distinct key: DynamoDB rejects a BatchGetItem naming a key twice.
std::vector<Item> distinct_keys(const std::vector<Item>& keys) {
  std::vector<Item> out;
  std::unordered_set<std::string> seen;
  out.reserve(keys.size());
  for (const auto& key : keys) {
    if (seen.insert(boost::json::serialize(to_json(key))).second) out.push_back(key);
  }
  return out;
}

object write_request_json(const WriteRequest& write) {
  if (const auto* put = std::get_if<PutRequest>(&write)) {
    return object{{"PutRequest", object{{"Item", to_json(put->item)}}}};
  }
  return object{{"DeleteRequest", object{{"Key", to_json(std::get<DeleteRequest>(write).key)}}}};
}

AwsResult<WriteRequest> write_request_from(const boost::json::value& json) {
  if (!json.is_object()) return wire::malformed("an unprocessed write is not an object");
  const auto& o = json.as_object();
  if (const auto* put = o.if_contains("PutRequest"); put != nullptr && put->is_object()) {
    const auto* item = put->as_object().if_contains("Item");
    if (item == nullptr) return wire::malformed("PutRequest without Item");
    auto parsed = item_from_json(*item);
    if (!parsed) return std::move(parsed).error();
    return WriteRequest{PutRequest{std::move(parsed).value()}};
  }
  if (const auto* del = o.if_contains("DeleteRequest"); del != nullptr && del->is_object()) {
    const auto* key = del->as_object().if_contains("Key");
    if (key == nullptr) return wire::malformed("DeleteRequest without Key");
    auto parsed = item_from_json(*key);
    if (!parsed) return std::move(parsed).error();
    return WriteRequest{DeleteRequest{std::move(parsed).value()}};
  }
  return wire::malformed("an unprocessed write is neither PutRequest nor DeleteRequest");
}

// response[section][table] as an object (UnprocessedKeys) or array (Responses, UnprocessedItems).
const boost::json::value* table_entry(const object& response, std::string_view section,
                                      std::string_view table) {
  const auto* part = response.if_contains(section);
  if (part == nullptr || !part->is_object()) return nullptr;
  return part->as_object().if_contains(table);
}

object transact_action(const TransactWriteItem& action) {
  return std::visit(
      [](const auto& a) -> object {
        using T = std::decay_t<decltype(a)>;
        object body{{"TableName", a.table}};
        if constexpr (std::is_same_v<T, TransactPut>) {
          body["Item"] = to_json(a.item);
        } else {
          body["Key"] = to_json(a.key);
        }
        if constexpr (std::is_same_v<T, TransactUpdate>) body["UpdateExpression"] = a.update;
        wire::add_expressions(body, a.expressions);
        wire::add_return_on_condition_failure(body, a.return_item_on_condition_failure);
        if constexpr (std::is_same_v<T, TransactPut>) return object{{"Put", std::move(body)}};
        if constexpr (std::is_same_v<T, TransactUpdate>) return object{{"Update", std::move(body)}};
        if constexpr (std::is_same_v<T, TransactDelete>) return object{{"Delete", std::move(body)}};
        return object{{"ConditionCheck", std::move(body)}};
      },
      action);
}

}  // namespace

AwsResult<BatchGetResult> DynamoDbClient::batch_get(const BatchGetRequest& request,
                                                    core::Deadline deadline) const {
  BatchGetResult result;
  const auto keys = distinct_keys(request.keys);
  for (std::size_t start = 0; start < keys.size(); start += kBatchGetLimit) {
    const auto end = std::min(keys.size(), start + kBatchGetLimit);
    std::vector<Item> pending(keys.begin() + static_cast<std::ptrdiff_t>(start),
                              keys.begin() + static_cast<std::ptrdiff_t>(end));
    for (int round = 1; !pending.empty(); ++round) {
      array key_json;
      for (const auto& key : pending) key_json.push_back(to_json(key));
      object table{{"Keys", std::move(key_json)}};
      if (request.consistent_read) table["ConsistentRead"] = true;
      if (!request.projection.empty()) table["ProjectionExpression"] = request.projection;
      if (!request.names.empty()) table["ExpressionAttributeNames"] = wire::names_json(request.names);
      const object body{{"RequestItems", object{{request.table, std::move(table)}}}};

      auto response = client_.call("BatchGetItem", boost::json::serialize(body), deadline);
      if (!response) return std::move(response).error();
      auto o = wire::as_object(*response);
      if (!o) return std::move(o).error();

      if (const auto* found = table_entry(**o, "Responses", request.table)) {
        if (!found->is_array()) return wire::malformed("Responses is not a list");
        for (const auto& entry : found->as_array()) {
          auto item = item_from_json(entry);
          if (!item) return std::move(item).error();
          result.items.push_back(std::move(item).value());
        }
      }
      pending.clear();
      if (const auto* left = table_entry(**o, "UnprocessedKeys", request.table);
          left != nullptr && left->is_object()) {
        if (const auto* left_keys = left->as_object().if_contains("Keys");
            left_keys != nullptr && left_keys->is_array()) {
          for (const auto& entry : left_keys->as_array()) {
            auto key = item_from_json(entry);
            if (!key) return std::move(key).error();
            pending.push_back(std::move(key).value());
          }
        }
      }
      if (!pending.empty() && !wait_before_resend(client_, round, deadline)) {
        result.unprocessed_keys = std::move(pending);
        result.unprocessed_keys.insert(result.unprocessed_keys.end(),
                                       keys.begin() + static_cast<std::ptrdiff_t>(end), keys.end());
        return result;
      }
    }
  }
  return result;
}

AwsResult<BatchWriteResult> DynamoDbClient::batch_write(const BatchWriteRequest& request,
                                                        core::Deadline deadline) const {
  BatchWriteResult result;
  const auto& writes = request.writes;
  for (std::size_t start = 0; start < writes.size(); start += kBatchWriteLimit) {
    const auto end = std::min(writes.size(), start + kBatchWriteLimit);
    std::vector<WriteRequest> pending(writes.begin() + static_cast<std::ptrdiff_t>(start),
                                      writes.begin() + static_cast<std::ptrdiff_t>(end));
    for (int round = 1; !pending.empty(); ++round) {
      array writes_json;
      for (const auto& write : pending) writes_json.push_back(write_request_json(write));
      const object body{{"RequestItems", object{{request.table, std::move(writes_json)}}}};

      auto response = client_.call("BatchWriteItem", boost::json::serialize(body), deadline);
      if (!response) return std::move(response).error();
      auto o = wire::as_object(*response);
      if (!o) return std::move(o).error();

      pending.clear();
      if (const auto* left = table_entry(**o, "UnprocessedItems", request.table);
          left != nullptr && left->is_array()) {
        for (const auto& entry : left->as_array()) {
          auto write = write_request_from(entry);
          if (!write) return std::move(write).error();
          pending.push_back(std::move(write).value());
        }
      }
      if (!pending.empty() && !wait_before_resend(client_, round, deadline)) {
        result.unprocessed = std::move(pending);
        result.unprocessed.insert(result.unprocessed.end(), writes.begin() + static_cast<std::ptrdiff_t>(end),
                                  writes.end());
        return result;
      }
    }
  }
  return result;
}

AwsStatus DynamoDbClient::transact_write(const TransactWriteRequest& request, core::Deadline deadline) const {
  array actions;
  for (const auto& action : request.items) actions.push_back(transact_action(action));
  object body{{"TransactItems", std::move(actions)}};
  if (!request.client_request_token.empty()) body["ClientRequestToken"] = request.client_request_token;
  auto response = client_.call("TransactWriteItems", boost::json::serialize(body), deadline);
  if (!response) return std::move(response).error();
  return {};
}

AwsResult<TransactGetResult> DynamoDbClient::transact_get(const std::vector<TransactGetItem>& items,
                                                          core::Deadline deadline) const {
  array gets;
  for (const auto& item : items) {
    object get{{"TableName", item.table}, {"Key", to_json(item.key)}};
    if (!item.projection.empty()) get["ProjectionExpression"] = item.projection;
    if (!item.names.empty()) get["ExpressionAttributeNames"] = wire::names_json(item.names);
    gets.push_back(object{{"Get", std::move(get)}});
  }
  const object body{{"TransactItems", std::move(gets)}};
  auto response = client_.call("TransactGetItems", boost::json::serialize(body), deadline);
  if (!response) return std::move(response).error();
  auto o = wire::as_object(*response);
  if (!o) return std::move(o).error();
  TransactGetResult result;
  const auto* responses = (*o)->if_contains("Responses");
  if (responses == nullptr || !responses->is_array())
    return wire::malformed("TransactGetItems without Responses");
  for (const auto& entry : responses->as_array()) {
    if (!entry.is_object()) return wire::malformed("a TransactGetItems response is not an object");
    auto item = wire::optional_item(entry.as_object(), "Item");
    if (!item) return std::move(item).error();
    result.items.push_back(std::move(item).value());
  }
  if (result.items.size() != items.size())
    return wire::malformed("TransactGetItems answered a different count");
  return result;
}

}  // namespace hub::aws::dynamodb
