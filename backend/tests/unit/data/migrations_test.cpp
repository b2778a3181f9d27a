// The migration registry, planning, the steps' own rules and the records' item form. The runner
// itself is tested against the emulators (tests/integration/migrations_test.cpp).
#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <vector>

#include "aws/dynamodb_client.hpp"
#include "aws/http_transport.hpp"
#include "aws/json_service_client.hpp"
#include "aws/retry.hpp"
#include "data/activity_expiry.hpp"
#include "data/keys.hpp"
#include "data/migration_state.hpp"
#include "data/migrations.hpp"

namespace hub::data {
namespace {

using aws::AttributeValue;
using std::chrono::days;

Migration step(int version, std::string name) {
  return {.version = version,
          .name = std::move(name),
          .description = "test step",
          .apply = [](MigrationContext&) { return Status{}; }};
}

std::vector<int> versions(const MigrationPlan& plan) {
  std::vector<int> out;
  out.reserve(plan.pending.size());
  for (const auto* pending : plan.pending) out.push_back(pending->version);
  return out;
}

TEST(MigrationRegistry, VersionsRunFromOneWithoutGaps) {
  const auto& steps = migrations();
  ASSERT_FALSE(steps.empty());
  for (std::size_t i = 0; i < steps.size(); ++i) {
    EXPECT_EQ(steps[i].version, static_cast<int>(i) + 1) << steps[i].name;
    EXPECT_FALSE(steps[i].description.empty()) << steps[i].name;
  }
  const auto valid = check_registry(steps);
  EXPECT_TRUE(valid.ok()) << (valid.ok() ? "" : valid.error().detail);
}

TEST(MigrationRegistry, ShipsTheBaselineThenTheActivityExpiryBackfill) {
  const auto& steps = migrations();
  ASSERT_GE(steps.size(), 2U);
  EXPECT_EQ(steps[0].name, "baseline");
  EXPECT_FALSE(steps[0].count) << "the baseline writes no items of its own";
  EXPECT_EQ(steps[1].name, "activity-expiry");
  EXPECT_TRUE(steps[1].count) << "a dry run can count what the backfill would touch";
}

TEST(MigrationRegistry, RejectsGapsDuplicatesAndStepsThatCannotApply) {
  EXPECT_TRUE(check_registry({}).ok());
  EXPECT_TRUE(check_registry({step(1, "a"), step(2, "b")}).ok());

  const auto gap = check_registry({step(1, "a"), step(3, "c")});
  ASSERT_FALSE(gap.ok());
  EXPECT_EQ(gap.error().code, ErrorCode::INTERNAL);
  EXPECT_NE(gap.error().detail.find("should be version 2"), std::string::npos) << gap.error().detail;

  EXPECT_FALSE(check_registry({step(2, "b")}).ok()) << "versions start at 1";
  EXPECT_FALSE(check_registry({step(2, "b"), step(1, "a")}).ok()) << "in order";
  EXPECT_FALSE(check_registry({step(1, "a"), step(2, "a")}).ok()) << "names are unique";
  EXPECT_FALSE(check_registry({step(1, "")}).ok()) << "and present";
  auto no_apply = step(1, "a");
  no_apply.apply = nullptr;
  EXPECT_FALSE(check_registry({no_apply}).ok());
}

class MigrationPlanning : public ::testing::Test {
 protected:
  std::vector<Migration> steps_{step(1, "one"), step(2, "two"), step(3, "three")};
};

TEST_F(MigrationPlanning, AFreshTableGetsEveryStepInOrder) {
  const auto plan = plan_migrations(steps_, 0, std::nullopt);
  ASSERT_TRUE(plan.ok()) << plan.error().detail;
  EXPECT_EQ(plan->current, 0);
  EXPECT_EQ(plan->target, 3);
  EXPECT_EQ(versions(*plan), (std::vector<int>{1, 2, 3}));
}

TEST_F(MigrationPlanning, OnlyTheStepsAfterTheCurrentVersion) {
  const auto plan = plan_migrations(steps_, 1, std::nullopt);
  ASSERT_TRUE(plan.ok());
  EXPECT_EQ(versions(*plan), (std::vector<int>{2, 3}));
}

TEST_F(MigrationPlanning, UpToDateMeansNothingPending) {
  const auto plan = plan_migrations(steps_, 3, std::nullopt);
  ASSERT_TRUE(plan.ok());
  EXPECT_TRUE(plan->pending.empty());
  EXPECT_EQ(plan->target, 3);
  const auto same = plan_migrations(steps_, 2, 2);
  ASSERT_TRUE(same.ok()) << "--to the current version is a no-op, not an error";
  EXPECT_TRUE(same->pending.empty());
}

TEST_F(MigrationPlanning, ToStopsAtTheVersionAsked) {
  const auto plan = plan_migrations(steps_, 0, 2);
  ASSERT_TRUE(plan.ok());
  EXPECT_EQ(plan->target, 2);
  EXPECT_EQ(versions(*plan), (std::vector<int>{1, 2}));
}

TEST_F(MigrationPlanning, MigrationsOnlyGoForward) {
  const auto plan = plan_migrations(steps_, 3, 1);
  ASSERT_FALSE(plan.ok());
  EXPECT_EQ(plan.error().code, ErrorCode::INVALID_PARAMETER);
  EXPECT_NE(plan.error().detail.find("only go forward"), std::string::npos) << plan.error().detail;
}

TEST_F(MigrationPlanning, ToMustNameAStep) {
  for (const int to : {0, -1, 4}) {
    const auto plan = plan_migrations(steps_, 0, to);
    ASSERT_FALSE(plan.ok()) << to;
    EXPECT_EQ(plan.error().code, ErrorCode::INVALID_PARAMETER) << to;
  }
}

TEST_F(MigrationPlanning, ATableNewerThanTheBuildIsRefused) {
  const auto plan = plan_migrations(steps_, 4, std::nullopt);
  ASSERT_FALSE(plan.ok());
  EXPECT_EQ(plan.error().code, ErrorCode::VERSION_CONFLICT);
  EXPECT_EQ(plan.error().current_version, 4);
}

TEST(ActivityExpiry, IsOccurredAtPlusTheRetention) {
  constexpr std::int64_t k20260131T090000Z = 1'769'850'000;
  EXPECT_EQ(activity_expires_at("2026-01-31T09:00:00Z", days{0}), k20260131T090000Z);
  EXPECT_EQ(activity_expires_at("2026-01-31T09:00:00Z", days{180}), k20260131T090000Z + 180 * 86'400);
  EXPECT_EQ(activity_expires_at("2026-01-31T09:00:00.987Z", days{1}), k20260131T090000Z + 86'400)
      << "fractions are dropped";
  EXPECT_EQ(activity_expires_at("2026-01-31T12:00:00+03:00", days{0}), k20260131T090000Z);
  EXPECT_EQ(activity_expires_at("2026-01-31T04:30:00-04:30", days{0}), k20260131T090000Z);
  EXPECT_EQ(activity_expires_at("2024-02-29t23:59:59z", days{0}), 1'709'251'199) << "a leap day, lower case";
}

TEST(ActivityExpiry, NeedsAnRfc3339DateTime) {
  for (const std::string_view bad :
       {"", "2026-01-31", "2026-01-31T09:00:00", "2026-13-01T00:00:00Z", "2026-02-30T00:00:00Z",
        "2026-01-31T24:00:00Z", "2026-01-31 09:00:00Z", "2026-01-31T09:00:00.Z", "2026-01-31T09:00:00+0300",
        "2026-01-31T09:00:00+25:00", "yesterday at noon"}) {
    EXPECT_FALSE(activity_expires_at(bad, days{1})) << bad;
  }
}

// A table whose client is never called: the context only carries it.
class UnusedTransport final : public aws::HttpTransport {
 public:
  aws::AwsResult<aws::HttpResponse> send(const aws::HttpRequest& /*request*/,
                                         const aws::SendOptions& /*options*/) override {
    ADD_FAILURE() << "no storage call was expected";
    return aws::AwsError::make(aws::AwsErrc::connection_failed, "unused transport");
  }
};

class MigrationContextProgress : public ::testing::Test {
 protected:
  UnusedTransport transport_;
  aws::RetryQuota quota_;
  aws::dynamodb::DynamoDbClient client_{
      aws::JsonServiceClient{aws::dynamodb_spec(), aws::ClientSettings{}, transport_, quota_}};
  Table table_{client_, "unused", "unit-test-cursor-key-0123456789abcdef"};
};

TEST_F(MigrationContextProgress, ASavedCheckpointMovesTheContextOn) {
  std::vector<std::pair<std::optional<aws::Item>, std::int64_t>> saved;
  bool refuse = false;
  MigrationContext context{table_,
                           {.activity_retention = days{30}, .scan_page_size = 10},
                           std::nullopt,
                           5,
                           [&](const std::optional<aws::Item>& next_start, std::int64_t written) -> Status {
                             if (refuse) return Error::make(ErrorCode::LEASE_HELD, "lost");
                             saved.emplace_back(next_start, written);
                             return {};
                           }};
  EXPECT_EQ(context.settings().scan_page_size, 10);
  EXPECT_FALSE(context.checkpoint());
  EXPECT_EQ(context.items_processed(), 5);
  EXPECT_TRUE(context.keep_alive().ok()) << "nothing to keep alive";

  const aws::Item page_end{{"PK", AttributeValue::S("USER#1")}, {"SK", AttributeValue::S("ACTIVITY#1")}};
  ASSERT_TRUE(context.save_checkpoint(page_end, 3).ok());
  EXPECT_EQ(context.checkpoint(), page_end);
  EXPECT_EQ(context.items_processed(), 8);
  ASSERT_EQ(saved.size(), 1U);
  EXPECT_EQ(saved[0].first, page_end);
  EXPECT_EQ(saved[0].second, 3);

  refuse = true;
  const auto lost = context.save_checkpoint(std::nullopt, 2);
  ASSERT_FALSE(lost.ok());
  EXPECT_EQ(lost.error().code, ErrorCode::LEASE_HELD);
  EXPECT_EQ(context.checkpoint(), page_end) << "an unsaved checkpoint does not count";
  EXPECT_EQ(context.items_processed(), 8);
}

TEST(MigrationRecords, AStepRecordRoundTripsThroughItsItem) {
  const MigrationStepRecord record{
      .version = 2,
      .name = "activity-expiry",
      .status = std::string(kStepRunning),
      .started_at = "2026-01-31T09:00:00.000Z",
      .items_processed = 250,
      .checkpoint = aws::Item{{"PK", AttributeValue::S("USER#1")}, {"SK", AttributeValue::S("ACTIVITY#9")}},
      .runner = "01JRUNNER"};
  const auto item = step_record_item(record);
  EXPECT_EQ(item.at("PK"), AttributeValue::S("MIGRATION"));
  EXPECT_EQ(item.at("SK"), AttributeValue::S("STEP#0002"));
  EXPECT_EQ(item.at("entity"), AttributeValue::S(std::string(keys::kMigrationEntity)));
  EXPECT_EQ(item.at("checkpoint").kind(), AttributeValue::Kind::M) << "the scan's key, kept as a map";
  EXPECT_FALSE(item.contains("finished_at")) << "empty texts are left out";

  const auto back = step_record_from_item(item);
  ASSERT_TRUE(back);
  EXPECT_EQ(back->version, 2);
  EXPECT_EQ(back->name, record.name);
  EXPECT_EQ(back->status, "running");
  EXPECT_EQ(back->started_at, record.started_at);
  EXPECT_EQ(back->items_processed, 250);
  EXPECT_EQ(back->checkpoint, record.checkpoint);
  EXPECT_EQ(back->runner, "01JRUNNER");
  EXPECT_FALSE(step_record_from_item(migration_key("STEP#0003"))) << "no version, no record";
}

TEST(MigrationRecords, ALeaseSaysWhoHoldsItUntilWhen) {
  auto item = migration_key(keys::kMigrationLeaseSk);
  item["owner"] = AttributeValue::S("01JOWNER");
  item["lease_until"] = AttributeValue::N(1'769'850'030'000);
  const auto lease = lease_record_from_item(item);
  ASSERT_TRUE(lease);
  EXPECT_EQ(lease->owner, "01JOWNER");
  EXPECT_EQ(describe(*lease), "runner 01JOWNER until 2026-01-31T09:00:30.000Z");
  EXPECT_FALSE(lease_record_from_item(migration_key(keys::kMigrationLeaseSk)));
}

}  // namespace
}  // namespace hub::data
