#pragma once

#include <string>
#include <string_view>

#include "aws/attribute_value.hpp"
#include "aws/dynamodb_types.hpp"
#include "core/result.hpp"
#include "data/page.hpp"
#include "data/table.hpp"

namespace hub::data {

// One access pattern that returns many items: a Query on the table or an index.
struct Listing {
  std::string_view index{};                  // "", keys::kGsi1 or keys::kGsi2
  std::string key_condition{};               // KeyConditionExpression
  aws::dynamodb::Expressions expressions{};  // condition = FilterExpression
  bool descending = false;                   // newest first, for ULID / time sort keys
};

// A text naming the listing exactly (table, index, condition, values, filter, direction): what a
// cursor is bound to.
[[nodiscard]] std::string fingerprint(const Table& table, const Listing& listing);

// One page of the listing. Full pages whenever more items exist (a filter that drops items makes
// the query read on), and no empty last page when the items end on a page boundary: the query
// asks for one item more than the page holds to know. `operation` names the call in logs.
[[nodiscard]] Result<Page<aws::Item>> list_page(const Table& table, const Listing& listing,
                                                const PageRequest& request, std::string_view operation);

// The key attributes of an item as seen from `index` ("" for the table).
[[nodiscard]] aws::Item key_of(const aws::Item& item, std::string_view index);

}  // namespace hub::data
