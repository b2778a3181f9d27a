#pragma once

#include "data/table.hpp"
#include "data/user_preferences_repository.hpp"

namespace hub::data {

// UserPreferencesRepository on the single table (key patterns: data/keys.hpp, docs/data-model.md).
class DynamoUserPreferencesRepository final : public UserPreferencesRepository {
 public:
  explicit DynamoUserPreferencesRepository(const Table& table) : table_(table) {}

  [[nodiscard]] Result<std::optional<models::UserPreferences>> find(std::string_view user_id) const override;
  [[nodiscard]] Result<models::UserPreferences> save(models::UserPreferences preferences) const override;

 private:
  const Table& table_;
};

}  // namespace hub::data
