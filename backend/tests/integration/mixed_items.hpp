#pragma once

// Items of every shape the single table holds (profiles, preferences, roles, activity, feedback,
// email guards, rate counters, migration records) using every attribute type DynamoDB has, and
// helpers to write, read and delete a whole table and to compare two sets of items.

#include <algorithm>
#include <cstddef>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <fmt/format.h>

#include "aws/dynamodb_client.hpp"
#include "data/backup_format.hpp"

namespace hub::testing {

using aws::AttributeValue;

inline std::string bytes_of(std::size_t n, std::size_t size) {
  std::string out;
  out.reserve(size);
  for (std::size_t i = 0; i < size; ++i) out.push_back(static_cast<char>((n * 31 + i * 7) & 0xFFU));
  return out;
}

// Item `n` of a mixed set: the shape follows n % 8; keys are unique per n.
inline aws::Item mixed_item(std::size_t n) {
  const auto id = fmt::format("01JMIXED{:08}", n);
  const auto s = [](std::string text) { return AttributeValue::S(std::move(text)); };
  aws::Item item{{"created_at", s(fmt::format("2026-11-{:02}T06:{:02}:00.000Z", 1 + n % 28, n % 60))}};
  switch (n % 8) {
    case 0:  // a profile: GSI1 directory, a binary avatar, sets of each kind, an absent-ish NULL
      item.insert({{"PK", s("USER#" + id)},
                   {"SK", s("PROFILE")},
                   {"GSI1PK", s("USERS")},
                   {"GSI1SK", s("2026-11-24#" + id)},
                   {"entity", s("USER_PROFILE")},
                   {"display_name", s(fmt::format("Amina Wanjiru {} – Nairobi ☀", n))},
                   {"avatar", AttributeValue::B(bytes_of(n, 64))},
                   {"active", AttributeValue::BOOL(n % 3 != 0)},
                   {"deleted_at", AttributeValue::NUL()},
                   {"tags", AttributeValue::SS({"climate", "trade", id})},
                   {"scores", AttributeValue::NS({"1", "-2.5", fmt::format("{}e10", n)})},
                   {"keys", AttributeValue::BS({bytes_of(n, 3), bytes_of(n + 1, 5)})},
                   {"version", AttributeValue::N(static_cast<std::int64_t>(n % 17 + 1))}});
      break;
    case 1:  // preferences: maps in lists in maps
      item.insert(
          {{"PK", s("USER#" + id)},
           {"SK", s("PREFERENCES")},
           {"entity", s("USER_PREFERENCES")},
           {"settings",
            AttributeValue::M({{"notifications", AttributeValue::M({
                                                     {"email", AttributeValue::BOOL(true)},
                                                     {"digest", s("weekly")},
                                                     {"quiet", AttributeValue::L({s("22:00"), s("06:00")})},
                                                 })},
                               {"languages", AttributeValue::L({s("en"), s("sw"), s("am"), s("so")})},
                               {"nested", AttributeValue::L({AttributeValue::M(
                                              {{"deep", AttributeValue::L({AttributeValue::N("0.000001"),
                                                                           AttributeValue::NUL()})}})})}})}});
      break;
    case 2:  // a role assignment, on GSI1 by role
      item.insert({{"PK", s(fmt::format("USER#01JMIXED{:08}", n - 2))},
                   {"SK", s("ROLE#reviewer")},
                   {"GSI1PK", s("ROLE#reviewer")},
                   {"GSI1SK", s("USER#" + id)},
                   {"entity", s("ROLE_ASSIGNMENT")}});
      break;
    case 3:  // activity, with a TTL and a 38-digit number
      item.insert({{"PK", s(fmt::format("USER#01JMIXED{:08}", n - 3))},
                   {"SK", s("ACTIVITY#" + id)},
                   {"entity", s("ACTIVITY")},
                   {"action", s("profile.updated")},
                   {"expires_at", AttributeValue::N(static_cast<std::int64_t>(1'900'000'000 + n))},
                   {"big", AttributeValue::N("12345678901234567890123456789012345678")}});
      break;
    case 4:  // feedback on GSI1 and GSI2, with attachments (a list of maps holding binaries)
      item.insert(
          {{"PK", s("FEEDBACK#" + id)},
           {"SK", s("FEEDBACK")},
           {"GSI1PK", s("FEEDBACK")},
           {"GSI1SK", s(id)},
           {"GSI2PK", s(n % 3 == 0 ? "FEEDBACK#STATUS#open" : "FEEDBACK#STATUS#closed")},
           {"GSI2SK", s(id)},
           {"entity", s("FEEDBACK")},
           {"body", s(n % 400 == 4 ? std::string(30'000, 'z') : "Quotes \" and \\ backslashes\nand lines")},
           {"attachments", AttributeValue::L({AttributeValue::M(
                               {{"name", s("a.bin")}, {"data", AttributeValue::B(bytes_of(n, 200))}})})}});
      break;
    case 5:  // an email guard
      item.insert({{"PK", s(fmt::format("EMAIL#user{}@example.org", n))},
                   {"SK", s("EMAIL")},
                   {"entity", s("EMAIL_GUARD")},
                   {"user_id", s(id)}});
      break;
    case 6:  // a rate counter
      item.insert({{"PK", s(fmt::format("RATE#ip:10.0.{}.{}", n / 256 % 256, n % 256))},
                   {"SK", s(fmt::format("WINDOW#{}", 1'764'000'000 + n))},
                   {"entity", s("RATE_COUNTER")},
                   {"count", AttributeValue::N(static_cast<std::int64_t>(n % 100))},
                   {"expires_at", AttributeValue::N(static_cast<std::int64_t>(1'764'000'060 + n))}});
      break;
    default:  // a migration step record
      item.insert({{"PK", s("MIGRATION")},
                   {"SK", s(fmt::format("STEP#{:08}", n))},
                   {"entity", s("MIGRATION")},
                   {"applied", AttributeValue::BOOL(true)},
                   {"notes", AttributeValue::L({})},
                   {"extra", AttributeValue::M({})}});
      break;
  }
  return item;
}

inline std::vector<aws::Item> mixed_items(std::size_t count) {
  std::vector<aws::Item> items;
  items.reserve(count);
  for (std::size_t n = 0; n < count; ++n) items.push_back(mixed_item(n));
  return items;
}

// Runs `work(part)` for parts 0..parts-1 on as many threads.
template <class Work>
void in_parallel(int parts, const Work& work) {
  std::vector<std::jthread> threads;
  for (int part = 0; part < parts; ++part) threads.emplace_back(work, part);
}

// Puts (or, with `del`, deletes by key) `items`, four threads at once; empty when done, else why not.
inline std::string write_all(const aws::dynamodb::DynamoDbClient& client, const std::string& table,
                             const std::vector<aws::Item>& items, bool del = false) {
  constexpr int kParts = 4;
  std::mutex mutex;
  std::string failure;
  in_parallel(kParts, [&](int part) {
    aws::dynamodb::BatchWriteRequest request{.table = table, .writes = {}};
    for (std::size_t i = static_cast<std::size_t>(part); i < items.size(); i += kParts) {
      if (del) {
        request.writes.emplace_back(
            aws::dynamodb::DeleteRequest{{{"PK", items[i].at("PK")}, {"SK", items[i].at("SK")}}});
      } else {
        request.writes.emplace_back(aws::dynamodb::PutRequest{items[i]});
      }
    }
    auto written = client.batch_write(request, core::Deadline::after(std::chrono::minutes{5}));
    const std::scoped_lock lock{mutex};
    if (!written) failure = written.error().describe();
    if (written && !written->unprocessed.empty())
      failure = fmt::format("{} writes unprocessed", written->unprocessed.size());
  });
  return failure;
}

// Every item of the table (a parallel scan, strongly consistent).
inline std::vector<aws::Item> scan_all(const aws::dynamodb::DynamoDbClient& client,
                                       const std::string& table) {
  std::mutex mutex;
  std::vector<aws::Item> items;
  auto scanned =
      client.parallel_scan({.table = table, .consistent_read = true}, 4, [&](int, aws::dynamodb::Page page) {
        const std::scoped_lock lock{mutex};
        for (auto& item : page.items) items.push_back(std::move(item));
        return aws::AwsStatus{};
      });
  if (!scanned) throw std::runtime_error("scan failed: " + scanned.error().describe());
  return items;
}

// Sets are unordered: sorted, so that equal items print equal.
inline AttributeValue normalized(const AttributeValue& value) {
  if (const auto* ss = value.as_string_set()) {
    auto v = ss->values;
    std::ranges::sort(v);
    return AttributeValue::SS(v);
  }
  if (const auto* ns = value.as_number_set()) {
    auto v = ns->values;
    std::ranges::sort(v);
    return AttributeValue::NS(v);
  }
  if (const auto* bs = value.as_binary_set()) {
    auto v = bs->values;
    std::ranges::sort(v);
    return AttributeValue::BS(v);
  }
  if (const auto* m = value.as_map()) {
    aws::AttributeMap out;
    for (const auto& [k, v] : *m) out.emplace(k, normalized(v));
    return AttributeValue::M(out);
  }
  if (const auto* l = value.as_list()) {
    aws::AttributeList out;
    for (const auto& v : *l) out.push_back(normalized(v));
    return AttributeValue::L(out);
  }
  return value;
}

// The items as sorted lines of DynamoDB JSON: two tables hold the same items when these are equal.
inline std::vector<std::string> canonical(const std::vector<aws::Item>& items) {
  std::vector<std::string> lines;
  lines.reserve(items.size());
  for (const auto& item : items) {
    aws::Item n;
    for (const auto& [k, v] : item) n.emplace(k, normalized(v));
    lines.push_back(data::encode_item_line(n));
  }
  std::ranges::sort(lines);
  return lines;
}

}  // namespace hub::testing
