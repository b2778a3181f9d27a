#include "data/batch.hpp"

#include <unordered_map>
#include <unordered_set>

#include <fmt/format.h>

#include "data/item_codec.hpp"
#include "data/keys.hpp"
#include "data/storage_error.hpp"

namespace hub::data {
namespace {

Error not_reached_error() {
  return Error::make(ErrorCode::REQUEST_TIMEOUT, "The deadline came before this item was reached.");
}

const aws::Item& key_or_item(const aws::dynamodb::WriteRequest& write) {
  if (const auto* put = std::get_if<aws::dynamodb::PutRequest>(&write)) return put->item;
  return std::get<aws::dynamodb::DeleteRequest>(write).key;
}

}  // namespace

std::string key_text(const aws::Item& item_or_key) {
  return fmt::format("{}\n{}", string_attribute(item_or_key, keys::kPk).value_or(""),
                     string_attribute(item_or_key, keys::kSk).value_or(""));
}

Result<std::vector<ItemRead>> batch_read(const Table& table, const std::vector<aws::Item>& keys,
                                         std::string_view operation) {
  std::vector<ItemRead> out(keys.size());
  if (keys.empty()) return out;
  auto result = table.client().batch_get({.table = table.name(), .keys = keys});
  if (!result) return storage_error(result.error(), operation);

  std::unordered_map<std::string, aws::Item> found;
  for (auto& item : result->items) found.emplace(key_text(item), std::move(item));
  std::unordered_set<std::string> unreached;
  for (const auto& key : result->unprocessed_keys) unreached.insert(key_text(key));
  for (std::size_t i = 0; i < keys.size(); ++i) {
    const auto text = key_text(keys[i]);
    if (const auto it = found.find(text); it != found.end()) {
      out[i].item = it->second;  // a repeated key gets its own copy
    } else if (unreached.contains(text)) {
      out[i].error = not_reached_error();
    }
  }
  return out;
}

Result<std::vector<ItemWrite>> batch_write(const Table& table,
                                           std::vector<aws::dynamodb::WriteRequest> writes,
                                           std::string_view operation) {
  std::vector<ItemWrite> out(writes.size());
  std::unordered_map<std::string, std::size_t> first_index;
  std::vector<aws::dynamodb::WriteRequest> sent;
  sent.reserve(writes.size());
  for (std::size_t i = 0; i < writes.size(); ++i) {
    if (!first_index.emplace(key_text(key_or_item(writes[i])), i).second) {
      // The outcome is this item's own, so the pointer is its root.
      out[i].error = Error::validation({{"", "repeats the key of an earlier item"}},
                                       "The same key appears twice in one batch.");
      continue;
    }
    sent.push_back(std::move(writes[i]));
  }
  if (sent.empty()) return out;
  auto result = table.client().batch_write({.table = table.name(), .writes = sent});
  if (!result) return storage_error(result.error(), operation);
  for (const auto& left : result->unprocessed) {
    out[first_index.at(key_text(key_or_item(left)))].error = not_reached_error();
  }
  return out;
}

}  // namespace hub::data
