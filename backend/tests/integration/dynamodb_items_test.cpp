// Single-item operations, conditions and expressions against each emulator.
#include <string>

#include <gtest/gtest.h>

#include "emulators.hpp"

namespace hub::aws::dynamodb {
namespace {

Item key(const std::string& pk, const std::string& sk) {
  return Item{{"PK", AttributeValue::S(pk)}, {"SK", AttributeValue::S(sk)}};
}

Item with(Item item, const std::string& name, AttributeValue value) {
  item[name] = std::move(value);
  return item;
}

class DynamoDbItems : public hub::testing::EmulatorTest {
 protected:
};

TEST_P(DynamoDbItems, EveryAttributeKindRoundTripsExactly) {
  Item item = key("USER#1", "PROFILE");
  item["s"] = AttributeValue::S("Nairobi — Addis Ababa ✓");
  item["n_big"] = AttributeValue::N("12345678901234567890123456789012345678");  // 38 digits
  item["n_small"] = AttributeValue::N("-0.000000000000000000000000000000000001");
  item["n_exp"] = AttributeValue::N("1E+125");
  item["b"] = AttributeValue::B(std::string{"\x00\x01\xfe\xff", 4});
  item["t"] = AttributeValue::BOOL(true);
  item["nul"] = AttributeValue::NUL();
  item["m"] =
      AttributeValue::M({{"nested", AttributeValue::L({AttributeValue::S("x"), AttributeValue::N("2")})}});
  item["ss"] = AttributeValue::SS({"a", "b"});
  item["ns"] = AttributeValue::NS({"1", "2.5"});
  item["bs"] = AttributeValue::BS({"\x01", "\x02"});
  ASSERT_TRUE(client().put_item({.table = table_name(), .item = item}));

  auto got =
      client().get_item({.table = table_name(), .key = key("USER#1", "PROFILE"), .consistent_read = true});
  ASSERT_TRUE(got) << got.error().describe();
  ASSERT_TRUE(got->has_value());
  const Item& back = **got;
  EXPECT_EQ(back.at("s"), item["s"]);
  EXPECT_EQ(back.at("b"), item["b"]);
  EXPECT_EQ(back.at("t"), item["t"]);
  EXPECT_EQ(back.at("nul"), item["nul"]);
  EXPECT_EQ(back.at("m"), item["m"]);
  ASSERT_NE(back.at("n_big").as_number(), nullptr);
  EXPECT_EQ(back.at("n_big").as_number()->text, "12345678901234567890123456789012345678");
  // DynamoDB normalises number text (no exponent, no trailing zeros); the value is what counts.
  ASSERT_NE(back.at("n_small").as_number(), nullptr);
  EXPECT_NE(back.at("n_small").as_number()->text.find("000000000000000000000000000000000001"),
            std::string::npos);
  EXPECT_EQ(back.at("ss").as_string_set()->values.size(), 2U);
  EXPECT_EQ(back.at("ns").as_number_set()->values.size(), 2U);
  EXPECT_EQ(back.at("bs").as_binary_set()->values.size(), 2U);
}

TEST_P(DynamoDbItems, AMissingItemIsNotAnError) {
  auto got = client().get_item({.table = table_name(), .key = key("USER#none", "PROFILE")});
  ASSERT_TRUE(got) << got.error().describe();
  EXPECT_FALSE(got->has_value());
}

TEST_P(DynamoDbItems, AFourHundredKilobyteItemIsStoredWhole) {
  const std::string big(390 * 1024, 'x');  // with key and names, just under the 400 KB item limit
  ASSERT_TRUE(client().put_item(
      {.table = table_name(), .item = with(key("BIG", "1"), "data", AttributeValue::S(big))}));
  auto got = client().get_item({.table = table_name(), .key = key("BIG", "1"), .consistent_read = true});
  ASSERT_TRUE(got && got->has_value());
  EXPECT_EQ(*(*got)->at("data").as_string(), big);
}

TEST_P(DynamoDbItems, AnItemOverTheLimitIsAValidationError) {
  const std::string too_big(401 * 1024, 'x');
  auto put = client().put_item(
      {.table = table_name(), .item = with(key("BIG", "2"), "data", AttributeValue::S(too_big))});
  ASSERT_FALSE(put);
  EXPECT_EQ(put.error().code, AwsErrc::validation) << put.error().describe();
  EXPECT_EQ(put.error().attempts, 1) << "never retried";
}

TEST_P(DynamoDbItems, AFailedConditionIsTypedAndCanReturnTheCurrentItem) {
  const Item first = with(key("USER#2", "PROFILE"), "version", AttributeValue::N(1));
  ASSERT_TRUE(client().put_item(
      {.table = table_name(),
       .item = first,
       .expressions = {.condition = "attribute_not_exists(PK)", .names = {}, .values = {}}}));
  auto again =
      client().put_item({.table = table_name(),
                         .item = with(key("USER#2", "PROFILE"), "version", AttributeValue::N(9)),
                         .expressions = {.condition = "attribute_not_exists(PK)", .names = {}, .values = {}},
                         .return_item_on_condition_failure = true});
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, AwsErrc::conditional_check_failed) << again.error().describe();
  EXPECT_EQ(again.error().attempts, 1);
  if (again.error().item) {
    EXPECT_EQ(again.error().item->at("version"), AttributeValue::N(1));
  }
}

TEST_P(DynamoDbItems, OptimisticLockingWithUpdateExpressions) {
  ASSERT_TRUE(client().put_item(
      {.table = table_name(), .item = with(key("DOC#1", "META"), "version", AttributeValue::N(1))}));
  const UpdateItemRequest bump{
      .table = table_name(),
      .key = key("DOC#1", "META"),
      .update = "SET #v = #v + :one, #t = :title",
      .expressions = {.condition = "#v = :expected",
                      .names = {{"#v", "version"}, {"#t", "title"}},
                      .values = {{":one", AttributeValue::N(1)},
                                 {":expected", AttributeValue::N(1)},
                                 {":title", AttributeValue::S("Drought resilience")}}},
      .return_values = ReturnValues::all_new};
  auto updated = client().update_item(bump);
  ASSERT_TRUE(updated) << updated.error().describe();
  ASSERT_TRUE(updated->attributes.has_value());
  EXPECT_EQ(updated->attributes->at("version"), AttributeValue::N(2));
  EXPECT_EQ(updated->attributes->at("title"), AttributeValue::S("Drought resilience"));

  auto stale = client().update_item(bump);  // still expects version 1
  ASSERT_FALSE(stale);
  EXPECT_EQ(stale.error().code, AwsErrc::conditional_check_failed);
}

TEST_P(DynamoDbItems, DeleteReturnsTheOldItemAndHonoursItsCondition) {
  ASSERT_TRUE(client().put_item(
      {.table = table_name(), .item = with(key("TMP#1", "X"), "state", AttributeValue::S("open"))}));
  auto refused =
      client().delete_item({.table = table_name(),
                            .key = key("TMP#1", "X"),
                            .expressions = {.condition = "#s = :closed",
                                            .names = {{"#s", "state"}},
                                            .values = {{":closed", AttributeValue::S("closed")}}}});
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, AwsErrc::conditional_check_failed);

  auto deleted = client().delete_item(
      {.table = table_name(), .key = key("TMP#1", "X"), .return_values = ReturnValues::all_old});
  ASSERT_TRUE(deleted) << deleted.error().describe();
  ASSERT_TRUE(deleted->attributes.has_value());
  EXPECT_EQ(deleted->attributes->at("state"), AttributeValue::S("open"));
  auto gone = client().get_item({.table = table_name(), .key = key("TMP#1", "X"), .consistent_read = true});
  ASSERT_TRUE(gone);
  EXPECT_FALSE(gone->has_value());
}

TEST_P(DynamoDbItems, AMissingTableIsResourceNotFound) {
  auto got = client().get_item({.table = "no-such-table-" + core::new_ulid(), .key = key("A", "B")});
  ASSERT_FALSE(got);
  EXPECT_EQ(got.error().code, AwsErrc::resource_not_found) << got.error().describe();
}

TEST_P(DynamoDbItems, DescribeTableShowsTheIndexesFromTheDefinition) {
  auto described = client().describe_table(table_name());
  ASSERT_TRUE(described) << described.error().describe();
  EXPECT_EQ(described->status, "ACTIVE");
  ASSERT_EQ(described->indexes.size(), 2U);
  for (const auto& index : described->indexes) EXPECT_EQ(index.status, "ACTIVE") << index.name;
  EXPECT_EQ(described->billing_mode, "PAY_PER_REQUEST");
}

INSTANTIATE_TEST_SUITE_P(Emulators, DynamoDbItems, ::testing::ValuesIn(hub::testing::emulators()),
                         hub::testing::EmulatorName{});

}  // namespace
}  // namespace hub::aws::dynamodb
