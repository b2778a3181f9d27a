#include "data/dynamodb/user_preferences_repository.hpp"

#include "data/item_codec.hpp"
#include "data/item_helpers.hpp"
#include "data/model_reads.hpp"
#include "data/storage_error.hpp"
#include "data/versioned_write.hpp"

namespace hub::data {

Result<std::optional<models::UserPreferences>> DynamoUserPreferencesRepository::find(
    std::string_view user_id) const {
  return get_model<models::UserPreferences>(
      table_, detail::item_key(keys::user_pk(user_id), std::string(keys::kPreferencesSk)),
      "preferences.find");
}

Result<models::UserPreferences> DynamoUserPreferencesRepository::save(
    models::UserPreferences preferences) const {
  const std::int64_t expected = preferences.version;
  preferences.updated_at = detail::now_text(table_);
  preferences.version = expected + 1;
  auto item = to_item(preferences);
  if (!item) return std::move(item).error();
  detail::add_keys(*item, keys::user_pk(preferences.user_id), std::string(keys::kPreferencesSk),
                   keys::kUserPreferencesEntity);
  // Nothing stored yet but a version named: the client's view is of something that is gone.
  auto written = put_versioned(table_, std::move(item).value(), expected, ErrorCode::VERSION_CONFLICT,
                               "preferences.save");
  if (!written) {
    if (written.error().code == ErrorCode::ALREADY_EXISTS) {
      // Saved by someone else since this client read the defaults.
      auto stored = find(preferences.user_id);
      if (!stored) return std::move(stored).error();
      return Error::version_conflict(*stored ? (*stored)->version : 0);
    }
    return std::move(written).error();
  }
  return preferences;
}

}  // namespace hub::data
