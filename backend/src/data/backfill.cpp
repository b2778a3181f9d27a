#include "data/backfill.hpp"

#include "data/keys.hpp"
#include "data/storage_error.hpp"

namespace hub::data {

Status run_backfill(MigrationContext& context, const Backfill& backfill) {
  const auto& table = context.table();
  aws::dynamodb::ScanRequest scan{.table = table.name(),
                                  .expressions = backfill.filter,
                                  .limit = context.settings().scan_page_size,
                                  .exclusive_start_key = context.checkpoint(),
                                  .consistent_read = true};
  for (;;) {
    auto page = table.client().scan(scan);
    if (!page) return storage_error(page.error(), backfill.operation);
    std::int64_t written = 0;
    for (const auto& item : page->items) {
      // A long page must not outlast the lease.
      if (auto alive = context.keep_alive(); !alive) return alive;
      auto updated = backfill.update(item);
      if (!updated) return std::move(updated).error();
      if (*updated) ++written;
    }
    if (auto saved = context.save_checkpoint(page->last_evaluated_key, written); !saved) return saved;
    if (!page->last_evaluated_key) return {};
    scan.exclusive_start_key = std::move(page->last_evaluated_key);
  }
}

Result<std::int64_t> count_backfill(const MigrationContext& context, const Backfill& backfill) {
  const auto& table = context.table();
  aws::dynamodb::ScanRequest scan{.table = table.name(), .expressions = backfill.filter, .projection = "#pk"};
  scan.expressions.names.insert_or_assign("#pk", std::string(keys::kPk));
  std::int64_t count = 0;
  for (;;) {
    auto page = table.client().scan(scan);
    if (!page) return storage_error(page.error(), backfill.operation);
    count += page->count;
    if (!page->last_evaluated_key) return count;
    scan.exclusive_start_key = std::move(page->last_evaluated_key);
  }
}

}  // namespace hub::data
