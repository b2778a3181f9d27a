#include <algorithm>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <boost/json/parse.hpp>

#include "core/metrics.hpp"
#include "models/codec.hpp"
#include "models/health.hpp"
#include "models/metrics.hpp"
#include "models/problem.hpp"
#include "models/version.hpp"
#include "support/test_models.hpp"

namespace hub::models {
namespace {

using ::testing::UnorderedElementsAreArray;

json::value valid_profile_json() {
  return boost::json::parse(R"({
    "display_name": "Amina",
    "role": "member",
    "age": 34,
    "nickname": "Ami",
    "address": {"city": "Djibouti", "postcode": "DJ-1"},
    "items": [{"name": "pen", "quantity": 2}, {"name": "book", "quantity": 1}],
    "tags": ["a", "b"],
    "scores": {"math": 9, "art": 7},
    "created_at": "2026-11-24T05:26:57.123Z",
    "email": "amina@example.org",
    "id": "01ARZ3NDEKTSV4RRFFQ69G5FAV",
    "active": true,
    "rating": 4.5
  })");
}

std::vector<FieldError> errors_of(const json::value& in) {
  auto r = from_json<TestProfile>(in);
  EXPECT_FALSE(r.ok());
  if (r.ok()) return {};
  EXPECT_EQ(r.error().code, ErrorCode::VALIDATION_FAILED);
  return r.error().fields;
}

json::value with(std::string_view pointer, json::value v) {
  auto doc = valid_profile_json();
  doc.at_pointer(pointer) = std::move(v);
  return doc;
}

json::value without(std::string_view key) {
  auto doc = valid_profile_json();
  doc.as_object().erase(key);
  return doc;
}

TEST(Codec, ReadsAValidModel) {
  const auto r = from_json<TestProfile>(valid_profile_json());
  ASSERT_TRUE(r.ok()) << (r.ok() ? ""
                                 : r.error().fields.front().pointer + " " + r.error().fields.front().message);
  const TestProfile& p = *r;
  EXPECT_EQ(p.display_name, "Amina");
  EXPECT_EQ(p.age, 34);
  EXPECT_EQ(p.nickname, "Ami");
  EXPECT_EQ(p.address, (TestAddress{"Djibouti", "DJ-1"}));
  EXPECT_EQ(p.items, (std::vector<TestItem>{{"pen", 2}, {"book", 1}}));
  EXPECT_EQ(p.scores, (std::map<std::string, int>{{"art", 7}, {"math", 9}}));
  EXPECT_TRUE(p.active);
  EXPECT_DOUBLE_EQ(p.rating, 4.5);
  EXPECT_FALSE(p.previous_address.has_value());
}

TEST(Codec, RoundTrip) {
  const auto first = from_json<TestProfile>(valid_profile_json());
  ASSERT_TRUE(first.ok());
  const json::value written = to_json(*first);
  EXPECT_EQ(written, valid_profile_json());
  const auto second = from_json<TestProfile>(written);
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(*second, *first);

  TestProfile with_optional = *first;
  with_optional.previous_address = TestAddress{"Nairobi", "00100"};
  with_optional.nickname.reset();
  const auto j = to_json(with_optional);
  EXPECT_FALSE(j.as_object().contains("nickname")) << "an absent optional is omitted, not null";
  EXPECT_EQ(j.at("previous_address").at("city").as_string(), "Nairobi");
  const auto back = from_json<TestProfile>(j);
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(*back, with_optional);
}

TEST(Codec, OptionalMayBeAbsentButNotNull) {
  auto doc = without("nickname");
  ASSERT_TRUE(from_json<TestProfile>(doc).ok());
  EXPECT_FALSE(from_json<TestProfile>(doc)->nickname.has_value());
  // The schema of an optional field has no "null" type: null is refused, not taken as absent.
  EXPECT_EQ(errors_of(with("/nickname", nullptr)),
            (std::vector<FieldError>{{"/nickname", "must be a string, not null"}}));
  // A present optional is still checked.
  EXPECT_EQ(errors_of(with("/nickname", "toolong")),
            (std::vector<FieldError>{{"/nickname", "must be at most 5 characters"}}));
  EXPECT_EQ(errors_of(with("/nickname", 5)),
            (std::vector<FieldError>{{"/nickname", "must be a string, not a number"}}));
}

TEST(Codec, UnknownFieldsAreRejectedWithPointers) {
  auto doc = valid_profile_json();
  doc.as_object()["is_admin"] = true;
  doc.at("address").as_object()["zip"] = "x";
  doc.at("items").as_array()[1].as_object()["price"] = 3;
  EXPECT_THAT(errors_of(doc),
              UnorderedElementsAreArray(std::vector<FieldError>{{"/is_admin", "is not a known field"},
                                                                {"/address/zip", "is not a known field"},
                                                                {"/items/1/price", "is not a known field"}}));
}

TEST(Codec, MissingRequiredFields) {
  EXPECT_EQ(errors_of(without("display_name")), (std::vector<FieldError>{{"/display_name", "is required"}}));
  auto doc = valid_profile_json();
  doc.at("address").as_object().erase("city");
  EXPECT_EQ(errors_of(doc), (std::vector<FieldError>{{"/address/city", "is required"}}));
  const auto all = errors_of(json::object{});
  EXPECT_EQ(all.size(), 12U) << "every non-optional field is reported";
}

TEST(Codec, WrongTypesPointIntoNestedObjectsAndArrays) {
  auto doc = valid_profile_json();
  doc.at("items").as_array().push_back(json::object{{"name", 7}, {"quantity", "two"}});
  doc.at("address").as_object()["city"] = json::array{};
  doc.as_object()["tags"] = json::array{"ok", false};
  doc.as_object()["scores"] = json::object{{"math", "A"}};
  doc.as_object()["active"] = "yes";
  doc.as_object()["rating"] = "high";
  doc.as_object()["age"] = nullptr;
  EXPECT_THAT(errors_of(doc), UnorderedElementsAreArray(std::vector<FieldError>{
                                  {"/items/2/name", "must be a string, not a number"},
                                  {"/items/2/quantity", "must be an integer, not a string"},
                                  {"/address/city", "must be a string, not an array"},
                                  {"/tags/1", "must be a string, not a boolean"},
                                  {"/scores/math", "must be an integer, not a string"},
                                  {"/active", "must be a boolean, not a string"},
                                  {"/rating", "must be a number, not a string"},
                                  {"/age", "must be an integer, not null"}}));
}

TEST(Codec, ContainersOfTheWrongKind) {
  auto doc = valid_profile_json();
  doc.as_object()["items"] = json::object{};
  doc.as_object()["scores"] = json::array{};
  doc.as_object()["address"] = "Djibouti";
  EXPECT_THAT(errors_of(doc), UnorderedElementsAreArray(
                                  std::vector<FieldError>{{"/items", "must be an array, not an object"},
                                                          {"/scores", "must be an object, not an array"},
                                                          {"/address", "must be an object, not a string"}}));
  const auto root = from_json<TestProfile>(json::array{});
  ASSERT_FALSE(root.ok());
  ASSERT_EQ(root.error().fields.size(), 1U);
  EXPECT_EQ(root.error().fields[0].pointer, "");
  EXPECT_EQ(root.error().fields[0].message, "must be an object, not an array");
}

TEST(Codec, ConstraintsAreChecked) {
  EXPECT_EQ(errors_of(with("/display_name", "A")),
            (std::vector<FieldError>{{"/display_name", "must be at least 2 characters"}}));
  EXPECT_EQ(errors_of(with("/display_name", "Abcdefghijk")),
            (std::vector<FieldError>{{"/display_name", "must be at most 10 characters"}}));
  // Length counts characters, not bytes.
  EXPECT_TRUE(from_json<TestProfile>(with("/display_name", "ÄÖÜäöüßéèê")).ok());
  EXPECT_EQ(errors_of(with("/address/city", "")),
            (std::vector<FieldError>{{"/address/city", "must not be empty"}}));
  EXPECT_EQ(errors_of(with("/role", "owner")),
            (std::vector<FieldError>{{"/role", "must be one of: member, admin"}}));
  EXPECT_EQ(errors_of(with("/age", -1)), (std::vector<FieldError>{{"/age", "must be at least 0"}}));
  EXPECT_EQ(errors_of(with("/age", 151)), (std::vector<FieldError>{{"/age", "must be at most 150"}}));
  EXPECT_EQ(errors_of(with("/age", 1.5)), (std::vector<FieldError>{{"/age", "must be an integer in range"}}));
  // JSON Schema's integer: a number without a fractional part, however it is written.
  ASSERT_TRUE(from_json<TestProfile>(with("/age", 42.0)).ok());
  EXPECT_EQ(from_json<TestProfile>(with("/age", 42.0))->age, 42);
  EXPECT_EQ(errors_of(with("/age", 151.0)), (std::vector<FieldError>{{"/age", "must be at most 150"}}));
  EXPECT_EQ(errors_of(with("/age", 1e300)),
            (std::vector<FieldError>{{"/age", "must be an integer in range"}}));
  EXPECT_EQ(errors_of(with("/age", 10'000'000'000LL)),
            (std::vector<FieldError>{{"/age", "must be an integer in range"}}));
  EXPECT_EQ(errors_of(with("/rating", 5.5)), (std::vector<FieldError>{{"/rating", "must be at most 5"}}));
  EXPECT_TRUE(from_json<TestProfile>(with("/rating", 5)).ok()) << "an integer is a number";
  EXPECT_EQ(errors_of(with("/items/0/quantity", 0)),
            (std::vector<FieldError>{{"/items/0/quantity", "must be at least 1"}}));
  EXPECT_EQ(errors_of(with("/tags", json::array{"a", "b", "c", "d"})),
            (std::vector<FieldError>{{"/tags", "must have at most 3 items"}}));
  EXPECT_EQ(errors_of(with("/scores", json::object{{"a", 1}, {"b", 2}, {"c", 3}, {"d", 4}, {"e", 5}})),
            (std::vector<FieldError>{{"/scores", "must have at most 4 items"}}));
}

TEST(Codec, Formats) {
  for (const char* ok : {"2026-01-31T09:00:00Z", "2026-01-31T09:00:00.5Z", "2026-01-31t09:00:00+03:00",
                         "2026-01-31T09:00:00.123456-05:30"}) {
    EXPECT_TRUE(from_json<TestProfile>(with("/created_at", ok)).ok()) << ok;
  }
  for (const char* bad :
       {"2026-01-31", "2026-01-31 09:00:00Z", "2026-01-31T09:00:00", "2026-01-31T09:00:00.Z", "yesterday",
        "2026-1-31T09:00:00Z", "2026-01-31T09:00:00+0300"}) {
    EXPECT_EQ(errors_of(with("/created_at", bad)),
              (std::vector<FieldError>{
                  {"/created_at", "must be an RFC 3339 date-time such as 2026-01-31T09:00:00Z"}}))
        << bad;
  }
  for (const char* bad :
       {"amina", "@example.org", "amina@", "amina@example", "a b@example.org", "a@b@c.org", "amina@.org"}) {
    EXPECT_EQ(errors_of(with("/email", bad)),
              (std::vector<FieldError>{{"/email", "must be an email address"}}))
        << bad;
  }
  for (const char* bad : {"01ARZ3NDEKTSV4RRFFQ69G5FA", "81ARZ3NDEKTSV4RRFFQ69G5FAV",
                          "01arz3ndektsv4rrffq69g5fav", "01ARZ3NDEKTSV4RRFFQ69G5FAI"}) {
    EXPECT_EQ(errors_of(with("/id", bad)),
              (std::vector<FieldError>{{"/id", "must be a ULID (26 Crockford base32 characters)"}}))
        << bad;
  }
}

TEST(Codec, EveryViolationIsReported) {
  auto doc = valid_profile_json();
  doc.as_object()["display_name"] = "";
  doc.as_object()["role"] = "root";
  doc.as_object()["age"] = 200;
  doc.as_object()["email"] = "nope";
  doc.as_object()["extra"] = 1;
  doc.as_object().erase("id");
  doc.at("items").as_array()[0].as_object()["quantity"] = 100;
  const auto errors = errors_of(doc);
  EXPECT_THAT(errors, UnorderedElementsAreArray(
                          std::vector<FieldError>{{"/extra", "is not a known field"},
                                                  {"/display_name", "must be at least 2 characters"},
                                                  {"/role", "must be one of: member, admin"},
                                                  {"/age", "must be at most 150"},
                                                  {"/email", "must be an email address"},
                                                  {"/id", "is required"},
                                                  {"/items/0/quantity", "must be at most 99"}}));
}

TEST(Codec, PointerTokensAreEscaped) {
  auto doc = valid_profile_json();
  doc.as_object()["a/b~c"] = 1;
  doc.as_object()["scores"] = json::object{{"x/y", "bad"}, {"m~n", 1}, {"p~1q", false}};
  EXPECT_THAT(errors_of(doc), UnorderedElementsAreArray(std::vector<FieldError>{
                                  {"/a~1b~0c", "is not a known field"},
                                  {"/scores/x~1y", "must be an integer, not a string"},
                                  {"/scores/p~01q", "must be an integer, not a boolean"}}));
  EXPECT_EQ(detail::escape_pointer_token("~/~/"), "~0~1~0~1");
  EXPECT_EQ(detail::escape_pointer_token("plain"), "plain");
}

TEST(Codec, Validate) {
  auto p = from_json<TestProfile>(valid_profile_json()).value();
  EXPECT_TRUE(validate(p).ok());
  p.display_name = "x";
  p.items.push_back({"", 0});
  const auto s = validate(p);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, ErrorCode::VALIDATION_FAILED);
  EXPECT_THAT(s.error().fields, UnorderedElementsAreArray(std::vector<FieldError>{
                                    {"/display_name", "must be at least 2 characters"},
                                    {"/items/2/name", "must not be empty"},
                                    {"/items/2/quantity", "must be at least 1"}}));
}

// ---- the real models -----------------------------------------------------------------------

TEST(RealModels, HealthReportRoundTrip) {
  HealthReport report;
  report.status = "failing";
  report.service = "innovation-hub";
  report.version = "0.1.0";
  report.timestamp = "2026-11-24T05:26:57.123Z";
  report.uptime_seconds = 12.5;
  report.checks = {{"storage", "ok", 1.25, std::nullopt},
                   {"cognito", "failing", 3, std::string("timed out")}};
  ASSERT_TRUE(validate(report).ok());
  const auto j = to_json(report);
  EXPECT_FALSE(j.at("checks").at(0).as_object().contains("detail"));
  EXPECT_EQ(j.at("checks").at(1).at("detail").as_string(), "timed out");
  const auto back = from_json<HealthReport>(j);
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(to_json(*back), j);

  report.status = "meh";
  report.checks[0].name = "";
  report.timestamp = "now";
  const auto bad = validate(report);
  ASSERT_FALSE(bad.ok());
  EXPECT_THAT(bad.error().fields,
              UnorderedElementsAreArray(std::vector<FieldError>{
                  {"/status", "must be one of: ok, failing"},
                  {"/checks/0/name", "must not be empty"},
                  {"/timestamp", "must be an RFC 3339 date-time such as 2026-01-31T09:00:00Z"}}));
}

TEST(RealModels, VersionInfoRoundTrip) {
  const VersionInfo v{"innovation-hub-api",   "0.1.0",      "abc1234-dirty",
                      "2026-11-24T05:26:57Z", "GNU 12.2.0", "Debug"};
  ASSERT_TRUE(validate(v).ok());
  const auto j = to_json(v);
  EXPECT_EQ(j.as_object().size(), 6U);
  const auto back = from_json<VersionInfo>(j);
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(to_json(*back), j);
  auto extra = j;
  extra.as_object()["branch"] = "main";
  EXPECT_FALSE(from_json<VersionInfo>(extra).ok());
}

TEST(RealModels, MetricsSnapshotRoundTrip) {
  core::MetricsRegistry registry;
  registry.record("GET /health", 200, std::chrono::milliseconds{3});
  registry.record("unmatched", 404, std::chrono::milliseconds{1});
  const auto snapshot = registry.snapshot();
  ASSERT_TRUE(validate(snapshot).ok());
  const auto j = to_json(snapshot);
  EXPECT_EQ(j.at("requests_total").to_number<int>(), 2);
  EXPECT_EQ(j.at("cold_start").as_bool(), false);
  EXPECT_EQ(j.at("routes").as_array().size(), 2U);
  EXPECT_EQ(j.at("routes").at(0).at("status").at("2xx").to_number<int>(), 1);
  const auto back = from_json<MetricsSnapshot>(j);
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(to_json(*back), j);
}

TEST(RealModels, ProblemRoundTrip) {
  Problem p;
  p.type = "urn:x";
  p.title = "Validation failed";
  p.status = 422;
  p.detail = "d";
  p.code = "VALIDATION_FAILED";
  p.request_id = "r";
  p.errors = std::vector<ProblemField>{{"/a", "bad"}};
  ASSERT_TRUE(validate(p).ok());
  const auto back = from_json<Problem>(to_json(p));
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(to_json(*back), to_json(p));
  p.status = 200;
  const auto bad = validate(p);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().fields, (std::vector<FieldError>{{"/status", "must be at least 400"}}));
}

}  // namespace
}  // namespace hub::models
