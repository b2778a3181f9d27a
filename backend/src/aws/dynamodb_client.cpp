#include "aws/dynamodb_client.hpp"

#include <atomic>
#include <mutex>
#include <thread>

#include <boost/json/serialize.hpp>

#include "aws/dynamodb_json.hpp"
#include "aws/dynamodb_wire.hpp"
#include "core/log.hpp"
#include "core/tracing.hpp"

namespace hub::aws::dynamodb {
namespace {

using boost::json::object;

AwsResult<WriteResult> write_result(AwsResult<boost::json::value> response) {
  if (!response) return std::move(response).error();
  auto body = wire::as_object(*response);
  if (!body) return std::move(body).error();
  auto attributes = wire::optional_item(**body, "Attributes");
  if (!attributes) return std::move(attributes).error();
  return WriteResult{std::move(attributes).value()};
}

AwsResult<Page> page_of(AwsResult<boost::json::value> response) {
  if (!response) return std::move(response).error();
  auto body = wire::as_object(*response);
  if (!body) return std::move(body).error();
  const object& o = **body;
  Page page;
  auto items = wire::item_list(o, "Items");
  if (!items) return std::move(items).error();
  page.items = std::move(items).value();
  auto last = wire::optional_item(o, "LastEvaluatedKey");
  if (!last) return std::move(last).error();
  page.last_evaluated_key = std::move(last).value();
  if (const auto* count = o.if_contains("Count"); count != nullptr && count->is_int64()) {
    page.count = count->as_int64();
  }
  if (const auto* scanned = o.if_contains("ScannedCount"); scanned != nullptr && scanned->is_int64()) {
    page.scanned_count = scanned->as_int64();
  }
  return page;
}

void add_write_options(object& out, const Expressions& expressions, ReturnValues return_values,
                       bool return_item_on_condition_failure) {
  wire::add_expressions(out, expressions);
  wire::add_return_consumed_capacity(out);
  if (return_values != ReturnValues::none) out["ReturnValues"] = wire::return_values_name(return_values);
  wire::add_return_on_condition_failure(out, return_item_on_condition_failure);
}

void add_read_options(object& out, const std::string& index, const std::string& projection,
                      const std::optional<int>& limit, const std::optional<Item>& start, bool consistent) {
  if (!index.empty()) out["IndexName"] = index;
  if (!projection.empty()) out["ProjectionExpression"] = projection;
  if (limit) out["Limit"] = *limit;
  if (start) out["ExclusiveStartKey"] = to_json(*start);
  if (consistent) out["ConsistentRead"] = true;
  wire::add_return_consumed_capacity(out);
}

}  // namespace

AwsResult<std::optional<Item>> DynamoDbClient::get_item(const GetItemRequest& request,
                                                        core::Deadline deadline) const {
  object body{{"TableName", request.table}, {"Key", to_json(request.key)}};
  if (request.consistent_read) body["ConsistentRead"] = true;
  if (!request.projection.empty()) body["ProjectionExpression"] = request.projection;
  if (!request.names.empty()) body["ExpressionAttributeNames"] = wire::names_json(request.names);
  wire::add_return_consumed_capacity(body);
  auto response = client_.call("GetItem", request.table, boost::json::serialize(body), deadline);
  if (!response) return std::move(response).error();
  auto o = wire::as_object(*response);
  if (!o) return std::move(o).error();
  return wire::optional_item(**o, "Item");
}

AwsResult<WriteResult> DynamoDbClient::put_item(const PutItemRequest& request,
                                                core::Deadline deadline) const {
  object body{{"TableName", request.table}, {"Item", to_json(request.item)}};
  add_write_options(body, request.expressions, request.return_values,
                    request.return_item_on_condition_failure);
  return write_result(client_.call("PutItem", request.table, boost::json::serialize(body), deadline));
}

AwsResult<WriteResult> DynamoDbClient::update_item(const UpdateItemRequest& request,
                                                   core::Deadline deadline) const {
  object body{{"TableName", request.table}, {"Key", to_json(request.key)}};
  if (!request.update.empty()) body["UpdateExpression"] = request.update;
  add_write_options(body, request.expressions, request.return_values,
                    request.return_item_on_condition_failure);
  return write_result(client_.call("UpdateItem", request.table, boost::json::serialize(body), deadline));
}

AwsResult<WriteResult> DynamoDbClient::delete_item(const DeleteItemRequest& request,
                                                   core::Deadline deadline) const {
  object body{{"TableName", request.table}, {"Key", to_json(request.key)}};
  add_write_options(body, request.expressions, request.return_values,
                    request.return_item_on_condition_failure);
  return write_result(client_.call("DeleteItem", request.table, boost::json::serialize(body), deadline));
}

AwsResult<Page> DynamoDbClient::query(const QueryRequest& request, core::Deadline deadline) const {
  object body{{"TableName", request.table}, {"KeyConditionExpression", request.key_condition}};
  wire::add_expressions(body, request.expressions, "FilterExpression");
  add_read_options(body, request.index, request.projection, request.limit, request.exclusive_start_key,
                   request.consistent_read);
  if (!request.scan_forward) body["ScanIndexForward"] = false;
  return page_of(client_.call("Query", request.table, boost::json::serialize(body), deadline));
}

AwsResult<Page> DynamoDbClient::scan(const ScanRequest& request, core::Deadline deadline) const {
  object body{{"TableName", request.table}};
  wire::add_expressions(body, request.expressions, "FilterExpression");
  add_read_options(body, request.index, request.projection, request.limit, request.exclusive_start_key,
                   request.consistent_read);
  if (request.segment && request.total_segments) {
    body["Segment"] = *request.segment;
    body["TotalSegments"] = *request.total_segments;
  }
  return page_of(client_.call("Scan", request.table, boost::json::serialize(body), deadline));
}

AwsStatus DynamoDbClient::parallel_scan(const ScanRequest& request, int segments, const PageSink& on_page,
                                        core::Deadline deadline) const {
  if (segments < 1 || segments > 1'000'000) {
    return AwsError::make(AwsErrc::validation, "parallel_scan: segments must be 1 to 1000000");
  }
  std::atomic<bool> stop{false};
  std::mutex mutex;
  std::optional<AwsError> first_error;
  auto fail = [&](AwsError error) {
    const std::scoped_lock lock{mutex};
    if (!first_error) first_error = std::move(error);
    stop = true;
  };
  // The workers log and trace as the thread that started them: same invocation, same trace.
  const core::LogContext& log_context = core::current_log_context();  // unchanged while the workers run
  const core::TraceHeader* trace = core::current_trace();
  const std::optional<core::TraceHeader> trace_context =
      trace != nullptr ? std::optional<core::TraceHeader>{*trace} : std::nullopt;
  auto run_segment = [&](int segment) {
    const core::ScopedLogContext logging_as_caller{log_context};
    const core::ScopedTraceContext tracing_as_caller{trace_context};
    ScanRequest slice = request;
    slice.segment = segment;
    slice.total_segments = segments;
    while (!stop) {
      auto page = scan(slice, deadline);
      if (!page) return fail(std::move(page).error());
      auto next = page->last_evaluated_key;
      if (auto sunk = on_page(segment, std::move(page).value()); !sunk) return fail(std::move(sunk).error());
      if (!next) return;
      slice.exclusive_start_key = std::move(next);
    }
  };
  {
    std::vector<std::jthread> workers;
    workers.reserve(static_cast<std::size_t>(segments));
    for (int segment = 0; segment < segments; ++segment) workers.emplace_back(run_segment, segment);
  }
  if (first_error) return std::move(*first_error);
  return {};
}

}  // namespace hub::aws::dynamodb
