#pragma once

#include "data/table.hpp"
#include "data/user_profile_repository.hpp"

namespace hub::data {

// UserProfileRepository on the single table (key patterns: data/keys.hpp, docs/data-model.md).
class DynamoUserProfileRepository final : public UserProfileRepository {
 public:
  explicit DynamoUserProfileRepository(const Table& table) : table_(table) {}

  [[nodiscard]] Result<std::optional<models::UserProfile>> find(std::string_view user_id) const override;
  [[nodiscard]] Result<std::optional<models::UserProfile>> find_by_email(
      std::string_view email) const override;
  [[nodiscard]] Result<models::UserProfile> create(models::UserProfile profile) const override;
  [[nodiscard]] Result<models::UserProfile> update(const models::UserProfile& stored,
                                                   models::UserProfile next) const override;
  [[nodiscard]] Status remove(std::string_view user_id, std::int64_t expected_version) const override;
  [[nodiscard]] Result<Page<models::UserProfile>> list(const PageRequest& page) const override;
  [[nodiscard]] Result<std::vector<BatchRead<models::UserProfile>>> batch_get(
      std::span<const std::string> user_ids) const override;
  [[nodiscard]] Result<std::vector<BatchWrite>> batch_put(
      std::span<const models::UserProfile> profiles) const override;
  [[nodiscard]] Result<std::vector<BatchWrite>> batch_delete(
      std::span<const std::string> user_ids) const override;

 private:
  const Table& table_;
};

}  // namespace hub::data
