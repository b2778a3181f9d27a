#include "data/dynamodb/role_repository.hpp"

#include <algorithm>
#include <set>

#include <fmt/format.h>

#include "data/batch.hpp"
#include "data/item_codec.hpp"
#include "data/item_helpers.hpp"
#include "data/listing.hpp"
#include "data/model_reads.hpp"
#include "data/storage_error.hpp"

namespace hub::data {
namespace {

namespace ddb = aws::dynamodb;

Status check_roles(const std::vector<std::string>& roles) {
  std::vector<FieldError> errors;
  for (std::size_t i = 0; i < roles.size(); ++i) {
    if (std::ranges::find(models::role_names(), roles[i]) == models::role_names().end()) {
      errors.push_back({fmt::format("/roles/{}", i),
                        fmt::format("must be one of: {}", fmt::join(models::role_names(), ", "))});
    }
  }
  if (!errors.empty()) return Error::validation(std::move(errors));
  return {};
}

}  // namespace

Result<std::vector<models::RoleAssignment>> DynamoRoleRepository::roles_of(std::string_view user_id) const {
  auto expressions = detail::partition_is(keys::kPk, keys::user_pk(user_id));
  expressions.names.emplace("#sk", std::string(keys::kSk));
  expressions.values.emplace(":prefix", aws::AttributeValue::S(std::string(keys::kRolePrefix)));
  std::vector<aws::Item> items;
  ddb::QueryRequest query{.table = table_.name(),
                          .key_condition = "#pk = :pk AND begins_with(#sk, :prefix)",
                          .expressions = std::move(expressions),
                          .consistent_read = true};
  for (;;) {  // a handful of items: one page, unless DynamoDB splits it
    auto page = table_.client().query(query);
    if (!page) return storage_error(page.error(), "roles.roles_of");
    std::ranges::move(page->items, std::back_inserter(items));
    if (!page->last_evaluated_key) break;
    query.exclusive_start_key = std::move(page->last_evaluated_key);
  }
  return from_items<models::RoleAssignment>(items);
}

Result<std::vector<models::RoleAssignment>> DynamoRoleRepository::replace(
    std::string_view user_id, const std::vector<std::string>& roles, std::string_view granted_by) const {
  if (auto valid = check_roles(roles); !valid) return std::move(valid).error();
  const std::set<std::string, std::less<>> wanted(roles.begin(), roles.end());
  auto current = roles_of(user_id);
  if (!current) return std::move(current).error();

  ddb::TransactWriteRequest request;
  std::vector<models::RoleAssignment> result;
  for (const auto& held : *current) {
    if (wanted.contains(held.role)) {
      result.push_back(held);
    } else {
      request.items.emplace_back(ddb::TransactDelete{
          .table = table_.name(), .key = detail::item_key(keys::user_pk(user_id), keys::role_sk(held.role))});
    }
  }
  const auto now = detail::now_text(table_);
  for (const auto& role : wanted) {
    if (std::ranges::any_of(*current, [&](const auto& held) { return held.role == role; })) continue;
    models::RoleAssignment assignment{.user_id = std::string(user_id),
                                      .role = role,
                                      .granted_by = std::string(granted_by),
                                      .granted_at = now};
    auto item = to_item(assignment);
    if (!item) return std::move(item).error();
    detail::add_keys(*item, keys::user_pk(user_id), keys::role_sk(role), keys::kRoleAssignmentEntity);
    detail::set(*item, keys::kGsi1Pk, keys::role_holders_pk(role));
    detail::set(*item, keys::kGsi1Sk, keys::user_pk(user_id));
    request.items.emplace_back(ddb::TransactPut{.table = table_.name(), .item = std::move(item).value()});
    result.push_back(std::move(assignment));
  }
  if (!request.items.empty()) {
    if (auto written = table_.client().transact_write(request); !written) {
      return storage_error(written.error(), "roles.replace");
    }
  }
  std::ranges::sort(result, {}, &models::RoleAssignment::role);
  return result;
}

Result<std::map<std::string, std::vector<std::string>, std::less<>>> DynamoRoleRepository::roles_of_users(
    std::span<const std::string> user_ids) const {
  std::map<std::string, std::vector<std::string>, std::less<>> held;
  std::vector<aws::Item> keys;
  for (const auto& user_id : user_ids) {
    if (!held.emplace(user_id, std::vector<std::string>{}).second) continue;
    for (const auto role : models::role_names()) {
      keys.push_back(detail::item_key(keys::user_pk(user_id), keys::role_sk(role)));
    }
  }
  auto reads = batch_read(table_, keys, "roles.roles_of_users");
  if (!reads) return std::move(reads).error();
  for (std::size_t i = 0; i < reads->size(); ++i) {
    const auto& read = (*reads)[i];
    if (read.error) return *read.error;
    if (!read.item) continue;
    auto assignment = from_item<models::RoleAssignment>(*read.item);
    if (!assignment) return std::move(assignment).error();
    held[assignment->user_id].push_back(assignment->role);
  }
  for (auto& [user_id, roles] : held) std::ranges::sort(roles);
  return held;
}

Result<Page<models::RoleAssignment>> DynamoRoleRepository::holders(std::string_view role,
                                                                   const PageRequest& page) const {
  if (auto valid = check_roles({std::string(role)}); !valid) {
    return Error{ErrorCode::INVALID_PARAMETER,
                 "A query parameter has the wrong form.",
                 {{"/query/role", fmt::format("must be one of: {}", fmt::join(models::role_names(), ", "))}},
                 {}};
  }
  const Listing listing{.index = keys::kGsi1,
                        .key_condition = "#pk = :pk",
                        .expressions = detail::partition_is(keys::kGsi1Pk, keys::role_holders_pk(role))};
  return list_models<models::RoleAssignment>(table_, listing, page, "roles.holders");
}

}  // namespace hub::data
