#pragma once

#include <optional>
#include <string_view>

#include "core/result.hpp"
#include "models/user.hpp"

namespace hub::data {

class UserPreferencesRepository {
 public:
  virtual ~UserPreferencesRepository() = default;

  // Nothing when the user never saved preferences (the defaults apply).
  [[nodiscard]] virtual Result<std::optional<models::UserPreferences>> find(
      std::string_view user_id) const = 0;
  // Stores the preferences whose stored version is `preferences.version` (0: none stored yet),
  // returning them with the next version. VERSION_CONFLICT carries the current version.
  [[nodiscard]] virtual Result<models::UserPreferences> save(models::UserPreferences preferences) const = 0;
};

}  // namespace hub::data
