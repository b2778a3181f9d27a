#pragma once

#include <string>
#include <string_view>

#include "aws/dynamodb_client.hpp"
#include "core/clock.hpp"
#include "data/cursor.hpp"

namespace hub::data {

// What every repository works with: the DynamoDB client, the table's name, the cursor codec
// (keyed with HUB_PAGINATION_KEY) and the clock. Owned once per process; repositories hold a
// reference, so it must outlive them.
class Table {
 public:
  Table(const aws::dynamodb::DynamoDbClient& client, std::string name, std::string cursor_key,
        const core::Clock& clock = core::SystemClock::instance())
      : client_(client), name_(std::move(name)), cursors_(std::move(cursor_key)), clock_(clock) {}

  [[nodiscard]] const aws::dynamodb::DynamoDbClient& client() const noexcept { return client_; }
  [[nodiscard]] const std::string& name() const noexcept { return name_; }
  [[nodiscard]] const CursorCodec& cursors() const noexcept { return cursors_; }
  [[nodiscard]] const core::Clock& clock() const noexcept { return clock_; }

 private:
  const aws::dynamodb::DynamoDbClient& client_;
  std::string name_;
  CursorCodec cursors_;
  const core::Clock& clock_;
};

}  // namespace hub::data
