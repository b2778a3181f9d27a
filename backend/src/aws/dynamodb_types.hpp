#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "aws/attribute_value.hpp"

namespace hub::aws::dynamodb {

// #name -> attribute name, as in ExpressionAttributeNames.
using AttributeNames = std::map<std::string, std::string, std::less<>>;

// What a write returns (ReturnValues).
enum class ReturnValues : std::uint8_t { none, all_old, updated_old, all_new, updated_new };

// The expression parts shared by writes and reads. Empty strings and maps are left out.
struct Expressions {
  std::string condition{};  // ConditionExpression (writes) / FilterExpression (reads)
  AttributeNames names{};   // ExpressionAttributeNames
  Item values{};            // ExpressionAttributeValues (":v" -> value)
};

struct GetItemRequest {
  std::string table{};
  Item key{};
  bool consistent_read = false;
  std::string projection{};  // ProjectionExpression
  AttributeNames names{};
};

struct PutItemRequest {
  std::string table{};
  Item item{};
  Expressions expressions{};
  ReturnValues return_values = ReturnValues::none;  // none or all_old
  bool return_item_on_condition_failure = false;    // ReturnValuesOnConditionCheckFailure=ALL_OLD
};

struct UpdateItemRequest {
  std::string table{};
  Item key{};
  std::string update{};  // UpdateExpression
  Expressions expressions{};
  ReturnValues return_values = ReturnValues::none;
  bool return_item_on_condition_failure = false;
};

struct DeleteItemRequest {
  std::string table{};
  Item key{};
  Expressions expressions{};
  ReturnValues return_values = ReturnValues::none;  // none or all_old
  bool return_item_on_condition_failure = false;
};

// The attributes a write returned (per ReturnValues); absent when none were asked for or existed.
struct WriteResult {
  std::optional<Item> attributes{};
};

struct QueryRequest {
  std::string table{};
  std::string index{};          // IndexName; empty for the table
  std::string key_condition{};  // KeyConditionExpression
  Expressions expressions{};    // condition = FilterExpression
  std::string projection{};
  std::optional<int> limit{};
  std::optional<Item> exclusive_start_key{};
  bool scan_forward = true;
  bool consistent_read = false;
};

struct ScanRequest {
  std::string table{};
  std::string index{};
  Expressions expressions{};  // condition = FilterExpression
  std::string projection{};
  std::optional<int> limit{};
  std::optional<Item> exclusive_start_key{};
  std::optional<int> segment{};  // with total_segments: one slice of a parallel scan
  std::optional<int> total_segments{};
  bool consistent_read = false;
};

struct Page {
  std::vector<Item> items{};
  std::optional<Item> last_evaluated_key{};  // absent on the last page
  std::int64_t count = 0;
  std::int64_t scanned_count = 0;
};

// BatchGetItem / BatchWriteItem on one table (the single-table design needs no more).
struct BatchGetRequest {
  std::string table{};
  std::vector<Item> keys{};  // any number: sent 100 at a time
  bool consistent_read = false;
  std::string projection{};
  AttributeNames names{};
};

struct BatchGetResult {
  std::vector<Item> items{};             // in no particular order
  std::vector<Item> unprocessed_keys{};  // non-empty only when the deadline stopped the resending
};

struct PutRequest {
  Item item{};
  bool operator==(const PutRequest&) const = default;
};
struct DeleteRequest {
  Item key{};
  bool operator==(const DeleteRequest&) const = default;
};
using WriteRequest = std::variant<PutRequest, DeleteRequest>;

struct BatchWriteRequest {
  std::string table{};
  std::vector<WriteRequest> writes{};  // any number: sent 25 at a time
};

struct BatchWriteResult {
  std::vector<WriteRequest> unprocessed{};  // non-empty only when the deadline stopped the resending
};

// One action of TransactWriteItems.
struct TransactPut {
  std::string table{};
  Item item{};
  Expressions expressions{};
  bool return_item_on_condition_failure = false;
};
struct TransactUpdate {
  std::string table{};
  Item key{};
  std::string update{};
  Expressions expressions{};
  bool return_item_on_condition_failure = false;
};
struct TransactDelete {
  std::string table{};
  Item key{};
  Expressions expressions{};
  bool return_item_on_condition_failure = false;
};
struct TransactConditionCheck {
  std::string table{};
  Item key{};
  Expressions expressions{};  // condition is required
  bool return_item_on_condition_failure = false;
};
using TransactWriteItem = std::variant<TransactPut, TransactUpdate, TransactDelete, TransactConditionCheck>;

struct TransactWriteRequest {
  std::vector<TransactWriteItem> items{};  // at most 100
  std::string client_request_token{};      // idempotency token; empty for none
};

struct TransactGetItem {
  std::string table{};
  Item key{};
  std::string projection{};
  AttributeNames names{};
};

// One entry per requested item, in request order; nullopt where the item does not exist.
struct TransactGetResult {
  std::vector<std::optional<Item>> items{};
};

// --- Tables -------------------------------------------------------------------------------------

enum class KeyType : std::uint8_t { S, N, B };

struct KeyAttribute {
  std::string name{};
  KeyType type = KeyType::S;
  bool operator==(const KeyAttribute&) const = default;
};

struct GlobalSecondaryIndex {
  std::string name{};
  KeyAttribute partition_key{};
  std::optional<KeyAttribute> sort_key{};
  std::string projection = "ALL";  // ALL, KEYS_ONLY (INCLUDE is not used here)
  bool operator==(const GlobalSecondaryIndex&) const = default;
};

// A table as CreateTable makes it: on-demand billing, optional GSIs, TTL applied separately.
struct TableSpec {
  std::string name{};
  KeyAttribute partition_key{};
  std::optional<KeyAttribute> sort_key{};
  std::vector<GlobalSecondaryIndex> global_secondary_indexes{};
  std::string ttl_attribute{};  // empty: no TTL
};

struct IndexDescription {
  std::string name{};
  std::string status{};         // CREATING, ACTIVE, ...
  std::int64_t item_count = 0;  // approximate (AWS refreshes it about every six hours)
  std::int64_t size_bytes = 0;  // approximate, likewise
};

struct TableDescription {
  std::string name{};
  std::string status{};                      // CREATING, ACTIVE, ...
  std::string billing_mode = "PROVISIONED";  // or PAY_PER_REQUEST (BillingModeSummary)
  std::int64_t item_count = 0;               // approximate (AWS refreshes it about every six hours)
  std::int64_t size_bytes = 0;               // approximate, likewise
  std::vector<IndexDescription> indexes{};   // the global secondary indexes
};

}  // namespace hub::aws::dynamodb
