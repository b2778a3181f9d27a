#include "data/table_figures.hpp"

#include <algorithm>

#include "core/deadline.hpp"
#include "core/log.hpp"

namespace hub::data {

core::TableFigures table_figures_of(const aws::dynamodb::TableDescription& table,
                                    core::SystemTime described_at) {
  core::TableFigures out;
  out.name = table.name;
  out.as_of = core::to_rfc3339(described_at);
  out.status = table.status;
  out.billing_mode = table.billing_mode;
  out.item_count = table.item_count;
  out.size_bytes = table.size_bytes;
  out.indexes.emplace();
  for (const auto& index : table.indexes) {
    out.indexes->push_back({.name = index.name,
                            .status = index.status,
                            .item_count = index.item_count,
                            .size_bytes = index.size_bytes});
  }
  // DescribeTable lists them in no fixed order.
  std::ranges::sort(*out.indexes, {}, &core::IndexFigures::name);
  return out;
}

core::TableFigures CachedTableFigures::figures() const {
  const std::scoped_lock lock{mutex_};
  const auto now = now_();
  if (!last_ || now - described_at_ >= settings_.ttl) {
    last_ = describe();
    described_at_ = now;
  }
  return *last_;
}

core::TableFigures CachedTableFigures::describe() const {
  const auto deadline = core::current_deadline().earliest(core::Deadline::after(settings_.budget));
  auto described = client_.describe_table(table_, deadline);
  const auto described_at = clock_.now();
  if (described) return table_figures_of(*described, described_at);
  core::logger().warning("table figures unavailable",
                         {{"table", table_}, {"aws_error", described.error().describe()}});
  core::TableFigures out;
  out.name = table_;
  out.as_of = core::to_rfc3339(described_at);
  out.error = std::string{aws::errc_name(described.error().code)};
  return out;
}

}  // namespace hub::data
