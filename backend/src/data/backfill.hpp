#pragma once

#include <cstdint>
#include <functional>
#include <string_view>

#include "aws/attribute_value.hpp"
#include "aws/dynamodb_types.hpp"
#include "core/result.hpp"
#include "data/migrations.hpp"

namespace hub::data {

// A data migration over many items: scan the table for the items `filter` selects, change each
// with `update`, and save the scan's position after every page, so a run that dies resumes from
// its last page. `filter` should select only items still to change, and `update` should write
// under a condition that says so: then a page done twice changes nothing the second time.
struct Backfill {
  aws::dynamodb::Expressions filter{};  // FilterExpression of the scan
  // Changes one item (as the scan returned it): true when it wrote, false when its condition
  // found nothing left to do, which is not a failure.
  std::function<Result<bool>(const aws::Item& item)> update{};
  std::string_view operation{};  // names the storage calls in logs
};

// Runs the backfill from the context's checkpoint, saving progress after each page.
[[nodiscard]] Status run_backfill(MigrationContext& context, const Backfill& backfill);

// How many items the filter selects now: what a dry run reports the backfill would touch.
[[nodiscard]] Result<std::int64_t> count_backfill(const MigrationContext& context, const Backfill& backfill);

}  // namespace hub::data
