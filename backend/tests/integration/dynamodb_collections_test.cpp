// Queries, scans, batches and transactions against each emulator.
#include <algorithm>
#include <atomic>
#include <mutex>
#include <set>
#include <string>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "emulators.hpp"

namespace hub::aws::dynamodb {
namespace {

Item key(const std::string& pk, const std::string& sk) {
  return Item{{"PK", AttributeValue::S(pk)}, {"SK", AttributeValue::S(sk)}};
}

std::string sk_of(const Item& item) { return *item.at("SK").as_string(); }

class DynamoDbCollections : public hub::testing::EmulatorTest {
 protected:
  // `count` items in partition `pk`, sort keys "0000".."count-1", written with BatchWriteItem.
  void fill(const std::string& pk, int count, const std::string& gsi_pk = {}) {
    BatchWriteRequest batch{.table = table_name(), .writes = {}};
    for (int i = 0; i < count; ++i) {
      Item item = key(pk, fmt::format("{:04}", i));
      item["n"] = AttributeValue::N(i);
      if (!gsi_pk.empty()) {
        item["GSI1PK"] = AttributeValue::S(gsi_pk);
        item["GSI1SK"] = AttributeValue::S(fmt::format("{:04}", count - 1 - i));
      }
      batch.writes.emplace_back(PutRequest{std::move(item)});
    }
    auto written = client().batch_write(batch);
    ASSERT_TRUE(written) << written.error().describe();
    ASSERT_TRUE(written->unprocessed.empty());
  }
};

TEST_P(DynamoDbCollections, QueryPagesThroughAPartitionInOrder) {
  fill("FEED#1", 57);
  for (const bool forward : {true, false}) {
    std::vector<std::string> seen;
    QueryRequest query{
        .table = table_name(),
        .key_condition = "PK = :pk",
        .expressions = {.condition = {}, .names = {}, .values = {{":pk", AttributeValue::S("FEED#1")}}},
        .limit = 10,
        .scan_forward = forward};
    int pages = 0;
    for (;;) {
      auto page = client().query(query);
      ASSERT_TRUE(page) << page.error().describe();
      ++pages;
      for (const auto& item : page->items) seen.push_back(sk_of(item));
      if (!page->last_evaluated_key) break;
      query.exclusive_start_key = page->last_evaluated_key;
    }
    ASSERT_EQ(seen.size(), 57U);
    EXPECT_GE(pages, 6);
    EXPECT_TRUE(std::is_sorted(seen.begin(), seen.end(),
                               [&](const auto& a, const auto& b) { return forward ? a < b : a > b; }));
    EXPECT_EQ(std::set<std::string>(seen.begin(), seen.end()).size(), 57U) << "no item twice";
  }
}

TEST_P(DynamoDbCollections, QueryByGlobalSecondaryIndexWithAFilter) {
  fill("ORG#1", 30, "INDEX#A");
  QueryRequest query{.table = table_name(),
                     .index = "GSI1",
                     .key_condition = "GSI1PK = :g AND begins_with(GSI1SK, :prefix)",
                     .expressions = {.condition = "#n >= :min",
                                     .names = {{"#n", "n"}},
                                     .values = {{":g", AttributeValue::S("INDEX#A")},
                                                {":prefix", AttributeValue::S("00")},
                                                {":min", AttributeValue::N(25)}}}};
  auto page = client().query(query);
  ASSERT_TRUE(page) << page.error().describe();
  // GSI1SK 0000..0009 belong to n 29..20; the filter keeps n 25..29.
  EXPECT_EQ(page->items.size(), 5U);
}

TEST_P(DynamoDbCollections, ScanPagesAndParallelSegmentsSeeEveryItemOnce) {
  fill("SCAN#1", 120);
  std::set<std::string> sequential;
  ScanRequest scan{.table = table_name(), .limit = 25};
  for (;;) {
    auto page = client().scan(scan);
    ASSERT_TRUE(page) << page.error().describe();
    for (const auto& item : page->items) sequential.insert(sk_of(item));
    if (!page->last_evaluated_key) break;
    scan.exclusive_start_key = page->last_evaluated_key;
  }
  EXPECT_EQ(sequential.size(), 120U);

  std::mutex mutex;
  std::multiset<std::string> parallel;
  auto status =
      client().parallel_scan({.table = table_name(), .limit = 7}, 4, [&](int, Page page) -> AwsStatus {
        const std::scoped_lock lock{mutex};
        for (const auto& item : page.items) parallel.insert(sk_of(item));
        return {};
      });
  ASSERT_TRUE(status) << status.error().describe();
  EXPECT_EQ(parallel.size(), 120U);
  EXPECT_EQ(std::set<std::string>(parallel.begin(), parallel.end()).size(), 120U);
}

TEST_P(DynamoDbCollections, ParallelScanStopsAtTheFirstFailure) {
  fill("SCAN#2", 20);
  std::atomic<int> calls{0};
  auto status = client().parallel_scan({.table = table_name(), .limit = 2}, 3, [&](int, Page) -> AwsStatus {
    ++calls;
    return AwsError::make(AwsErrc::validation, "sink refused");
  });
  ASSERT_FALSE(status);
  EXPECT_EQ(status.error().message, "sink refused");
  EXPECT_LE(calls.load(), 3);
}

TEST_P(DynamoDbCollections, BatchWriteOfAThousandAndBatchGetOfTwoHundredFifty) {
  fill("BULK#1", 1000);
  BatchGetRequest get{.table = table_name(), .keys = {}};
  for (int i = 0; i < 240; ++i) get.keys.push_back(key("BULK#1", fmt::format("{:04}", i * 4)));
  for (int i = 0; i < 10; ++i) get.keys.push_back(key("BULK#missing", fmt::format("{:04}", i)));
  auto got = client().batch_get(get);
  ASSERT_TRUE(got) << got.error().describe();
  EXPECT_TRUE(got->unprocessed_keys.empty());
  EXPECT_EQ(got->items.size(), 240U) << "missing keys are simply absent";

  BatchWriteRequest deletes{.table = table_name(), .writes = {}};
  for (int i = 0; i < 1000; i += 2)
    deletes.writes.emplace_back(DeleteRequest{key("BULK#1", fmt::format("{:04}", i))});
  auto deleted = client().batch_write(deletes);
  ASSERT_TRUE(deleted) << deleted.error().describe();
  auto count = client().query(
      {.table = table_name(),
       .key_condition = "PK = :pk",
       .expressions = {.condition = {}, .names = {}, .values = {{":pk", AttributeValue::S("BULK#1")}}},
       .consistent_read = true});
  ASSERT_TRUE(count);
  EXPECT_EQ(count->count, 500);
}

TEST_P(DynamoDbCollections, BatchGetToleratesRepeatedKeys) {
  fill("DUP#1", 3);
  auto got = client().batch_get(
      {.table = table_name(), .keys = {key("DUP#1", "0000"), key("DUP#1", "0000"), key("DUP#1", "0001")}});
  ASSERT_TRUE(got) << got.error().describe();
  EXPECT_EQ(got->items.size(), 2U);
}

TEST_P(DynamoDbCollections, TransactionsCommitAllOrNothing) {
  const auto unique_email = key("EMAIL#amina@example.org", "EMAIL");
  TransactWriteRequest create{
      .items = {
          TransactPut{.table = table_name(),
                      .item = key("USER#7", "PROFILE"),
                      .expressions = {.condition = "attribute_not_exists(PK)", .names = {}, .values = {}}},
          TransactPut{.table = table_name(),
                      .item = unique_email,
                      .expressions = {.condition = "attribute_not_exists(PK)", .names = {}, .values = {}}}}};
  auto first = client().transact_write(create);
  ASSERT_TRUE(first) << first.error().describe();

  // A second user claiming the same e-mail: the guard's condition fails, nothing is written.
  TransactWriteRequest clash{
      .items = {
          TransactPut{.table = table_name(),
                      .item = key("USER#8", "PROFILE"),
                      .expressions = {.condition = "attribute_not_exists(PK)", .names = {}, .values = {}}},
          TransactPut{.table = table_name(),
                      .item = unique_email,
                      .expressions = {.condition = "attribute_not_exists(PK)", .names = {}, .values = {}},
                      .return_item_on_condition_failure = true}}};
  auto second = client().transact_write(clash);
  ASSERT_FALSE(second);
  EXPECT_EQ(second.error().code, AwsErrc::transaction_canceled) << second.error().describe();
  ASSERT_EQ(second.error().cancellation_reasons.size(), 2U) << second.error().describe();
  EXPECT_EQ(second.error().cancellation_reasons[0].code, "None");
  EXPECT_EQ(second.error().cancellation_reasons[1].code, "ConditionalCheckFailed");

  auto read = client().transact_get({{.table = table_name(), .key = key("USER#7", "PROFILE")},
                                     {.table = table_name(), .key = key("USER#8", "PROFILE")}});
  ASSERT_TRUE(read) << read.error().describe();
  ASSERT_EQ(read->items.size(), 2U);
  EXPECT_TRUE(read->items[0].has_value());
  EXPECT_FALSE(read->items[1].has_value()) << "the cancelled transaction wrote nothing";
}

TEST_P(DynamoDbCollections, TransactionsUpdateDeleteAndCheckTogether) {
  fill("TX#1", 3);
  TransactWriteRequest tx{
      .items = {TransactUpdate{.table = table_name(),
                               .key = key("TX#1", "0000"),
                               .update = "SET #n = #n + :one",
                               .expressions = {.condition = {},
                                               .names = {{"#n", "n"}},
                                               .values = {{":one", AttributeValue::N(1)}}}},
                TransactDelete{.table = table_name(), .key = key("TX#1", "0001")},
                TransactConditionCheck{
                    .table = table_name(),
                    .key = key("TX#1", "0002"),
                    .expressions = {.condition = "attribute_exists(PK)", .names = {}, .values = {}}}},
      .client_request_token = core::new_ulid()};
  auto done = client().transact_write(tx);
  ASSERT_TRUE(done) << done.error().describe();
  auto read = client().transact_get({{.table = table_name(), .key = key("TX#1", "0000")},
                                     {.table = table_name(), .key = key("TX#1", "0001")}});
  ASSERT_TRUE(read) << read.error().describe();
  ASSERT_TRUE(read->items[0].has_value());
  EXPECT_EQ(read->items[0]->at("n"), AttributeValue::N(1));
  EXPECT_FALSE(read->items[1].has_value());
}

TEST_P(DynamoDbCollections, EnsureTableIsIdempotent) {
  auto again = client().ensure_table(data::table_definition(table_name()).spec,
                                     core::Deadline::after(std::chrono::seconds{30}));
  ASSERT_TRUE(again) << again.error().describe();
  EXPECT_FALSE(*again) << "the table already existed";
}

INSTANTIATE_TEST_SUITE_P(Emulators, DynamoDbCollections, ::testing::ValuesIn(hub::testing::emulators()),
                         hub::testing::EmulatorName{});

}  // namespace
}  // namespace hub::aws::dynamodb
