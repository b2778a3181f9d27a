// The role cache: roles reused for the TTL, a revocation visible once it passes, bounded, and
// failures never remembered.
#include <atomic>
#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "core/auth/cached_role_source.hpp"
#include "core/clock.hpp"

namespace hub::core::auth {
namespace {

using std::chrono::milliseconds;

class ManualClock final : public Clock {
 public:
  [[nodiscard]] SystemTime now() const override {
    const std::lock_guard lock(mutex_);
    return now_;
  }
  void advance(milliseconds by) {
    const std::lock_guard lock(mutex_);
    now_ += by;
  }

 private:
  mutable std::mutex mutex_;
  SystemTime now_{std::chrono::seconds{1'800'000'000}};
};

// Roles by user, changeable as the table would be; "broken" fails until healed.
class TableRoles final : public RoleSource {
 public:
  [[nodiscard]] Result<std::vector<std::string>> roles_of(std::string_view user_id) const override {
    ++calls;
    const std::lock_guard lock(mutex_);
    if (user_id == "broken" && broken_) return Error::make(ErrorCode::DEPENDENCY_UNAVAILABLE, "down");
    const auto found = roles_.find(std::string(user_id));
    if (found == roles_.end()) return std::vector<std::string>{};
    return found->second;
  }
  void set(const std::string& user, std::vector<std::string> roles) {
    const std::lock_guard lock(mutex_);
    roles_[user] = std::move(roles);
  }
  void heal() {
    const std::lock_guard lock(mutex_);
    broken_ = false;
  }
  mutable std::atomic<int> calls{0};

 private:
  mutable std::mutex mutex_;
  std::map<std::string, std::vector<std::string>> roles_;
  bool broken_ = true;
};

using Roles = std::vector<std::string>;

struct RoleCache : ::testing::Test {
  ManualClock clock;
  std::shared_ptr<TableRoles> table = std::make_shared<TableRoles>();
};

TEST_F(RoleCache, RolesAreReusedForTheTtl) {
  table->set("u1", {"admin"});
  const CachedRoleSource cache(table, milliseconds{5000}, clock);
  EXPECT_EQ(*cache.roles_of("u1"), Roles{"admin"});
  clock.advance(milliseconds{4999});
  EXPECT_EQ(*cache.roles_of("u1"), Roles{"admin"});
  EXPECT_EQ(table->calls, 1);
  EXPECT_EQ(*cache.roles_of("u2"), Roles{}) << "no roles is an answer too";
  EXPECT_EQ(*cache.roles_of("u2"), Roles{});
  EXPECT_EQ(table->calls, 2);
}

TEST_F(RoleCache, ARevocationTakesEffectOnceTheTtlHasPassed) {
  table->set("u1", {"admin", "editor"});
  const CachedRoleSource cache(table, milliseconds{5000}, clock);
  EXPECT_EQ(*cache.roles_of("u1"), (Roles{"admin", "editor"}));
  table->set("u1", {"editor"});
  clock.advance(milliseconds{2000});
  EXPECT_EQ(*cache.roles_of("u1"), (Roles{"admin", "editor"})) << "still within the ttl";
  clock.advance(milliseconds{3000});
  EXPECT_EQ(*cache.roles_of("u1"), Roles{"editor"}) << "exactly ttl after the read: read again";
  EXPECT_EQ(table->calls, 2);
  table->set("u1", {});
  clock.advance(milliseconds{5000});
  EXPECT_EQ(*cache.roles_of("u1"), Roles{});
}

TEST_F(RoleCache, ForgetDropsOneUser) {
  table->set("u1", {"admin"});
  table->set("u2", {"editor"});
  const CachedRoleSource cache(table, milliseconds{60'000}, clock);
  (void)cache.roles_of("u1");
  (void)cache.roles_of("u2");
  table->set("u1", {});
  cache.forget("u1");
  cache.forget("nobody");
  EXPECT_EQ(*cache.roles_of("u1"), Roles{});
  EXPECT_EQ(*cache.roles_of("u2"), Roles{"editor"});
  EXPECT_EQ(table->calls, 3);
}

TEST_F(RoleCache, AZeroTtlReadsTheTableEveryTime) {
  table->set("u1", {"admin"});
  const CachedRoleSource cache(table, milliseconds{0}, clock);
  for (int i = 0; i < 3; ++i) EXPECT_EQ(*cache.roles_of("u1"), Roles{"admin"});
  EXPECT_EQ(table->calls, 3);
  EXPECT_EQ(cache.size(), 0U);
}

TEST_F(RoleCache, FailuresAreNotCached) {
  const CachedRoleSource cache(table, milliseconds{5000}, clock);
  const auto failed = cache.roles_of("broken");
  ASSERT_FALSE(failed);
  EXPECT_EQ(failed.error().code, ErrorCode::DEPENDENCY_UNAVAILABLE) << "passed on as it is";
  EXPECT_FALSE(cache.roles_of("broken"));
  EXPECT_EQ(table->calls, 2) << "every call asks again";
  table->heal();
  EXPECT_TRUE(cache.roles_of("broken"));
  EXPECT_TRUE(cache.roles_of("broken"));
  EXPECT_EQ(table->calls, 3);
}

TEST_F(RoleCache, TheOldestUserIsEvictedPastTheBound) {
  const CachedRoleSource cache(table, milliseconds{60'000}, clock, 3);
  for (const char* user : {"a", "b", "c"}) (void)cache.roles_of(user);
  EXPECT_EQ(cache.size(), 3U);
  (void)cache.roles_of("d");
  EXPECT_EQ(cache.size(), 3U);
  EXPECT_EQ(table->calls, 4);
  for (const char* user : {"b", "c", "d"}) (void)cache.roles_of(user);
  EXPECT_EQ(table->calls, 4) << "b, c and d are still held";
  (void)cache.roles_of("a");
  EXPECT_EQ(table->calls, 5) << "a was the oldest and went";
  (void)cache.roles_of("b");
  EXPECT_EQ(table->calls, 6) << "then b went to make room for a";
}

TEST_F(RoleCache, ARefreshedEntryCountsAsNew) {
  const CachedRoleSource cache(table, milliseconds{1000}, clock, 2);
  (void)cache.roles_of("a");
  clock.advance(milliseconds{500});
  (void)cache.roles_of("b");
  clock.advance(milliseconds{600});
  (void)cache.roles_of("a");  // expired: read again, now the newest
  (void)cache.roles_of("c");  // evicts b, the oldest read
  EXPECT_EQ(table->calls, 4);
  (void)cache.roles_of("a");
  EXPECT_EQ(table->calls, 4);
  (void)cache.roles_of("b");
  EXPECT_EQ(table->calls, 5);
}

TEST_F(RoleCache, AClockThatWentBackMakesEntriesStale) {
  table->set("u1", {"admin"});
  const CachedRoleSource cache(table, milliseconds{5000}, clock);
  clock.advance(milliseconds{10'000});
  (void)cache.roles_of("u1");
  clock.advance(milliseconds{-1000});
  (void)cache.roles_of("u1");
  EXPECT_EQ(table->calls, 2);
}

TEST_F(RoleCache, ManyThreadsShareOneCache) {
  for (int u = 0; u < 50; ++u) table->set(fmt::format("user-{}", u), {"editor"});
  const CachedRoleSource cache(table, milliseconds{60'000}, clock, 20);
  std::atomic<int> wrong{0};
  std::vector<std::thread> threads;
  threads.reserve(4);
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 2000; ++i) {
        const auto user = fmt::format("user-{}", (i * 7 + t) % 50);
        const auto roles = cache.roles_of(user);
        if (!roles || *roles != Roles{"editor"}) ++wrong;
        if (i % 100 == 0) cache.forget(user);
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(wrong, 0);
  EXPECT_LE(cache.size(), 20U);
}

}  // namespace
}  // namespace hub::core::auth
