#pragma once

#include <string_view>

#include "aws/dynamodb_types.hpp"
#include "core/result.hpp"
#include "data/table.hpp"

namespace hub::data {

// The table's description, or BAD_REQUEST "Table X does not exist." when there is no such
// table: commands that take a table name say so plainly instead of failing somewhere later.
[[nodiscard]] Result<aws::dynamodb::TableDescription> describe_existing_table(const Table& table,
                                                                              std::string_view operation);

}  // namespace hub::data
