// data::list_page against each emulator: every item once, in order, whatever the page size and
// direction; full pages and no empty last page under a filter; cursors bound to their listing.
#include <algorithm>
#include <chrono>
#include <cstddef>
#include <iostream>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "data/batch.hpp"
#include "data/keys.hpp"
#include "data/listing.hpp"
#include "emulators.hpp"

namespace hub::data {
namespace {

using aws::AttributeValue;
using aws::dynamodb::PutRequest;
using aws::dynamodb::WriteRequest;

constexpr int kItems = 1000;
constexpr const char* kPartition = "PAGES#1";

std::string sk_of(int n) { return fmt::format("ITEM#{:04}", n); }

std::string text_attribute(const aws::Item& item, std::string_view name) {
  const auto it = item.find(name);
  return it != item.end() && it->second.as_string() != nullptr ? *it->second.as_string() : std::string{};
}

// Items n = 0..count-1 of `pk` in order.
std::vector<std::string> expected_sks(int count, bool descending, int every = 1, int offset = 0) {
  std::vector<std::string> out;
  for (int n = 0; n < count; ++n) {
    if (n % every == offset) out.push_back(sk_of(n));
  }
  if (descending) std::reverse(out.begin(), out.end());
  return out;
}

Listing partition(const std::string& pk, bool descending = false) {
  return {.index = "",
          .key_condition = "PK = :pk",
          .expressions = {.condition = {}, .names = {}, .values = {{":pk", AttributeValue::S(pk)}}},
          .descending = descending};
}

// Only the items whose n % 3 is `group`.
Listing thirds(const std::string& pk, int group, bool descending) {
  auto listing = partition(pk, descending);
  listing.expressions.condition = "#group = :group";
  listing.expressions.names = {{"#group", "group"}};
  listing.expressions.values.emplace(":group", AttributeValue::N(group));
  return listing;
}

struct Walk {
  std::vector<std::string> sks;  // sort keys in the order the pages gave them
  int pages = 0;
};

class Pagination : public hub::testing::EmulatorTest {
 protected:
  // `count` items in `pk`: SK ITEM#0000.., `group` = n % 3, a GSI1 key pair (the partition's
  // own directory), written with data::batch_write.
  void fill(const std::string& pk, int count) {
    std::vector<WriteRequest> writes;
    writes.reserve(static_cast<std::size_t>(count));
    for (int n = 0; n < count; ++n) {
      aws::Item item{
          {"PK", AttributeValue::S(pk)},
          {"SK", AttributeValue::S(sk_of(n))},
          {"GSI1PK", AttributeValue::S("DIR#" + pk)},
          {"GSI1SK", AttributeValue::S(fmt::format("2026-11-24T06:{:02}:{:02}Z#{}", n / 60 % 60, n % 60, n))},
          {"group", AttributeValue::N(n % 3)},
          {"body", AttributeValue::S(std::string(64, 'x'))}};
      writes.emplace_back(PutRequest{std::move(item)});
    }
    auto written = batch_write(data_table(), std::move(writes), "test.fill");
    ASSERT_TRUE(written.ok()) << written.error().detail;
    ASSERT_EQ(written->size(), static_cast<std::size_t>(count));
    for (std::size_t i = 0; i < written->size(); ++i) ASSERT_TRUE((*written)[i].ok()) << "item " << i;
  }

  // Pages through `listing` `limit` items at a time, checking each page as it comes: every page
  // but the last is full, the last one is not empty (unless nothing matches) and has no cursor.
  Walk walk(const Listing& listing, int limit, std::string_view sk_attribute = "SK") {
    Walk w;
    std::string cursor;
    for (;;) {
      auto page = list_page(data_table(), listing, {.limit = limit, .cursor = cursor}, "test.walk");
      if (!page.ok()) {
        ADD_FAILURE() << "limit " << limit << ", page " << w.pages + 1 << ": " << page.error().detail;
        return w;
      }
      ++w.pages;
      for (const auto& item : page->items) w.sks.push_back(text_attribute(item, sk_attribute));
      if (!page->next_cursor) {
        if (page->items.empty() && w.pages > 1) ADD_FAILURE() << "limit " << limit << ": an empty last page";
        return w;
      }
      if (page->items.size() != static_cast<std::size_t>(limit)) {
        ADD_FAILURE() << "limit " << limit << ", page " << w.pages << ": " << page->items.size()
                      << " items and a cursor";
        return w;
      }
      if (w.pages > kItems + 1) {
        ADD_FAILURE() << "limit " << limit << ": the walk does not end";
        return w;
      }
      cursor = std::move(*page->next_cursor);
    }
  }

  static void expect_walk(const Walk& w, const std::vector<std::string>& expected, int limit) {
    const auto full_pages = static_cast<int>(expected.size()) / limit;
    const auto rest = static_cast<int>(expected.size()) % limit;
    EXPECT_EQ(w.pages, std::max(1, full_pages + (rest != 0 ? 1 : 0))) << "limit " << limit;
    ASSERT_EQ(w.sks.size(), expected.size()) << "limit " << limit;
    for (std::size_t i = 0; i < expected.size(); ++i) {
      ASSERT_EQ(w.sks[i], expected[i])
          << "limit " << limit << ", item " << i << ": missed, repeated or out of order";
    }
  }

  [[nodiscard]] Result<Page<aws::Item>> first_page(const Listing& listing, int limit) const {
    return list_page(data_table(), listing, {.limit = limit, .cursor = {}}, "test.first");
  }

  static void expect_invalid_cursor(const Result<Page<aws::Item>>& page, std::string_view what) {
    ASSERT_FALSE(page.ok()) << what << ": accepted";
    EXPECT_EQ(page.error().code, ErrorCode::INVALID_CURSOR) << what;
    ASSERT_EQ(page.error().fields.size(), 1U) << what;
    EXPECT_EQ(page.error().fields[0].pointer, "/query/cursor") << what;
  }
};

// The one long test: 100 walks of the same 1,000 items, 5,200 pages in all.
TEST_P(Pagination, EveryPageSizeFromOneToAHundredSeesEveryItemOnce) {
  ASSERT_NO_FATAL_FAILURE(fill(kPartition, kItems));
  const auto expected = expected_sks(kItems, false);
  int pages = 0;
  const auto started = std::chrono::steady_clock::now();
  for (int limit = 1; limit <= kMaxPageSize; ++limit) {
    const auto w = walk(partition(kPartition), limit);
    expect_walk(w, expected, limit);
    pages += w.pages;
    if (HasFailure()) break;
  }
  const auto seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  RecordProperty("pages", pages);
  RecordProperty("walk_ms", static_cast<int>(seconds * 1000));
  std::cout << fmt::format("[ {} ] {} items, page sizes 1-100: {} pages in {:.1f} s ({:.1f} ms a page)\n",
                           GetParam().name, kItems, pages, seconds, seconds * 1000 / pages);
}

TEST_P(Pagination, NewestFirstSeesEveryItemOnce) {
  ASSERT_NO_FATAL_FAILURE(fill(kPartition, kItems));
  const auto expected = expected_sks(kItems, true);
  for (const int limit : {1, 3, 7, 20, 33, 64, 99, 100}) {
    expect_walk(walk(partition(kPartition, true), limit), expected, limit);
    if (HasFailure()) break;
  }
}

TEST_P(Pagination, PagesEndingOnTheLastItemLeaveNoEmptyPage) {
  ASSERT_NO_FATAL_FAILURE(fill(kPartition, 200));
  for (const bool descending : {false, true}) {
    for (const int limit : {1, 2, 4, 5, 8, 10, 20, 25, 40, 50, 100}) {
      expect_walk(walk(partition(kPartition, descending), limit), expected_sks(200, descending), limit);
    }
  }
}

TEST_P(Pagination, AnEmptyListingIsOneEmptyPage) {
  const auto page = first_page(partition("PAGES#none"), 20);
  ASSERT_TRUE(page.ok()) << page.error().detail;
  EXPECT_TRUE(page->items.empty());
  EXPECT_FALSE(page->next_cursor.has_value());
}

// A filter drops items after DynamoDB has read them; pages stay full, and the walk ends with the
// last match, with no empty page after it, whether that match is the partition's last item or
// non-matching items follow it (ascending, group 2 ends on n = 299 and group 0 on 297; descending,
// group 0 on n = 0 and group 2 on 2). 100 matches: page sizes 1, 2, 20 and 100 end exactly on the
// last one.
TEST_P(Pagination, AFilteredListingGivesFullPagesAndNoEmptyLastPage) {
  constexpr int kCount = 300;
  ASSERT_NO_FATAL_FAILURE(fill(kPartition, kCount));
  for (const int group : {0, 2}) {
    for (const bool descending : {false, true}) {
      const auto expected = expected_sks(kCount, descending, 3, group);
      for (const int limit : {1, 2, 3, 7, 20, 100}) {
        expect_walk(walk(thirds(kPartition, group, descending), limit), expected, limit);
        if (HasFailure()) return;
      }
    }
  }
}

// A GSI listing's cursor carries the index key and the table key (GSI keys need not be unique).
TEST_P(Pagination, AnIndexListingSeesEveryItemOnce) {
  ASSERT_NO_FATAL_FAILURE(fill(kPartition, 300));
  for (const bool descending : {false, true}) {
    std::vector<std::string> expected;
    expected.reserve(300);
    for (int n = 0; n < 300; ++n) {
      expected.push_back(fmt::format("2026-11-24T06:{:02}:{:02}Z#{}", n / 60 % 60, n % 60, n));
    }
    std::sort(expected.begin(), expected.end());
    if (descending) std::reverse(expected.begin(), expected.end());
    const Listing directory{
        .index = keys::kGsi1,
        .key_condition = "GSI1PK = :pk",
        .expressions = {.condition = {},
                        .names = {},
                        .values = {{":pk", AttributeValue::S(std::string("DIR#") + kPartition)}}},
        .descending = descending};
    for (const int limit : {1, 7, 20, 100}) expect_walk(walk(directory, limit, "GSI1SK"), expected, limit);
  }
}

TEST_P(Pagination, ACursorWorksOnlyForItsOwnListing) {
  ASSERT_NO_FATAL_FAILURE(fill(kPartition, 60));
  ASSERT_NO_FATAL_FAILURE(fill("PAGES#2", 60));
  const auto first = first_page(partition(kPartition), 10);
  ASSERT_TRUE(first.ok()) << first.error().detail;
  ASSERT_TRUE(first->next_cursor.has_value());
  const std::string cursor = *first->next_cursor;

  const auto next = list_page(data_table(), partition(kPartition), {.limit = 10, .cursor = cursor}, "test");
  ASSERT_TRUE(next.ok()) << next.error().detail;
  ASSERT_FALSE(next->items.empty());
  EXPECT_EQ(text_attribute(next->items.front(), "SK"), sk_of(10)) << "the listing it came from goes on";
  const auto other_limit =
      list_page(data_table(), partition(kPartition), {.limit = 25, .cursor = cursor}, "test");
  ASSERT_TRUE(other_limit.ok()) << "the page size may change between pages";
  EXPECT_EQ(other_limit->items.size(), 25U);

  const auto with = [&](const Listing& listing) {
    return list_page(data_table(), listing, {.limit = 10, .cursor = cursor}, "test");
  };
  expect_invalid_cursor(with(partition("PAGES#2")), "another partition");
  expect_invalid_cursor(with(partition(kPartition, true)), "the other direction");
  expect_invalid_cursor(with(thirds(kPartition, 0, false)), "with a filter");
  auto index = partition(kPartition);
  index.index = keys::kGsi1;
  index.key_condition = "GSI1PK = :pk";
  expect_invalid_cursor(with(index), "on an index");

  // The same listing under another cursor key (HUB_PAGINATION_KEY rotated) or another table.
  const Table rotated{client(), table_name(), "another-cursor-key-0123456789abcdef"};
  expect_invalid_cursor(list_page(rotated, partition(kPartition), {.limit = 10, .cursor = cursor}, "test"),
                        "another cursor key");
  const Table other_table{client(), table_name() + "-other", kTestCursorKey};
  expect_invalid_cursor(
      list_page(other_table, partition(kPartition), {.limit = 10, .cursor = cursor}, "test"),
      "another table");
}

TEST_P(Pagination, ATamperedCursorIsRejected) {
  ASSERT_NO_FATAL_FAILURE(fill(kPartition, 30));
  const auto first = first_page(partition(kPartition), 10);
  ASSERT_TRUE(first.ok()) << first.error().detail;
  ASSERT_TRUE(first->next_cursor.has_value());
  const std::string cursor = *first->next_cursor;
  const auto with = [&](const std::string& text) {
    return list_page(data_table(), partition(kPartition), {.limit = 10, .cursor = text}, "test");
  };
  for (const std::size_t at : {std::size_t{0}, cursor.size() / 2, cursor.size() - 1}) {
    std::string changed = cursor;
    changed[at] = changed[at] == 'A' ? 'B' : 'A';
    expect_invalid_cursor(with(changed), fmt::format("character {} changed", at));
  }
  expect_invalid_cursor(with(cursor.substr(0, cursor.size() - 4)), "truncated");
  expect_invalid_cursor(with(cursor + "AA"), "extended");
  expect_invalid_cursor(with("garbage"), "garbage");

  // A cursor pointing elsewhere in the same listing, signed with a key that is not the table's.
  const CursorCodec forger{"guessed-key"};
  expect_invalid_cursor(
      with(forger.encode({{"PK", AttributeValue::S(kPartition)}, {"SK", AttributeValue::S(sk_of(20))}},
                         fingerprint(data_table(), partition(kPartition)))),
      "forged");
}

TEST_P(Pagination, ALimitOutsideOneToAHundredIsRejected) {
  for (const int limit : {0, -5, 101}) {
    const auto page = first_page(partition(kPartition), limit);
    ASSERT_FALSE(page.ok()) << limit;
    EXPECT_EQ(page.error().code, ErrorCode::INVALID_PARAMETER) << limit;
    ASSERT_EQ(page.error().fields.size(), 1U);
    EXPECT_EQ(page.error().fields[0].pointer, "/query/limit");
  }
  EXPECT_TRUE(first_page(partition(kPartition), 1).ok());
  EXPECT_TRUE(first_page(partition(kPartition), 100).ok());
}

INSTANTIATE_TEST_SUITE_P(Emulators, Pagination, ::testing::ValuesIn(hub::testing::emulators()),
                         hub::testing::EmulatorName{});

}  // namespace
}  // namespace hub::data
