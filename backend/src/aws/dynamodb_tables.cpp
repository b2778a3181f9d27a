// Table operations of DynamoDbClient.

#include <algorithm>
#include <chrono>
#include <set>

#include <boost/json/serialize.hpp>

#include "aws/dynamodb_client.hpp"
#include "aws/dynamodb_wire.hpp"

namespace hub::aws::dynamodb {
namespace {

using boost::json::array;
using boost::json::object;

std::string_view type_name(KeyType type) noexcept {
  switch (type) {
    case KeyType::S:
      return "S";
    case KeyType::N:
      return "N";
    case KeyType::B:
      return "B";
  }
  return "S";
}

array key_schema(const KeyAttribute& partition, const std::optional<KeyAttribute>& sort) {
  array schema{object{{"AttributeName", partition.name}, {"KeyType", "HASH"}}};
  if (sort) schema.push_back(object{{"AttributeName", sort->name}, {"KeyType", "RANGE"}});
  return schema;
}

object create_table_body(const TableSpec& spec) {
  std::set<std::pair<std::string, KeyType>> attributes{{spec.partition_key.name, spec.partition_key.type}};
  if (spec.sort_key) attributes.emplace(spec.sort_key->name, spec.sort_key->type);
  array indexes;
  for (const auto& gsi : spec.global_secondary_indexes) {
    attributes.emplace(gsi.partition_key.name, gsi.partition_key.type);
    if (gsi.sort_key) attributes.emplace(gsi.sort_key->name, gsi.sort_key->type);
    indexes.push_back(object{{"IndexName", gsi.name},
                             {"KeySchema", key_schema(gsi.partition_key, gsi.sort_key)},
                             {"Projection", object{{"ProjectionType", gsi.projection}}}});
  }
  array definitions;
  for (const auto& [name, type] : attributes) {
    definitions.push_back(object{{"AttributeName", name}, {"AttributeType", type_name(type)}});
  }
  object body{{"TableName", spec.name},
              {"AttributeDefinitions", std::move(definitions)},
              {"KeySchema", key_schema(spec.partition_key, spec.sort_key)},
              {"BillingMode", "PAY_PER_REQUEST"}};
  if (!indexes.empty()) body["GlobalSecondaryIndexes"] = std::move(indexes);
  return body;
}

std::string string_at(const object& o, std::string_view key) {
  const auto* found = o.if_contains(key);
  return found != nullptr && found->is_string() ? std::string{found->as_string()} : std::string{};
}

std::int64_t int_at(const object& o, std::string_view key) {
  const auto* found = o.if_contains(key);
  return found != nullptr && found->is_int64() ? found->as_int64() : 0;
}

bool all_active(const TableDescription& table) {
  return table.status == "ACTIVE" && std::ranges::all_of(table.indexes, [](const IndexDescription& index) {
           return index.status == "ACTIVE";
         });
}

}  // namespace

AwsStatus DynamoDbClient::create_table(const TableSpec& spec, core::Deadline deadline) const {
  auto response =
      client_.call("CreateTable", spec.name, boost::json::serialize(create_table_body(spec)), deadline);
  if (!response) return std::move(response).error();
  return {};
}

AwsResult<TableDescription> DynamoDbClient::describe_table(std::string_view name,
                                                           core::Deadline deadline) const {
  const object body{{"TableName", name}};
  auto response = client_.call("DescribeTable", name, boost::json::serialize(body), deadline);
  if (!response) return std::move(response).error();
  auto o = wire::as_object(*response);
  if (!o) return std::move(o).error();
  const auto* table = (*o)->if_contains("Table");
  if (table == nullptr || !table->is_object()) return wire::malformed("DescribeTable without Table");
  const auto& t = table->as_object();
  TableDescription out;
  out.name = string_at(t, "TableName");
  out.status = string_at(t, "TableStatus");
  out.item_count = int_at(t, "ItemCount");
  out.size_bytes = int_at(t, "TableSizeBytes");
  // Absent for a table created with provisioned capacity and never switched.
  if (const auto* billing = t.if_contains("BillingModeSummary"); billing != nullptr && billing->is_object()) {
    if (auto mode = string_at(billing->as_object(), "BillingMode"); !mode.empty())
      out.billing_mode = std::move(mode);
  }
  if (const auto* gsis = t.if_contains("GlobalSecondaryIndexes"); gsis != nullptr && gsis->is_array()) {
    for (const auto& gsi : gsis->as_array()) {
      if (!gsi.is_object()) continue;
      const auto& g = gsi.as_object();
      out.indexes.push_back({.name = string_at(g, "IndexName"),
                             .status = string_at(g, "IndexStatus"),
                             .item_count = int_at(g, "ItemCount"),
                             .size_bytes = int_at(g, "IndexSizeBytes")});
    }
  }
  return out;
}

AwsStatus DynamoDbClient::update_time_to_live(std::string_view table, std::string_view attribute,
                                              bool enabled, core::Deadline deadline) const {
  const object body{{"TableName", table},
                    {"TimeToLiveSpecification", object{{"AttributeName", attribute}, {"Enabled", enabled}}}};
  auto response = client_.call("UpdateTimeToLive", table, boost::json::serialize(body), deadline);
  if (!response) return std::move(response).error();
  return {};
}

AwsStatus DynamoDbClient::delete_table(std::string_view name, core::Deadline deadline) const {
  const object body{{"TableName", name}};
  auto response = client_.call("DeleteTable", name, boost::json::serialize(body), deadline);
  if (!response) return std::move(response).error();
  return {};
}

AwsResult<std::vector<std::string>> DynamoDbClient::list_tables(core::Deadline deadline) const {
  std::vector<std::string> names;
  std::string start;
  for (bool more = true; more; more = !start.empty()) {
    object body;
    if (!start.empty()) body["ExclusiveStartTableName"] = start;
    auto response = client_.call("ListTables", boost::json::serialize(body), deadline);
    if (!response) return std::move(response).error();
    auto o = wire::as_object(*response);
    if (!o) return std::move(o).error();
    if (const auto* list = (*o)->if_contains("TableNames"); list != nullptr && list->is_array()) {
      for (const auto& name : list->as_array()) {
        if (name.is_string()) names.emplace_back(name.as_string());
      }
    }
    start = string_at(**o, "LastEvaluatedTableName");
  }
  return names;
}

AwsResult<bool> DynamoDbClient::ensure_table(const TableSpec& spec, core::Deadline deadline) const {
  bool created = false;
  auto described = describe_table(spec.name, deadline);
  if (!described && described.error().code == AwsErrc::resource_not_found) {
    auto made = create_table(spec, deadline);
    if (!made && made.error().code != AwsErrc::resource_in_use) return std::move(made).error();
    created = made.ok();
    described = describe_table(spec.name, deadline);
  }
  while (described && !all_active(*described)) {
    constexpr std::chrono::milliseconds kPoll{100};
    if (deadline.remaining() <= kPoll) {
      return AwsError::make(AwsErrc::deadline_exceeded,
                            "table " + spec.name + " did not become ACTIVE in time");
    }
    client_.retry_environment().sleep(kPoll);
    described = describe_table(spec.name, deadline);
  }
  if (!described) return std::move(described).error();

  if (!spec.ttl_attribute.empty()) {
    const object body{{"TableName", spec.name}};
    auto ttl = client_.call("DescribeTimeToLive", spec.name, boost::json::serialize(body), deadline);
    if (!ttl) return std::move(ttl).error();
    std::string status;
    std::string attribute;
    if (ttl->is_object()) {
      if (const auto* d = ttl->as_object().if_contains("TimeToLiveDescription");
          d != nullptr && d->is_object()) {
        status = string_at(d->as_object(), "TimeToLiveStatus");
        attribute = string_at(d->as_object(), "AttributeName");
      }
    }
    const bool on = (status == "ENABLED" || status == "ENABLING") && attribute == spec.ttl_attribute;
    if (!on) {
      if (auto updated = update_time_to_live(spec.name, spec.ttl_attribute, true, deadline); !updated) {
        return std::move(updated).error();
      }
    }
  }
  return created;
}

}  // namespace hub::aws::dynamodb
