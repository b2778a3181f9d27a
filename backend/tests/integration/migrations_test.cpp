// The migration runner against each emulator: applying, re-running, --to, dry runs, two runners
// at once, a killed backfill resuming, and a runner losing its lease.
#include <algorithm>
#include <atomic>
#include <barrier>
#include <chrono>
#include <map>
#include <string>
#include <thread>
#include <vector>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "core/clock.hpp"
#include "core/ulid.hpp"
#include "data/batch.hpp"
#include "data/item_codec.hpp"
#include "data/keys.hpp"
#include "data/listing.hpp"
#include "data/migration_runner.hpp"
#include "data/migration_state.hpp"
#include "emulators.hpp"

namespace hub::data {
namespace {

using aws::AttributeValue;
using aws::Item;
using namespace std::chrono_literals;

constexpr std::chrono::days kRetention{30};
constexpr std::int64_t k20260101 = 1'767'225'600;  // 2026-01-01T00:00:00Z

using Snapshot = std::map<std::string, Item>;

int latest() { return static_cast<int>(migrations().size()); }

class Migrations : public hub::testing::EmulatorTest {
 protected:
  // `count` activity entries, occurring a minute apart from 2026-01-01; every `preset`-th one
  // already has an expires_at (which the backfill must keep). Plus a few profiles, which have no
  // business with activity expiry. Returns the expires_at each entry should end with, by key.
  std::map<std::string, std::int64_t> seed(int count, int preset = 0) {
    std::vector<aws::dynamodb::WriteRequest> writes;
    std::map<std::string, std::int64_t> expected;
    for (int i = 0; i < count; ++i) {
      const auto user = fmt::format("user-{}", i % 7);
      const auto id = core::new_ulid();
      const auto occurred = k20260101 + std::int64_t{i} * 60;
      Item item{{"PK", AttributeValue::S(keys::user_pk(user))},
                {"SK", AttributeValue::S(keys::activity_sk(id))},
                {"entity", AttributeValue::S(std::string(keys::kActivityEntity))},
                {"id", AttributeValue::S(id)},
                {"user_id", AttributeValue::S(user)},
                {"action", AttributeValue::S("profile.updated")},
                {"occurred_at",
                 AttributeValue::S(core::to_rfc3339(core::SystemTime{std::chrono::seconds{occurred}}))}};
      auto expires = occurred + std::chrono::duration_cast<std::chrono::seconds>(kRetention).count();
      if (preset > 0 && i % preset == 0) {
        expires = 4'000'000'000 + i;
        item["expires_at"] = AttributeValue::N(expires);
      }
      expected[key_text(item)] = expires;
      writes.emplace_back(aws::dynamodb::PutRequest{item});
    }
    for (int i = 0; i < 5; ++i) {
      writes.emplace_back(
          aws::dynamodb::PutRequest{{{"PK", AttributeValue::S(keys::user_pk(fmt::format("user-{}", i)))},
                                     {"SK", AttributeValue::S(std::string(keys::kProfileSk))},
                                     {"entity", AttributeValue::S(std::string(keys::kUserProfileEntity))}}});
    }
    auto written = batch_write(data_table(), std::move(writes), "test.seed");
    EXPECT_TRUE(written.ok());
    return expected;
  }

  [[nodiscard]] Snapshot snapshot() const {
    Snapshot all;
    aws::dynamodb::ScanRequest scan{.table = table_name(), .consistent_read = true};
    for (;;) {
      auto page = client().scan(scan);
      EXPECT_TRUE(page.ok()) << page.error().describe();
      if (!page) return all;
      for (auto& item : page->items) all.emplace(key_text(item), std::move(item));
      if (!page->last_evaluated_key) return all;
      scan.exclusive_start_key = std::move(page->last_evaluated_key);
    }
  }

  // How many of the expected entries have the expires_at they should (`missing`: lack one).
  [[nodiscard]] int with_expiry(const std::map<std::string, std::int64_t>& expected,
                                int* missing = nullptr) const {
    const auto all = snapshot();
    int good = 0;
    for (const auto& [key, expires] : expected) {
      const auto value = integer_attribute(all.at(key), keys::kTtl);
      if (value == expires) ++good;
      if (!value && missing != nullptr) ++*missing;
    }
    return good;
  }

  [[nodiscard]] MigrationState state() const {
    auto read = read_migration_state(data_table());
    EXPECT_TRUE(read.ok());
    return read.ok() ? *read : MigrationState{};
  }

  [[nodiscard]] Result<MigrationReport> run(MigrationOptions options = {}) const {
    if (options.scan_page_size == MigrationOptions{}.scan_page_size) options.scan_page_size = 20;
    return MigrationRunner{data_table(), kRetention, std::move(options)}.run();
  }
};

TEST_P(Migrations, AppliesEveryStepAndRecordsEach) {
  const auto expected = seed(120, 10);
  auto report = run({.runner_id = "runner-a"});
  ASSERT_TRUE(report.ok()) << report.error().detail;
  EXPECT_EQ(report->from_version, 0);
  EXPECT_EQ(report->to_version, latest());
  ASSERT_EQ(report->steps.size(), static_cast<std::size_t>(latest()));
  EXPECT_EQ(report->steps[0].name, "baseline");
  EXPECT_EQ(report->steps[0].items, 0);
  EXPECT_EQ(report->steps[1].name, "activity-expiry");
  EXPECT_EQ(report->steps[1].items, 108) << "the 12 entries that had an expires_at keep theirs";

  EXPECT_EQ(with_expiry(expected), 120);
  for (const auto& [key, item] : snapshot()) {
    if (string_attribute(item, keys::kEntity) == keys::kUserProfileEntity) {
      EXPECT_FALSE(item.contains("expires_at")) << key;
    }
  }
  const auto after = state();
  EXPECT_EQ(after.current_version, latest());
  EXPECT_FALSE(after.updated_at.empty());
  EXPECT_FALSE(after.lease) << "released";
  ASSERT_EQ(after.steps.size(), static_cast<std::size_t>(latest()));
  for (const auto& record : after.steps) {
    EXPECT_EQ(record.status, "applied") << record.name;
    EXPECT_EQ(record.runner, "runner-a");
    EXPECT_FALSE(record.finished_at.empty());
    EXPECT_FALSE(record.checkpoint);
  }
  EXPECT_EQ(after.steps[1].items_processed, 108);
}

TEST_P(Migrations, RerunningWhenUpToDateWritesNothing) {
  seed(30);
  ASSERT_TRUE(run().ok());
  const auto before = snapshot();
  auto again = run();
  ASSERT_TRUE(again.ok()) << again.error().detail;
  EXPECT_TRUE(again->steps.empty());
  EXPECT_EQ(again->from_version, latest());
  EXPECT_EQ(again->to_version, latest());
  EXPECT_EQ(snapshot(), before) << "not even a lease";
}

TEST_P(Migrations, ToAppliesUpToTheVersionAskedAndNeverBack) {
  const auto expected = seed(30);
  auto first = run({.to_version = 1});
  ASSERT_TRUE(first.ok()) << first.error().detail;
  EXPECT_EQ(first->to_version, 1);
  ASSERT_EQ(first->steps.size(), 1U);
  EXPECT_EQ(state().current_version, 1);
  EXPECT_EQ(state().steps.size(), 1U) << "step 2 has not started";
  EXPECT_EQ(with_expiry(expected), 0);

  ASSERT_TRUE(run({.to_version = 1}).ok());
  auto rest = run();
  ASSERT_TRUE(rest.ok()) << rest.error().detail;
  EXPECT_EQ(rest->from_version, 1);
  ASSERT_EQ(rest->steps.size(), static_cast<std::size_t>(latest() - 1));
  EXPECT_EQ(rest->steps[0].version, 2);
  EXPECT_EQ(with_expiry(expected), 30);

  const auto before = snapshot();
  auto back = run({.to_version = 1});
  ASSERT_FALSE(back.ok());
  EXPECT_EQ(back.error().code, ErrorCode::INVALID_PARAMETER);
  EXPECT_NE(back.error().detail.find("only go forward"), std::string::npos) << back.error().detail;
  EXPECT_EQ(snapshot(), before);
}

TEST_P(Migrations, ADryRunCountsAndWritesNothing) {
  seed(60, 6);
  const auto before = snapshot();
  auto plan = run({.dry_run = true});
  ASSERT_TRUE(plan.ok()) << plan.error().detail;
  EXPECT_TRUE(plan->dry_run);
  EXPECT_EQ(plan->from_version, 0);
  EXPECT_EQ(plan->to_version, latest());
  ASSERT_EQ(plan->steps.size(), static_cast<std::size_t>(latest()));
  EXPECT_EQ(plan->steps[0].items, 0);
  EXPECT_EQ(plan->steps[1].items, 50);
  EXPECT_EQ(snapshot(), before) << "no state, no step record, no lease";
}

TEST_P(Migrations, OfTwoRunnersStartedTogetherExactlyOneApplies) {
  seed(40);
  std::barrier start{2};
  std::atomic<int> done{0};
  std::vector<Result<MigrationReport>> results(2, Error::make(ErrorCode::INTERNAL, "did not run"));
  const auto runner = [&](int i) {
    MigrationOptions options{.runner_id = fmt::format("runner-{}", i), .scan_page_size = 20};
    // The winner holds on at its first step until the other has finished, so the loser always
    // meets the lease rather than, on a slow machine, a table already up to date.
    options.on_progress = [&done, waited = false](const MigrationEvent&) mutable {
      const auto until = std::chrono::steady_clock::now() + 10s;
      while (!waited && done.load() == 0 && std::chrono::steady_clock::now() < until)
        std::this_thread::sleep_for(5ms);
      waited = true;
    };
    start.arrive_and_wait();
    results[static_cast<std::size_t>(i)] =
        MigrationRunner{data_table(), kRetention, std::move(options)}.run();
    ++done;
  };
  std::thread a{runner, 0};
  std::thread b{runner, 1};
  a.join();
  b.join();

  ASSERT_NE(results[0].ok(), results[1].ok()) << "exactly one applies";
  const auto winner = results[0].ok() ? 0 : 1;
  const auto& lost = results[static_cast<std::size_t>(1 - winner)];
  EXPECT_EQ(lost.error().code, ErrorCode::LEASE_HELD);
  EXPECT_NE(lost.error().detail.find(fmt::format("runner runner-{} until", winner)), std::string::npos)
      << lost.error().detail;
  EXPECT_EQ(results[static_cast<std::size_t>(winner)]->steps.size(), static_cast<std::size_t>(latest()));
  const auto after = state();
  EXPECT_EQ(after.current_version, latest());
  for (const auto& record : after.steps) EXPECT_EQ(record.runner, fmt::format("runner-{}", winner));
}

TEST_P(Migrations, AKilledBackfillResumesFromItsCheckpoint) {
  const auto expected = seed(200);
  auto killed = run({.lease_duration = 1s, .runner_id = "killed", .stop_after_checkpoints = 3});
  ASSERT_FALSE(killed.ok());
  const auto crashed = state();
  EXPECT_EQ(crashed.current_version, 1) << "the baseline was applied before the crash";
  ASSERT_EQ(crashed.steps.size(), 2U);
  const auto& step = crashed.steps[1];
  EXPECT_EQ(step.status, "running");
  ASSERT_TRUE(step.checkpoint) << "where the next run goes on";
  const auto done_before = step.items_processed;
  EXPECT_GT(done_before, 0);
  EXPECT_LT(done_before, 200);
  EXPECT_EQ(with_expiry(expected), done_before) << "the record counts exactly what was written";
  ASSERT_TRUE(crashed.lease) << "a crash does not release the lease";
  EXPECT_EQ(crashed.lease->owner, "killed");

  auto blocked = run({.runner_id = "too-early"});
  ASSERT_FALSE(blocked.ok());
  EXPECT_EQ(blocked.error().code, ErrorCode::LEASE_HELD);
  EXPECT_NE(blocked.error().detail.find("runner killed until"), std::string::npos) << blocked.error().detail;

  // An entry the killed run finished, stripped of expires_at again: a run that went back to the
  // start would set it again; one that resumes from the checkpoint never sees it.
  const auto all = snapshot();
  const auto done =
      std::ranges::find_if(all, [](const auto& entry) { return entry.second.contains("expires_at"); });
  ASSERT_NE(done, all.end());
  ASSERT_TRUE(client().update_item(
      {.table = table_name(), .key = key_of(done->second, ""), .update = "REMOVE expires_at"}));

  std::this_thread::sleep_until(
      std::chrono::system_clock::time_point{std::chrono::milliseconds{crashed.lease->lease_until_ms + 100}});
  std::vector<MigrationEvent> events;
  auto resumed =
      run({.runner_id = "resumer", .on_progress = [&](const MigrationEvent& e) { events.push_back(e); }});
  ASSERT_TRUE(resumed.ok()) << resumed.error().detail;
  ASSERT_EQ(resumed->steps.size(), static_cast<std::size_t>(latest() - 1));
  EXPECT_TRUE(resumed->steps[0].resumed);
  EXPECT_EQ(resumed->steps[0].items, 200 - done_before) << "only the rest";
  EXPECT_EQ(resumed->steps[0].items_total, 200);
  ASSERT_FALSE(events.empty());
  EXPECT_TRUE(events.front().resumed);
  EXPECT_EQ(events.front().items_processed, done_before);

  int missing = 0;
  EXPECT_EQ(with_expiry(expected, &missing), 199);
  EXPECT_EQ(missing, 1) << "only the entry stripped behind the checkpoint";
  const auto after = state();
  EXPECT_EQ(after.current_version, latest());
  EXPECT_EQ(after.steps[1].status, "applied");
  EXPECT_EQ(after.steps[1].items_processed, 200) << "the runs add up";
  EXPECT_EQ(after.steps[1].runner, "resumer");
  EXPECT_FALSE(after.steps[1].resumed_at.empty());
  EXPECT_FALSE(after.lease);
}

TEST_P(Migrations, ARunnerWhoseLeaseWasTakenOverStops) {
  const auto expected = seed(100);
  Result<MigrationReport> takeover = Error::make(ErrorCode::INTERNAL, "did not run");
  bool paused = false;
  // At its first checkpoint the runner stalls past its lease; meanwhile another takes over and
  // finishes the job.
  const auto stall = [&](const MigrationEvent& event) {
    if (paused || event.kind != MigrationEvent::Kind::checkpoint) return;
    paused = true;
    const auto lease = state().lease;
    ASSERT_TRUE(lease);
    std::this_thread::sleep_until(
        std::chrono::system_clock::time_point{std::chrono::milliseconds{lease->lease_until_ms + 100}});
    takeover = run({.runner_id = "successor"});
  };
  auto stalled = run({.lease_duration = 1s, .runner_id = "stalled", .on_progress = stall});
  ASSERT_TRUE(paused);
  ASSERT_TRUE(takeover.ok()) << takeover.error().detail;
  ASSERT_FALSE(stalled.ok());
  EXPECT_EQ(stalled.error().code, ErrorCode::LEASE_HELD);
  EXPECT_NE(stalled.error().detail.find("Runner stalled lost the migration lease"), std::string::npos)
      << stalled.error().detail;

  EXPECT_EQ(with_expiry(expected), 100);
  const auto after = state();
  EXPECT_EQ(after.current_version, latest());
  EXPECT_EQ(after.steps[1].runner, "successor") << "the stalled runner wrote nothing after losing the lease";
  EXPECT_EQ(after.steps[1].items_processed, 100);
  EXPECT_FALSE(after.lease);
}

TEST_P(Migrations, AFailingStepStopsTheRunAndReleasesTheLease) {
  const std::vector<Migration> steps{
      {.version = 1,
       .name = "one",
       .description = "works",
       .apply = [](MigrationContext&) { return Status{}; }},
      {.version = 2, .name = "two", .description = "fails", .apply = [](MigrationContext&) -> Status {
         return Error::make(ErrorCode::DEPENDENCY_UNAVAILABLE, "not today");
       }}};
  auto failed = MigrationRunner{data_table(), kRetention, {}, steps}.run();
  ASSERT_FALSE(failed.ok());
  EXPECT_EQ(failed.error().code, ErrorCode::DEPENDENCY_UNAVAILABLE);
  const auto after = state();
  EXPECT_EQ(after.current_version, 1);
  ASSERT_EQ(after.steps.size(), 2U);
  EXPECT_EQ(after.steps[1].status, "running");
  EXPECT_FALSE(after.lease) << "a failure is not a crash: the next run may start at once";
}

INSTANTIATE_TEST_SUITE_P(Emulators, Migrations, ::testing::ValuesIn(hub::testing::emulators()),
                         hub::testing::EmulatorName{});

}  // namespace
}  // namespace hub::data
