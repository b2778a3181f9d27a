#include "data/dynamodb/rate_counter_repository.hpp"

#include "data/item_codec.hpp"
#include "data/item_helpers.hpp"
#include "data/storage_error.hpp"

namespace hub::data {

namespace {
// Counters outlive their window a little, so a late request never recreates a finished one.
constexpr std::chrono::seconds kExpiryMargin{60};
}  // namespace

Result<RateCount> DynamoRateCounterRepository::hit(std::string_view subject, std::int64_t limit,
                                                   std::chrono::seconds window) const {
  using std::chrono::seconds;
  const auto now = std::chrono::duration_cast<seconds>(table_.clock().now().time_since_epoch()).count();
  const auto length = std::max<std::int64_t>(window.count(), 1);
  const auto start = now - now % length;
  const auto ends_in = seconds{start + length - now};
  auto updated = table_.client().update_item(
      {.table = table_.name(),
       .key = detail::item_key(keys::rate_pk(subject), keys::rate_window_sk(start)),
       .update = "SET #entity = :entity, #ttl = :ttl ADD #count :one",
       .expressions = {.condition = "attribute_not_exists(#count) OR #count < :limit",
                       .names = {{"#entity", std::string(keys::kEntity)},
                                 {"#ttl", std::string(keys::kTtl)},
                                 {"#count", "count"}},
                       .values = {{":entity", aws::AttributeValue::S(std::string(keys::kRateCounterEntity))},
                                  {":ttl", aws::AttributeValue::N(start + length + kExpiryMargin.count())},
                                  {":one", aws::AttributeValue::N(1)},
                                  {":limit", aws::AttributeValue::N(limit)}}},
       .return_values = aws::dynamodb::ReturnValues::updated_new});
  if (!updated) {
    if (updated.error().code == aws::AwsErrc::conditional_check_failed) {
      return RateCount{.count = limit, .allowed = false, .retry_after = ends_in};
    }
    return storage_error(updated.error(), "rate_counters.hit");
  }
  const auto count = updated->attributes ? integer_attribute(*updated->attributes, "count").value_or(1) : 1;
  return RateCount{.count = count, .allowed = true, .retry_after = ends_in};
}

}  // namespace hub::data
