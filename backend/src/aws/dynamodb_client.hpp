#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "aws/aws_error.hpp"
#include "aws/dynamodb_types.hpp"
#include "aws/json_service_client.hpp"
#include "core/deadline.hpp"

namespace hub::aws::dynamodb {

// DynamoDB over its JSON 1.0 protocol. Every call takes a deadline (default: the thread's
// current one) that no retry, backoff or resend of unprocessed items may pass. Thread-safe.
class DynamoDbClient {
 public:
  explicit DynamoDbClient(JsonServiceClient client) : client_(std::move(client)) {}

  [[nodiscard]] AwsResult<std::optional<Item>> get_item(
      const GetItemRequest& request, core::Deadline deadline = core::current_deadline()) const;
  [[nodiscard]] AwsResult<WriteResult> put_item(const PutItemRequest& request,
                                                core::Deadline deadline = core::current_deadline()) const;
  [[nodiscard]] AwsResult<WriteResult> update_item(const UpdateItemRequest& request,
                                                   core::Deadline deadline = core::current_deadline()) const;
  [[nodiscard]] AwsResult<WriteResult> delete_item(const DeleteItemRequest& request,
                                                   core::Deadline deadline = core::current_deadline()) const;

  // One page; pass the page's last_evaluated_key as the next request's exclusive_start_key.
  [[nodiscard]] AwsResult<Page> query(const QueryRequest& request,
                                      core::Deadline deadline = core::current_deadline()) const;
  [[nodiscard]] AwsResult<Page> scan(const ScanRequest& request,
                                     core::Deadline deadline = core::current_deadline()) const;

  // Scans `segments` slices of the table at once, one thread each, calling `on_page` (from those
  // threads, so it must be thread-safe) for every page. Stops at the first failure, from DynamoDB
  // or from `on_page`, and returns it.
  using PageSink = std::function<AwsStatus(int segment, Page page)>;
  [[nodiscard]] AwsStatus parallel_scan(const ScanRequest& request, int segments, const PageSink& on_page,
                                        core::Deadline deadline = core::current_deadline()) const;

  // Any number of keys/writes, chunked (100 / 25); what DynamoDB leaves unprocessed is resent
  // with backoff until done or until the deadline, and returned if the deadline came first.
  [[nodiscard]] AwsResult<BatchGetResult> batch_get(const BatchGetRequest& request,
                                                    core::Deadline deadline = core::current_deadline()) const;
  [[nodiscard]] AwsResult<BatchWriteResult> batch_write(
      const BatchWriteRequest& request, core::Deadline deadline = core::current_deadline()) const;

  // All or nothing. A cancelled transaction is transaction_canceled with one reason per item.
  [[nodiscard]] AwsStatus transact_write(const TransactWriteRequest& request,
                                         core::Deadline deadline = core::current_deadline()) const;
  [[nodiscard]] AwsResult<TransactGetResult> transact_get(
      const std::vector<TransactGetItem>& items, core::Deadline deadline = core::current_deadline()) const;

  [[nodiscard]] AwsStatus create_table(const TableSpec& spec,
                                       core::Deadline deadline = core::current_deadline()) const;
  [[nodiscard]] AwsResult<TableDescription> describe_table(
      std::string_view name, core::Deadline deadline = core::current_deadline()) const;
  [[nodiscard]] AwsStatus update_time_to_live(std::string_view table, std::string_view attribute,
                                              bool enabled,
                                              core::Deadline deadline = core::current_deadline()) const;
  [[nodiscard]] AwsStatus delete_table(std::string_view name,
                                       core::Deadline deadline = core::current_deadline()) const;
  [[nodiscard]] AwsResult<std::vector<std::string>> list_tables(
      core::Deadline deadline = core::current_deadline()) const;

  // Creates the table (with TTL) unless it exists, then waits until it and its indexes are ACTIVE.
  // True when this call created it.
  [[nodiscard]] AwsResult<bool> ensure_table(const TableSpec& spec, core::Deadline deadline) const;

  [[nodiscard]] const JsonServiceClient& json_client() const noexcept { return client_; }

 private:
  JsonServiceClient client_;
};

}  // namespace hub::aws::dynamodb
