#include "data/listing.hpp"

#include <array>

#include <fmt/format.h>

#include "aws/dynamodb_json.hpp"
#include "core/json.hpp"
#include "data/keys.hpp"
#include "data/storage_error.hpp"

namespace hub::data {
namespace {

std::span<const std::string_view> key_attributes(std::string_view index) {
  static constexpr std::array<std::string_view, 2> kTable{keys::kPk, keys::kSk};
  static constexpr std::array<std::string_view, 4> kGsi1{keys::kPk, keys::kSk, keys::kGsi1Pk, keys::kGsi1Sk};
  static constexpr std::array<std::string_view, 4> kGsi2{keys::kPk, keys::kSk, keys::kGsi2Pk, keys::kGsi2Sk};
  if (index == keys::kGsi1) return kGsi1;
  if (index == keys::kGsi2) return kGsi2;
  return kTable;
}

}  // namespace

Status check_page_request(const PageRequest& request) {
  if (request.limit < 1 || request.limit > kMaxPageSize) {
    return Error{ErrorCode::INVALID_PARAMETER,
                 "A query parameter has the wrong form.",
                 {{"/query/limit", fmt::format("must be an integer from 1 to {}", kMaxPageSize)}},
                 {}};
  }
  return {};
}

aws::Item key_of(const aws::Item& item, std::string_view index) {
  aws::Item key;
  for (const auto name : key_attributes(index)) {
    if (const auto it = item.find(name); it != item.end()) key.emplace(it->first, it->second);
  }
  return key;
}

std::string fingerprint(const Table& table, const Listing& listing) {
  std::string names;
  for (const auto& [token, name] : listing.expressions.names) names += fmt::format("{}={};", token, name);
  return fmt::format("{}\n{}\n{}\n{}\n{}\n{}\n{}", table.name(), listing.index, listing.key_condition, names,
                     to_json_text(aws::to_json(listing.expressions.values)), listing.expressions.condition,
                     listing.descending ? "desc" : "asc");
}

Result<Page<aws::Item>> list_page(const Table& table, const Listing& listing, const PageRequest& request,
                                  std::string_view operation) {
  if (auto ok = check_page_request(request); !ok) return std::move(ok).error();
  const auto bound_to = fingerprint(table, listing);

  aws::dynamodb::QueryRequest query{.table = table.name(),
                                    .index = std::string(listing.index),
                                    .key_condition = listing.key_condition,
                                    .expressions = listing.expressions,
                                    .scan_forward = !listing.descending};
  if (!request.cursor.empty()) {
    auto start = table.cursors().decode(request.cursor, bound_to, key_attributes(listing.index));
    if (!start) return std::move(start).error();
    query.exclusive_start_key = std::move(start).value();
  }

  // A cursor is issued only once an item beyond the page has been seen, so a page that ends the
  // listing never carries one. DynamoDB's Limit counts the items a query reads before the filter
  // drops any: without a filter, reading one more than the page still needs is enough; with one,
  // each query reads a page's worth plus one, so that a sparse filter takes few round trips (the
  // items read past the page are read again for the next one).
  const auto limit = static_cast<std::size_t>(request.limit);
  const bool filtered = !listing.expressions.condition.empty();
  Page<aws::Item> page;
  for (;;) {
    query.limit = static_cast<int>((filtered ? limit : limit - page.items.size()) + 1);
    auto result = table.client().query(query);
    if (!result) return storage_error(result.error(), operation);
    for (auto& item : result->items) page.items.push_back(std::move(item));
    if (page.items.size() > limit) {
      page.items.resize(limit);
      page.next_cursor = table.cursors().encode(key_of(page.items.back(), listing.index), bound_to);
      break;
    }
    if (!result->last_evaluated_key) break;
    query.exclusive_start_key = std::move(result->last_evaluated_key);
  }
  return page;
}

}  // namespace hub::data
