#include "data/dynamodb/user_profile_repository.hpp"

#include <algorithm>

#include "core/clock.hpp"
#include "core/text.hpp"
#include "data/batch.hpp"
#include "data/item_codec.hpp"
#include "data/item_helpers.hpp"
#include "data/listing.hpp"
#include "data/model_reads.hpp"
#include "data/storage_error.hpp"
#include "data/versioned_write.hpp"

namespace hub::data {
namespace {

using aws::AttributeValue;
namespace ddb = aws::dynamodb;

aws::Item profile_key(std::string_view user_id) {
  return detail::item_key(keys::user_pk(user_id), std::string(keys::kProfileSk));
}
aws::Item guard_key(std::string_view email) {
  return detail::item_key(keys::email_pk(email), std::string(keys::kEmailSk));
}

Result<aws::Item> profile_item(const models::UserProfile& profile) {
  auto item = to_item(profile);
  if (!item) return item;
  detail::add_keys(*item, keys::user_pk(profile.id), std::string(keys::kProfileSk), keys::kUserProfileEntity);
  detail::set(*item, keys::kGsi1Pk, std::string(keys::kUsersDirectoryPk));
  // Sort keys compare as text: one time format (UTC, milliseconds) keeps the directory in order.
  const auto created = core::parse_rfc3339(profile.created_at);
  detail::set(*item, keys::kGsi1Sk,
              keys::directory_sk(created ? core::to_rfc3339(*created) : profile.created_at, profile.id));
  return item;
}

aws::Item guard_item(const models::UserProfile& profile) {
  aws::Item item = guard_key(profile.email);
  detail::set(item, keys::kEntity, std::string(keys::kEmailGuardEntity));
  detail::set(item, "user_id", profile.id);
  detail::set(item, "email", core::to_lower(profile.email));
  return item;
}

// The email guard may be taken only if it is free or already ours.
ddb::TransactPut claim_email(const Table& table, const models::UserProfile& profile) {
  return {.table = table.name(),
          .item = guard_item(profile),
          .expressions = {.condition = "attribute_not_exists(#pk) OR #user = :user",
                          .names = {{"#pk", std::string(keys::kPk)}, {"#user", "user_id"}},
                          .values = {{":user", AttributeValue::S(profile.id)}}}};
}

ddb::TransactDelete release_email(const Table& table, std::string_view email, std::string_view user_id) {
  return {.table = table.name(),
          .key = guard_key(email),
          .expressions = {.condition = "attribute_not_exists(#pk) OR #user = :user",
                          .names = {{"#pk", std::string(keys::kPk)}, {"#user", "user_id"}},
                          .values = {{":user", AttributeValue::S(std::string(user_id))}}}};
}

ddb::TransactPut put_profile(const Table& table, aws::Item item, std::int64_t expected) {
  auto condition = version_condition(expected);
  return {.table = table.name(),
          .item = std::move(item),
          .expressions = {.condition = std::move(condition.expression),
                          .names = std::move(condition.names),
                          .values = std::move(condition.values)},
          .return_item_on_condition_failure = true};
}

bool failed_condition(const aws::AwsError& error, std::size_t index) {
  return index < error.cancellation_reasons.size() &&
         error.cancellation_reasons[index].code == "ConditionalCheckFailed";
}

bool same_email(std::string_view a, std::string_view b) { return core::to_lower(a) == core::to_lower(b); }

}  // namespace

Result<std::optional<models::UserProfile>> DynamoUserProfileRepository::find(std::string_view user_id) const {
  return get_model<models::UserProfile>(table_, profile_key(user_id), "profiles.find");
}

Result<std::optional<models::UserProfile>> DynamoUserProfileRepository::find_by_email(
    std::string_view email) const {
  auto got =
      table_.client().get_item({.table = table_.name(), .key = guard_key(email), .consistent_read = true});
  if (!got) return storage_error(got.error(), "profiles.find_by_email");
  if (!*got) return std::optional<models::UserProfile>{};
  const auto owner = string_attribute(**got, "user_id");
  if (!owner) return std::optional<models::UserProfile>{};
  return find(*owner);
}

Result<models::UserProfile> DynamoUserProfileRepository::create(models::UserProfile profile) const {
  const auto now = detail::now_text(table_);
  if (profile.created_at.empty()) profile.created_at = now;
  if (profile.updated_at.empty()) profile.updated_at = now;
  profile.version = 1;
  auto item = profile_item(profile);
  if (!item) return std::move(item).error();

  ddb::TransactWriteRequest request;
  request.items.emplace_back(put_profile(table_, std::move(item).value(), 0));
  request.items.emplace_back(claim_email(table_, profile));
  auto written = table_.client().transact_write(request);
  if (written) return profile;
  const auto& error = written.error();
  if (error.code == aws::AwsErrc::transaction_canceled) {
    if (failed_condition(error, 0))
      return Error::make(ErrorCode::ALREADY_EXISTS, "This user has a profile already.");
    if (failed_condition(error, 1)) return Error::make(ErrorCode::EMAIL_TAKEN, "");
  }
  return storage_error(error, "profiles.create");
}

Result<models::UserProfile> DynamoUserProfileRepository::update(const models::UserProfile& stored,
                                                                models::UserProfile next) const {
  // Version 0 would make the conditional put a create.
  if (stored.version < 1) return Error::make(ErrorCode::USER_NOT_FOUND, "");
  const std::int64_t expected = stored.version;
  auto profile = std::move(next);
  profile.id = stored.id;
  profile.created_at = stored.created_at;  // immutable, and part of the directory key
  profile.updated_at = detail::now_text(table_);
  profile.version = expected + 1;
  auto item = profile_item(profile);
  if (!item) return std::move(item).error();

  if (same_email(stored.email, profile.email)) {
    auto written = put_versioned(table_, std::move(item).value(), expected, ErrorCode::USER_NOT_FOUND,
                                 "profiles.update");
    if (!written) return std::move(written).error();
    return profile;
  }
  // A new address: claim it, release the old one and write the profile, all or nothing.
  ddb::TransactWriteRequest request;
  request.items.emplace_back(put_profile(table_, std::move(item).value(), expected));
  request.items.emplace_back(claim_email(table_, profile));
  request.items.emplace_back(release_email(table_, stored.email, profile.id));
  auto written = table_.client().transact_write(request);
  if (written) return profile;
  const auto& error = written.error();
  if (error.code == aws::AwsErrc::transaction_canceled) {
    if (failed_condition(error, 0)) {
      auto now_stored = find(profile.id);
      if (!now_stored) return std::move(now_stored).error();
      if (!*now_stored) return Error::make(ErrorCode::USER_NOT_FOUND, "");
      return Error::version_conflict((*now_stored)->version);
    }
    if (failed_condition(error, 1)) return Error::make(ErrorCode::EMAIL_TAKEN, "");
  }
  return storage_error(error, "profiles.update");
}

Status DynamoUserProfileRepository::remove(std::string_view user_id, std::int64_t expected_version) const {
  auto stored = find(user_id);
  if (!stored) return std::move(stored).error();
  if (!*stored) return Error::make(ErrorCode::USER_NOT_FOUND, "");
  if ((*stored)->version != expected_version) return Error::version_conflict((*stored)->version);
  auto condition = version_condition(expected_version);
  ddb::TransactWriteRequest request;
  request.items.emplace_back(ddb::TransactDelete{.table = table_.name(),
                                                 .key = profile_key(user_id),
                                                 .expressions = {.condition = std::move(condition.expression),
                                                                 .names = std::move(condition.names),
                                                                 .values = std::move(condition.values)}});
  request.items.emplace_back(release_email(table_, (*stored)->email, user_id));
  auto written = table_.client().transact_write(request);
  if (written) return {};
  if (written.error().code == aws::AwsErrc::transaction_canceled && failed_condition(written.error(), 0)) {
    auto now_stored = find(user_id);
    if (!now_stored) return std::move(now_stored).error();
    if (!*now_stored) return Error::make(ErrorCode::USER_NOT_FOUND, "");
    return Error::version_conflict((*now_stored)->version);
  }
  return storage_error(written.error(), "profiles.remove");
}

Result<Page<models::UserProfile>> DynamoUserProfileRepository::list(const PageRequest& page) const {
  const Listing listing{
      .index = keys::kGsi1,
      .key_condition = "#pk = :pk",
      .expressions = detail::partition_is(keys::kGsi1Pk, std::string(keys::kUsersDirectoryPk))};
  return list_models<models::UserProfile>(table_, listing, page, "profiles.list");
}

Result<std::vector<BatchRead<models::UserProfile>>> DynamoUserProfileRepository::batch_get(
    std::span<const std::string> user_ids) const {
  std::vector<aws::Item> wanted;
  wanted.reserve(user_ids.size());
  std::ranges::transform(user_ids, std::back_inserter(wanted),
                         [](const std::string& id) { return profile_key(id); });
  auto read = batch_read(table_, wanted, "profiles.batch_get");
  if (!read) return std::move(read).error();
  std::vector<BatchRead<models::UserProfile>> out(user_ids.size());
  for (std::size_t i = 0; i < user_ids.size(); ++i) {
    out[i].id = user_ids[i];
    auto& one = (*read)[i];
    if (one.error) {
      out[i].error = std::move(one.error);
    } else if (one.item) {
      auto profile = from_item<models::UserProfile>(*one.item);
      if (profile) {
        out[i].item = std::move(profile).value();
      } else {
        out[i].error = std::move(profile).error();
      }
    }
  }
  return out;
}

Result<std::vector<BatchWrite>> DynamoUserProfileRepository::batch_put(
    std::span<const models::UserProfile> profiles) const {
  std::vector<BatchWrite> out(profiles.size());
  const auto now = detail::now_text(table_);
  std::vector<ddb::WriteRequest> writes;
  std::vector<std::size_t> sent;
  for (std::size_t i = 0; i < profiles.size(); ++i) {
    out[i].id = profiles[i].id;
    auto profile = profiles[i];
    if (profile.version < 1) profile.version = 1;
    if (profile.created_at.empty()) profile.created_at = now;
    if (profile.updated_at.empty()) profile.updated_at = profile.created_at;
    auto item = profile_item(profile);
    if (!item) {
      out[i].error = std::move(item).error();
      continue;
    }
    sent.push_back(i);
    writes.emplace_back(ddb::PutRequest{std::move(item).value()});
  }
  auto written = batch_write(table_, std::move(writes), "profiles.batch_put");
  if (!written) return std::move(written).error();
  for (std::size_t k = 0; k < sent.size(); ++k) out[sent[k]].error = std::move((*written)[k].error);
  return out;
}

Result<std::vector<BatchWrite>> DynamoUserProfileRepository::batch_delete(
    std::span<const std::string> user_ids) const {
  std::vector<ddb::WriteRequest> writes;
  writes.reserve(user_ids.size());
  std::ranges::transform(user_ids, std::back_inserter(writes), [](const std::string& id) {
    return ddb::WriteRequest{ddb::DeleteRequest{profile_key(id)}};
  });
  auto written = batch_write(table_, std::move(writes), "profiles.batch_delete");
  if (!written) return std::move(written).error();
  std::vector<BatchWrite> out(user_ids.size());
  for (std::size_t i = 0; i < user_ids.size(); ++i) {
    out[i].id = user_ids[i];
    out[i].error = std::move((*written)[i].error);
  }
  return out;
}

}  // namespace hub::data
