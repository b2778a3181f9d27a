#pragma once

#include <string>
#include <string_view>

#include "aws/dynamodb_types.hpp"
#include "core/result.hpp"

namespace hub::data {

// The one DynamoDB table's shape (keys, GSIs, TTL), defined once in data/table.json. hubctl
// creates local tables from it and the CDK stack reads the same file, so they cannot drift.
struct TableDefinition {
  aws::dynamodb::TableSpec spec;  // spec.name is the configured HUB_TABLE_NAME
  std::string billing_mode;
  bool point_in_time_recovery = false;
  bool deletion_protection = false;
};

// data/table.json as compiled into the binary.
[[nodiscard]] std::string_view table_definition_json() noexcept;

// Parses and validates a definition (unknown keys rejected), naming the table `table_name`.
[[nodiscard]] Result<TableDefinition> parse_table_definition(std::string_view json, std::string table_name);

// The compiled-in definition for `table_name`. The file is checked at build time by a unit test,
// so this cannot fail in a released binary.
[[nodiscard]] TableDefinition table_definition(std::string table_name);

}  // namespace hub::data
