// Every repository's access patterns against each emulator (docs/data-model.md lists them).
#include <set>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "core/clock.hpp"
#include "core/ulid.hpp"
#include "data/item_codec.hpp"
#include "data/item_helpers.hpp"
#include "data/repositories.hpp"
#include "emulators.hpp"

namespace hub::data {
namespace {

models::UserProfile profile(const std::string& id, const std::string& email) {
  models::UserProfile p;
  p.id = id;
  p.email = email;
  p.display_name = "Amina Hassan";
  p.country = "KE";
  p.expertise = {"drought early warning", "pastoralism"};
  p.languages = {"en", "sw"};
  return p;
}

class Repositories : public hub::testing::EmulatorTest {
 protected:
  void SetUp() override {
    EmulatorTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    repos_ = dynamodb_repositories(data_table(), std::chrono::days{30});
  }
  [[nodiscard]] const data::Repositories& repos() const { return repos_; }

 private:
  data::Repositories repos_;
};

TEST_P(Repositories, AProfileIsCreatedOnceAndFoundByIdAndEmail) {
  auto created = repos().profiles->create(profile("sub-1", "Amina@Example.org"));
  ASSERT_TRUE(created) << created.error().detail;
  EXPECT_EQ(created->version, 1);
  EXPECT_TRUE(core::parse_rfc3339(created->created_at).has_value());

  auto found = repos().profiles->find("sub-1");
  ASSERT_TRUE(found && found->has_value());
  EXPECT_EQ((*found)->display_name, "Amina Hassan");
  EXPECT_EQ((*found)->expertise, created->expertise);
  auto by_email = repos().profiles->find_by_email("amina@example.ORG");
  ASSERT_TRUE(by_email && by_email->has_value());
  EXPECT_EQ((*by_email)->id, "sub-1");
  EXPECT_FALSE(repos().profiles->find("sub-none")->has_value());

  auto again = repos().profiles->create(profile("sub-1", "other@example.org"));
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, ErrorCode::ALREADY_EXISTS);
  auto same_email = repos().profiles->create(profile("sub-2", "amina@example.org"));
  ASSERT_FALSE(same_email);
  EXPECT_EQ(same_email.error().code, ErrorCode::EMAIL_TAKEN);
  EXPECT_FALSE(repos().profiles->find("sub-2")->has_value()) << "nothing of a refused create is written";
}

TEST_P(Repositories, AnInvalidProfileIsRefusedAndNothingIsWritten) {
  auto bad = profile("sub-1", "not-an-email");
  bad.display_name = "";
  auto created = repos().profiles->create(bad);
  ASSERT_FALSE(created);
  EXPECT_EQ(created.error().code, ErrorCode::VALIDATION_FAILED);
  EXPECT_EQ(created.error().fields.size(), 2U);
  EXPECT_FALSE(repos().profiles->find("sub-1")->has_value());
}

TEST_P(Repositories, UpdatesNeedTheCurrentVersionAndMoveTheEmailGuard) {
  auto created = repos().profiles->create(profile("sub-1", "amina@example.org"));
  ASSERT_TRUE(created);
  ASSERT_TRUE(repos().profiles->create(profile("sub-2", "omar@example.org")));

  auto changed = *created;
  changed.bio = "Works on drought early warning.";
  changed.email = "amina.hassan@example.org";
  auto updated = repos().profiles->update(*created, changed);
  ASSERT_TRUE(updated) << updated.error().detail;
  EXPECT_EQ(updated->version, 2);
  EXPECT_EQ(updated->created_at, created->created_at);

  // The stale copy loses, and learns the current version.
  auto stale = repos().profiles->update(*created, *created);
  ASSERT_FALSE(stale);
  EXPECT_EQ(stale.error().code, ErrorCode::VERSION_CONFLICT);
  EXPECT_EQ(stale.error().current_version, 2);

  // The old address is free again, the new one is guarded.
  EXPECT_FALSE(repos().profiles->find_by_email("amina@example.org")->has_value());
  auto taken = *updated;
  taken.email = "omar@example.org";
  auto refused = repos().profiles->update(*updated, taken);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::EMAIL_TAKEN);
  EXPECT_EQ((*repos().profiles->find("sub-1"))->email, "amina.hassan@example.org");
  EXPECT_TRUE(repos().profiles->create(profile("sub-3", "amina@example.org")));

  auto never_stored = profile("sub-none", "x@example.org");
  auto missing = repos().profiles->update(never_stored, never_stored);
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, ErrorCode::USER_NOT_FOUND);
  never_stored.version = 1;  // as if read once: a well-formed profile the table does not hold
  never_stored.created_at = never_stored.updated_at = created->created_at;
  missing = repos().profiles->update(never_stored, never_stored);
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, ErrorCode::USER_NOT_FOUND);
}

TEST_P(Repositories, RemovingAProfileReleasesItsEmail) {
  auto created = repos().profiles->create(profile("sub-1", "amina@example.org"));
  ASSERT_TRUE(created);
  auto stale = repos().profiles->remove("sub-1", 7);
  ASSERT_FALSE(stale);
  EXPECT_EQ(stale.error().code, ErrorCode::VERSION_CONFLICT);
  ASSERT_TRUE(repos().profiles->remove("sub-1", 1));
  EXPECT_FALSE(repos().profiles->find("sub-1")->has_value());
  EXPECT_TRUE(repos().profiles->create(profile("sub-2", "amina@example.org")));
}

TEST_P(Repositories, TheDirectoryListsEveryProfileOldestFirstInPages) {
  std::vector<std::string> ids;
  for (int i = 0; i < 7; ++i) {
    auto p = profile(fmt::format("sub-{}", i), fmt::format("user{}@example.org", i));
    p.created_at = fmt::format("2026-01-0{}T09:00:00.000Z", i + 1);
    ASSERT_TRUE(repos().profiles->create(p));
    ids.push_back(p.id);
  }
  std::vector<std::string> seen;
  PageRequest request{.limit = 3};
  for (int pages = 0;; ++pages) {
    ASSERT_LT(pages, 5);
    auto page = repos().profiles->list(request);
    ASSERT_TRUE(page) << page.error().detail;
    for (const auto& p : page->items) seen.push_back(p.id);
    if (!page->next_cursor) break;
    request.cursor = *page->next_cursor;
  }
  EXPECT_EQ(seen, ids);
}

TEST_P(Repositories, BatchesReportEachItem) {
  std::vector<models::UserProfile> many;
  many.reserve(60);
  for (int i = 0; i < 60; ++i)
    many.push_back(profile(fmt::format("sub-{:02}", i), fmt::format("u{}@example.org", i)));
  many[5].display_name = "";  // invalid: refused alone
  auto put = repos().profiles->batch_put(many);
  ASSERT_TRUE(put) << put.error().detail;
  ASSERT_EQ(put->size(), 60U);
  for (std::size_t i = 0; i < put->size(); ++i) {
    EXPECT_EQ((*put)[i].ok(), i != 5) << i;
    EXPECT_EQ((*put)[i].id, many[i].id);
  }
  EXPECT_EQ((*put)[5].error->code, ErrorCode::VALIDATION_FAILED);

  std::vector<std::string> wanted;
  wanted.reserve(120);
  for (int i = 0; i < 120; ++i)
    wanted.push_back(fmt::format("sub-{:02}", i % 61));  // repeats, one missing id
  auto got = repos().profiles->batch_get(wanted);
  ASSERT_TRUE(got) << got.error().detail;
  ASSERT_EQ(got->size(), wanted.size());
  for (std::size_t i = 0; i < got->size(); ++i) {
    const auto& one = (*got)[i];
    EXPECT_EQ(one.id, wanted[i]);
    EXPECT_FALSE(one.error);
    const bool exists = one.id != "sub-05" && one.id != "sub-60";
    ASSERT_EQ(one.item.has_value(), exists) << one.id;
    if (exists) {
      EXPECT_EQ(one.item->id, one.id);
    }
  }

  std::vector<std::string> doomed{"sub-01", "sub-02", "sub-01"};
  auto deleted = repos().profiles->batch_delete(doomed);
  ASSERT_TRUE(deleted);
  EXPECT_TRUE((*deleted)[0].ok());
  EXPECT_TRUE((*deleted)[1].ok());
  ASSERT_FALSE((*deleted)[2].ok()) << "the same key twice in one batch";
  EXPECT_EQ((*deleted)[2].error->code, ErrorCode::VALIDATION_FAILED);
  EXPECT_FALSE(repos().profiles->find("sub-01")->has_value());
  EXPECT_TRUE(repos().profiles->find("sub-03")->has_value());
}

TEST_P(Repositories, PreferencesAreSavedWithOptimisticLocking) {
  EXPECT_FALSE(repos().preferences->find("sub-1")->has_value());
  models::UserPreferences prefs;
  prefs.user_id = "sub-1";
  prefs.theme = "dark";
  auto saved = repos().preferences->save(prefs);
  ASSERT_TRUE(saved) << saved.error().detail;
  EXPECT_EQ(saved->version, 1);
  auto first_again = repos().preferences->save(prefs);  // a second client that also saw the defaults
  ASSERT_FALSE(first_again);
  EXPECT_EQ(first_again.error().code, ErrorCode::VERSION_CONFLICT);
  EXPECT_EQ(first_again.error().current_version, 1);

  auto next = *saved;
  next.language = "fr";
  auto resaved = repos().preferences->save(next);
  ASSERT_TRUE(resaved);
  EXPECT_EQ(resaved->version, 2);
  EXPECT_EQ((*repos().preferences->find("sub-1"))->language, "fr");

  auto bad = *resaved;
  bad.theme = "neon";
  auto refused = repos().preferences->save(bad);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::VALIDATION_FAILED);
}

TEST_P(Repositories, RolesAreReplacedAsASetAndListedByHolder) {
  auto assigned = repos().roles->replace("sub-1", {"editor", "admin", "editor"}, "system");
  ASSERT_TRUE(assigned) << assigned.error().detail;
  ASSERT_EQ(assigned->size(), 2U);
  EXPECT_EQ((*assigned)[0].role, "admin");
  ASSERT_TRUE(repos().roles->replace("sub-2", {"editor"}, "sub-1"));

  auto held = repos().roles->roles_of("sub-1");
  ASSERT_TRUE(held);
  EXPECT_EQ(held->size(), 2U);
  auto editors = repos().roles->holders("editor", {});
  ASSERT_TRUE(editors) << editors.error().detail;
  ASSERT_EQ(editors->items.size(), 2U);
  EXPECT_EQ(editors->items[0].user_id, "sub-1");

  auto reduced = repos().roles->replace("sub-1", {"admin"}, "sub-9");
  ASSERT_TRUE(reduced);
  ASSERT_EQ(reduced->size(), 1U);
  EXPECT_EQ((*reduced)[0].granted_by, "system") << "a kept role keeps its grant";
  EXPECT_EQ(repos().roles->holders("editor", {})->items.size(), 1U);

  auto bad = repos().roles->replace("sub-1", {"owner"}, "sub-9");
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code, ErrorCode::VALIDATION_FAILED);
  EXPECT_EQ(bad.error().fields.at(0).pointer, "/roles/0");
  EXPECT_EQ(repos().roles->holders("owner", {}).error().code, ErrorCode::INVALID_PARAMETER);
}

TEST_P(Repositories, ActivityIsListedNewestFirstAndExpires) {
  for (int i = 0; i < 5; ++i) {
    auto recorded = repos().activity->record(
        {.user_id = "sub-1", .action = fmt::format("profile.updated.{}", i), .request_id = "req-1"});
    ASSERT_TRUE(recorded) << recorded.error().detail;
  }
  ASSERT_TRUE(repos().activity->record({.user_id = "sub-2", .action = "feedback.created"}));
  auto page = repos().activity->list("sub-1", {.limit = 3});
  ASSERT_TRUE(page);
  ASSERT_EQ(page->items.size(), 3U);
  EXPECT_EQ(page->items[0].action, "profile.updated.4");
  ASSERT_TRUE(page->next_cursor);
  auto rest = repos().activity->list("sub-1", {.limit = 3, .cursor = *page->next_cursor});
  ASSERT_TRUE(rest);
  ASSERT_EQ(rest->items.size(), 2U);
  EXPECT_EQ(rest->items[1].action, "profile.updated.0");
  EXPECT_FALSE(rest->next_cursor);

  // The cursor of one user's listing is no good for another's.
  auto foreign = repos().activity->list("sub-2", {.limit = 3, .cursor = *page->next_cursor});
  ASSERT_FALSE(foreign);
  EXPECT_EQ(foreign.error().code, ErrorCode::INVALID_CURSOR);

  auto raw = client().get_item(
      {.table = table_name(),
       .key = detail::item_key(keys::user_pk("sub-1"), keys::activity_sk(page->items[0].id)),
       .consistent_read = true});
  ASSERT_TRUE(raw && raw->has_value());
  const auto expires = data::integer_attribute(**raw, keys::kTtl);
  const auto occurred = core::parse_rfc3339(page->items[0].occurred_at);
  ASSERT_TRUE(expires && occurred);
  EXPECT_EQ(*expires, std::chrono::duration_cast<std::chrono::seconds>(
                          (*occurred + std::chrono::days{30}).time_since_epoch())
                          .count());
}

TEST_P(Repositories, FeedbackIsListedByStatusAndCategory) {
  const std::vector<std::pair<std::string, std::string>> given{
      {"bug", "new"}, {"idea", "new"}, {"bug", "resolved"}, {"praise", "new"}, {"bug", "new"}};
  std::vector<models::Feedback> stored;
  stored.reserve(given.size());
  for (const auto& [category, status] : given) {
    auto created = repos().feedback->create(
        {.user_id = "sub-1", .category = category, .message = "The search is slow on mobile.", .rating = 4});
    ASSERT_TRUE(created) << created.error().detail;
    stored.push_back(*created);
  }
  auto resolved = stored[2];
  resolved.status = "resolved";
  resolved.admin_note = "Fixed in 1.2";
  auto updated = repos().feedback->update(resolved);
  ASSERT_TRUE(updated) << updated.error().detail;
  EXPECT_EQ(updated->version, 2);
  auto stale = repos().feedback->update(stored[2]);
  ASSERT_FALSE(stale);
  EXPECT_EQ(stale.error().current_version, 2);

  const auto ids = [](const Page<models::Feedback>& page) {
    std::vector<std::string> out;
    out.reserve(page.items.size());
    for (const auto& f : page.items) out.push_back(f.id);
    return out;
  };
  auto all = repos().feedback->list({}, {});
  ASSERT_TRUE(all);
  EXPECT_EQ(ids(*all),
            (std::vector<std::string>{stored[4].id, stored[3].id, stored[2].id, stored[1].id, stored[0].id}));
  auto fresh = repos().feedback->list({.status = "new"}, {});
  EXPECT_EQ(ids(*fresh), (std::vector<std::string>{stored[4].id, stored[3].id, stored[1].id, stored[0].id}));
  auto bugs = repos().feedback->list({.category = "bug"}, {.limit = 2});
  ASSERT_TRUE(bugs);
  EXPECT_EQ(ids(*bugs), (std::vector<std::string>{stored[4].id, stored[2].id})) << "filtered pages are full";
  auto new_bugs = repos().feedback->list({.status = "new", .category = "bug"}, {});
  EXPECT_EQ(ids(*new_bugs), (std::vector<std::string>{stored[4].id, stored[0].id}));
  EXPECT_EQ((*repos().feedback->find(stored[2].id))->admin_note, "Fixed in 1.2");

  auto bad = repos().feedback->list({.status = "open"}, {});
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code, ErrorCode::INVALID_PARAMETER);
  EXPECT_EQ(bad.error().fields.at(0).pointer, "/query/status");
  auto too_long =
      repos().feedback->create({.user_id = "sub-1", .category = "bug", .message = std::string(5001, 'x')});
  ASSERT_FALSE(too_long);
  EXPECT_EQ(too_long.error().code, ErrorCode::VALIDATION_FAILED);
}

TEST_P(Repositories, RateCountersAllowUpToTheLimitPerWindow) {
  for (int i = 1; i <= 3; ++i) {
    auto hit = repos().rate_counters->hit("user:sub-1", 3, std::chrono::seconds{3600});
    ASSERT_TRUE(hit) << hit.error().detail;
    EXPECT_TRUE(hit->allowed);
    EXPECT_EQ(hit->count, i);
  }
  auto over = repos().rate_counters->hit("user:sub-1", 3, std::chrono::seconds{3600});
  ASSERT_TRUE(over);
  EXPECT_FALSE(over->allowed);
  EXPECT_GT(over->retry_after.count(), 0);
  EXPECT_LE(over->retry_after.count(), 3600);
  EXPECT_TRUE(repos().rate_counters->hit("user:sub-2", 3, std::chrono::seconds{3600})->allowed);
}

TEST_P(Repositories, AStoredItemThatBreaksItsModelIsAnInternalError) {
  auto item = detail::item_key(keys::user_pk("sub-1"), std::string(keys::kProfileSk));
  item["id"] = aws::AttributeValue::S("sub-1");
  item["email"] = aws::AttributeValue::N(42);
  ASSERT_TRUE(client().put_item({.table = table_name(), .item = item}));
  auto found = repos().profiles->find("sub-1");
  ASSERT_FALSE(found);
  EXPECT_EQ(found.error().code, ErrorCode::INTERNAL);
}

INSTANTIATE_TEST_SUITE_P(Emulators, Repositories, ::testing::ValuesIn(hub::testing::emulators()),
                         hub::testing::EmulatorName{});

}  // namespace
}  // namespace hub::data
