// Optimistic locking under contention: many writers, one item, no lost update.
#include <atomic>
#include <iostream>
#include <random>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "data/repositories.hpp"
#include "emulators.hpp"

namespace hub::data {
namespace {

class OptimisticLocking : public hub::testing::EmulatorTest {};

// 32 threads read-modify-write one feedback item (its message holds a counter) until 2,000
// increments have succeeded; a lost race is retried after a short jittered pause, as a client
// would. Every successful write must show in the final value: no update is lost.
TEST_P(OptimisticLocking, ThirtyTwoWritersLoseNoIncrement) {
  constexpr int kThreads = 32;
  constexpr int kIncrements = 2000;
  const auto repos = dynamodb_repositories(data_table(), std::chrono::days{30});
  auto created = repos.feedback->create({.user_id = "sub-1", .category = "other", .message = "0"});
  ASSERT_TRUE(created) << created.error().detail;
  const std::string id = created->id;

  std::atomic<int> to_do{kIncrements};
  std::atomic<int> succeeded{0};
  std::atomic<int> conflicts{0};
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  threads.reserve(kThreads);
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      std::minstd_rand random(static_cast<unsigned>(t) + 1U);
      while (to_do.fetch_sub(1) > 0) {
        for (int attempt = 0;; ++attempt) {
          auto current = repos.feedback->find(id);
          if (!current || !*current) {
            ++failures;
            return;
          }
          auto next = **current;
          next.message = std::to_string(std::stoi(next.message) + 1);
          auto written = repos.feedback->update(next);
          if (written) {
            ++succeeded;
            break;
          }
          if (written.error().code != ErrorCode::VERSION_CONFLICT) {
            ++failures;
            return;
          }
          ++conflicts;
          const int cap = std::min(1 << std::min(attempt, 4), 16);
          std::this_thread::sleep_for(std::chrono::milliseconds(random() % static_cast<unsigned>(cap)));
        }
      }
    });
  }
  for (auto& thread : threads) thread.join();

  EXPECT_EQ(failures.load(), 0);
  EXPECT_EQ(succeeded.load(), kIncrements);
  auto final_state = repos.feedback->find(id);
  ASSERT_TRUE(final_state && *final_state);
  EXPECT_EQ((*final_state)->message, std::to_string(succeeded.load()));
  EXPECT_EQ((*final_state)->version, 1 + succeeded.load());
  RecordProperty("conflicts", conflicts.load());
  std::cout << "[ info ] " << succeeded.load() << " increments by " << kThreads << " threads, "
            << conflicts.load() << " lost races retried\n";
}

// DynamoDB Local only. moto server evaluates a ConditionExpression and applies the write as two
// separate steps without a lock, so two concurrent conditional puts can both succeed there (this
// test observed 2,000 successful writes leaving the counter at 1,999). DynamoDB, like DynamoDB
// Local, checks and writes atomically; that is the behaviour this test holds the code to.
std::vector<hub::testing::Emulator> atomic_emulators() {
  auto all = hub::testing::emulators();
  std::erase_if(all, [](const auto& e) { return e.name == "moto"; });
  return all;
}

INSTANTIATE_TEST_SUITE_P(Emulators, OptimisticLocking, ::testing::ValuesIn(atomic_emulators()),
                         hub::testing::EmulatorName{});

}  // namespace
}  // namespace hub::data
