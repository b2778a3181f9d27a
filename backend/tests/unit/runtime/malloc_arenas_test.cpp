#include "runtime/local/malloc_arenas.hpp"

#include <cstddef>
#include <cstdlib>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

namespace hub::runtime::local {
namespace {

TEST(MallocArenas, EnvironmentChoiceIsRecognised) {
  EXPECT_FALSE(environment_limits_malloc_arenas(nullptr, nullptr));
  EXPECT_FALSE(environment_limits_malloc_arenas("", nullptr));
  EXPECT_TRUE(environment_limits_malloc_arenas("4", nullptr));
  EXPECT_TRUE(environment_limits_malloc_arenas(nullptr, "glibc.malloc.arena_max=1"));
  EXPECT_TRUE(
      environment_limits_malloc_arenas(nullptr, "glibc.malloc.tcache_count=0:glibc.malloc.arena_max=8"));
  EXPECT_FALSE(environment_limits_malloc_arenas(nullptr, "glibc.malloc.arena_test=2"));
  EXPECT_FALSE(environment_limits_malloc_arenas(nullptr, "glibc.malloc.trim_threshold=0:"));
  EXPECT_FALSE(environment_limits_malloc_arenas(nullptr, "xglibc.malloc.arena_max=2"));
}

TEST(MallocArenas, NonPositiveLimitIsNotApplied) {
  EXPECT_EQ(limit_malloc_arenas(0), 0);
  EXPECT_EQ(limit_malloc_arenas(-1), 0);
}

// Under AddressSanitizer malloc is the sanitizer's own allocator, which has no arenas (its mallopt
// does nothing and answers 0).
#if defined(__GLIBC__) && !defined(__SANITIZE_ADDRESS__)
// Sixteen threads allocating at once would get arenas of their own (up to eight per core); with
// the limit they share two, however long they run.
TEST(MallocArenas, ThreadsShareTheLimitedArenas) {
  if (environment_limits_malloc_arenas(std::getenv("MALLOC_ARENA_MAX"),   // NOLINT(concurrency-mt-unsafe)
                                       std::getenv("GLIBC_TUNABLES"))) {  // NOLINT(concurrency-mt-unsafe)
    GTEST_SKIP() << "the environment sets its own arena limit";
  }
  ASSERT_EQ(limit_malloc_arenas(2), 2);
  constexpr int kThreads = 16;
  std::vector<std::thread> threads;
  threads.reserve(kThreads);
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([] {
      for (int round = 0; round < 2'000; ++round) {
        std::vector<std::string> blocks;
        blocks.reserve(16);
        for (std::size_t i = 0; i < 16; ++i) blocks.emplace_back(64 + 32 * i, 'x');
      }
    });
  }
  for (auto& thread : threads) thread.join();
  const int arenas = malloc_arena_count();
  EXPECT_GE(arenas, 1);
  EXPECT_LE(arenas, 2);
}
#endif

}  // namespace
}  // namespace hub::runtime::local
