#include "data/storage_probe.hpp"

#include <fmt/format.h>

#include "core/deadline.hpp"
#include "core/log.hpp"

namespace hub::data {

Status StorageProbe::check() const {
  const auto deadline = core::current_deadline().earliest(core::Deadline::after(budget_));
  auto table = client_.describe_table(table_, deadline);
  if (!table) {
    const auto& e = table.error();
    core::logger().warning("storage check failed", {{"table", table_}, {"aws_error", e.describe()}});
    if (e.code == aws::AwsErrc::resource_not_found) {
      return Error::make(ErrorCode::DEPENDENCY_UNAVAILABLE, fmt::format("Table {} does not exist.", table_));
    }
    return Error::make(ErrorCode::DEPENDENCY_UNAVAILABLE,
                       fmt::format("Table {} cannot be reached ({}).", table_, aws::errc_name(e.code)));
  }
  if (table->status != "ACTIVE" && table->status != "UPDATING") {
    return Error::make(ErrorCode::DEPENDENCY_UNAVAILABLE,
                       fmt::format("Table {} is {}.", table_, table->status));
  }
  return {};
}

}  // namespace hub::data
