#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "aws/attribute_value.hpp"
#include "core/result.hpp"
#include "data/item_codec.hpp"
#include "data/listing.hpp"
#include "data/page.hpp"
#include "data/storage_error.hpp"
#include "data/table.hpp"
#include "models/model.hpp"

// Reads that come back as models: the repositories' common ground.
namespace hub::data {

// Every item as a model; the first corrupt one fails the whole read.
template <models::Model T>
[[nodiscard]] Result<std::vector<T>> from_items(const std::vector<aws::Item>& items) {
  std::vector<T> out;
  out.reserve(items.size());
  for (const auto& item : items) {
    auto model = from_item<T>(item);
    if (!model) return std::move(model).error();
    out.push_back(std::move(model).value());
  }
  return out;
}

// One item by key (strongly consistent), or nothing.
template <models::Model T>
[[nodiscard]] Result<std::optional<T>> get_model(const Table& table, aws::Item key,
                                                 std::string_view operation) {
  auto got = table.client().get_item({.table = table.name(), .key = std::move(key), .consistent_read = true});
  if (!got) return storage_error(got.error(), operation);
  if (!*got) return std::optional<T>{};
  auto model = from_item<T>(**got);
  if (!model) return std::move(model).error();
  return std::optional<T>{std::move(model).value()};
}

// One page of a listing, as models.
template <models::Model T>
[[nodiscard]] Result<Page<T>> list_models(const Table& table, const Listing& listing,
                                          const PageRequest& request, std::string_view operation) {
  auto raw = list_page(table, listing, request, operation);
  if (!raw) return std::move(raw).error();
  auto items = from_items<T>(raw->items);
  if (!items) return std::move(items).error();
  return Page<T>{std::move(items).value(), std::move(raw->next_cursor)};
}

}  // namespace hub::data
