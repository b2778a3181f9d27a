#pragma once

#include <chrono>
#include <string>

#include "aws/aws_error.hpp"
#include "aws/dynamodb_client.hpp"
#include "core/result.hpp"

namespace hub::data {

// Whether the table can be used now: DescribeTable within a short budget, ACTIVE.
class StorageProbe {
 public:
  StorageProbe(const aws::dynamodb::DynamoDbClient& client, std::string table,
               std::chrono::milliseconds budget)
      : client_(client), table_(std::move(table)), budget_(budget) {}

  [[nodiscard]] Status check() const;

 private:
  const aws::dynamodb::DynamoDbClient& client_;
  std::string table_;
  std::chrono::milliseconds budget_;
};

}  // namespace hub::data
