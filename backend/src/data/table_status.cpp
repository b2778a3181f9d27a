#include "data/table_status.hpp"

#include <chrono>

#include <fmt/format.h>

#include "data/storage_error.hpp"

namespace hub::data {

Result<aws::dynamodb::TableDescription> describe_existing_table(const Table& table,
                                                                std::string_view operation) {
  const auto deadline = core::current_deadline().earliest(core::Deadline::after(std::chrono::seconds{30}));
  auto described = table.client().describe_table(table.name(), deadline);
  if (described) return std::move(described).value();
  if (described.error().code == aws::AwsErrc::resource_not_found) {
    return Error::make(ErrorCode::BAD_REQUEST, fmt::format("Table {} does not exist.", table.name()));
  }
  return storage_error(described.error(), operation);
}

}  // namespace hub::data
