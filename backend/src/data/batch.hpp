#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "aws/attribute_value.hpp"
#include "aws/dynamodb_types.hpp"
#include "core/result.hpp"
#include "data/table.hpp"

namespace hub::data {

// Batch reads and writes of any size, item by item: the client chunks them (100 / 25 per call)
// and resends what DynamoDB leaves unprocessed; here each input gets its own outcome, in input
// order.

// For one key: the item, or nothing (no such item), or why it could not be read (the deadline
// came before it was: REQUEST_TIMEOUT).
struct ItemRead {
  std::optional<aws::Item> item{};
  std::optional<Error> error{};
};

// For one write: nothing when done, else why not. The same key twice in one batch is
// VALIDATION_FAILED for the later ones (DynamoDB refuses such a batch whole); a write the
// deadline stopped is REQUEST_TIMEOUT.
struct ItemWrite {
  std::optional<Error> error{};
  [[nodiscard]] bool ok() const noexcept { return !error; }
};

// A failure of the whole call (storage unavailable) is the Result's error.
[[nodiscard]] Result<std::vector<ItemRead>> batch_read(const Table& table, const std::vector<aws::Item>& keys,
                                                       std::string_view operation);
[[nodiscard]] Result<std::vector<ItemWrite>> batch_write(const Table& table,
                                                         std::vector<aws::dynamodb::WriteRequest> writes,
                                                         std::string_view operation);

// "PK\nSK" of an item or key: how batch results are matched back to their inputs.
[[nodiscard]] std::string key_text(const aws::Item& item_or_key);

}  // namespace hub::data
