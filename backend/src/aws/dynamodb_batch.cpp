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

template <class T>
std::vector<T> slice(const std::vector<T>& all, std::size_t from, std::size_t to) {
  return {all.begin() + static_cast<std::ptrdiff_t>(from), all.begin() + static_cast<std::ptrdiff_t>(to)};
}

template <class T>
void append(std::vector<T>& to, std::vector<T> more) {
  to.insert(to.end(), std::make_move_iterator(more.begin()), std::make_move_iterator(more.end()));
}

// Sends `pending` with `send_once` (which returns what DynamoDB left unprocessed) and resends the
// leftovers with backoff until none are left; returns what the deadline (or the round limit) left.
template <class T, class SendOnce>
AwsResult<std::vector<T>> resend_until_done(const JsonServiceClient& client, std::vector<T> pending,
                                            core::Deadline deadline, const SendOnce& send_once) {
  for (int round = 1; !pending.empty(); ++round) {
    auto left = send_once(pending);
    if (!left) return std::move(left).error();
    pending = std::move(left).value();
    if (!pending.empty() && !wait_before_resend(client, round, deadline)) break;
  }
  return pending;
}

// One BatchGetItem call: found items go to `found`; returns the keys left unprocessed.
AwsResult<std::vector<Item>> batch_get_once(const JsonServiceClient& client, const BatchGetRequest& request,
                                            const std::vector<Item>& keys, core::Deadline deadline,
                                            std::vector<Item>& found) {
  array key_json;
  for (const auto& key : keys) key_json.push_back(to_json(key));
  object table{{"Keys", std::move(key_json)}};
  if (request.consistent_read) table["ConsistentRead"] = true;
  if (!request.projection.empty()) table["ProjectionExpression"] = request.projection;
  if (!request.names.empty()) table["ExpressionAttributeNames"] = wire::names_json(request.names);
  object body{{"RequestItems", object{{request.table, std::move(table)}}}};
  wire::add_return_consumed_capacity(body);

  auto response = client.call("BatchGetItem", request.table, boost::json::serialize(body), deadline);
  if (!response) return std::move(response).error();
  auto o = wire::as_object(*response);
  if (!o) return std::move(o).error();
  if (const auto* items = table_entry(**o, "Responses", request.table)) {
    auto parsed = wire::items_from(*items, "Responses");
    if (!parsed) return std::move(parsed).error();
    append(found, std::move(parsed).value());
  }
  const auto* left = table_entry(**o, "UnprocessedKeys", request.table);
  if (left == nullptr || !left->is_object()) return std::vector<Item>{};
  return wire::item_list(left->as_object(), "Keys");
}

// One BatchWriteItem call; returns the writes left unprocessed.
AwsResult<std::vector<WriteRequest>> batch_write_once(const JsonServiceClient& client,
                                                      const std::string& table,
                                                      const std::vector<WriteRequest>& writes,
                                                      core::Deadline deadline) {
  array writes_json;
  for (const auto& write : writes) writes_json.push_back(write_request_json(write));
  object body{{"RequestItems", object{{table, std::move(writes_json)}}}};
  wire::add_return_consumed_capacity(body);
  auto response = client.call("BatchWriteItem", table, boost::json::serialize(body), deadline);
  if (!response) return std::move(response).error();
  auto o = wire::as_object(*response);
  if (!o) return std::move(o).error();
  std::vector<WriteRequest> left;
  const auto* unprocessed = table_entry(**o, "UnprocessedItems", table);
  if (unprocessed == nullptr || !unprocessed->is_array()) return left;
  for (const auto& entry : unprocessed->as_array()) {
    auto write = write_request_from(entry);
    if (!write) return std::move(write).error();
    left.push_back(std::move(write).value());
  }
  return left;
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
  auto send = [&](const std::vector<Item>& pending) {
    return batch_get_once(client_, request, pending, deadline, result.items);
  };
  for (std::size_t start = 0; start < keys.size(); start += kBatchGetLimit) {
    const auto end = std::min(keys.size(), start + kBatchGetLimit);
    auto left = resend_until_done(client_, slice(keys, start, end), deadline, send);
    if (!left) return std::move(left).error();
    if (!left->empty()) {
      result.unprocessed_keys = std::move(left).value();
      append(result.unprocessed_keys, slice(keys, end, keys.size()));
      break;
    }
  }
  return result;
}

AwsResult<BatchWriteResult> DynamoDbClient::batch_write(const BatchWriteRequest& request,
                                                        core::Deadline deadline) const {
  BatchWriteResult result;
  const auto& writes = request.writes;
  auto send = [&](const std::vector<WriteRequest>& pending) {
    return batch_write_once(client_, request.table, pending, deadline);
  };
  for (std::size_t start = 0; start < writes.size(); start += kBatchWriteLimit) {
    const auto end = std::min(writes.size(), start + kBatchWriteLimit);
    auto left = resend_until_done(client_, slice(writes, start, end), deadline, send);
    if (!left) return std::move(left).error();
    if (!left->empty()) {
      result.unprocessed = std::move(left).value();
      append(result.unprocessed, slice(writes, end, writes.size()));
      break;
    }
  }
  return result;
}

AwsStatus DynamoDbClient::transact_write(const TransactWriteRequest& request, core::Deadline deadline) const {
  array actions;
  for (const auto& action : request.items) actions.push_back(transact_action(action));
  object body{{"TransactItems", std::move(actions)}};
  if (!request.client_request_token.empty()) body["ClientRequestToken"] = request.client_request_token;
  wire::add_return_consumed_capacity(body);
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
  object body{{"TransactItems", std::move(gets)}};
  wire::add_return_consumed_capacity(body);
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
