// Models as stored items and back: one attribute per field, nothing invalid or unknown written,
// a stored item that does not fit its model read as INTERNAL (and logged), numbers exact.
#include <cstdint>
#include <limits>
#include <set>
#include <string>

#include <gtest/gtest.h>

#include "data/item_codec.hpp"
#include "models/feedback.hpp"
#include "models/user.hpp"
#include "support/capture_log.hpp"
#include "support/test_models.hpp"

namespace hub::data {
namespace {

using aws::AttributeValue;

models::UserProfile full_profile() {
  models::UserProfile p;
  p.id = "2f6b1c3e-7a8d-4e21-9b0a-5c4d3e2f1a0b";
  p.email = "Amina.Otieno@example.org";
  p.display_name = "Amina Otieno";
  p.given_name = "Amina";
  p.family_name = "Otieno";
  p.organisation = "IGAD Climate Prediction and Applications Centre";
  p.job_title = "Climate scientist";
  p.country = "KE";
  p.bio =
      "Seasonal forecasts for the Greater Horn of Africa. \"Quotes\", emoji \xF0\x9F\x8C\xA7 and ümlauts.";
  p.expertise = {"drought early warning", "pastoral livelihoods"};
  p.languages = {"en", "sw"};
  p.avatar_url = "https://cdn.example.org/avatars/amina.png";
  p.phone = "+254700000001";
  p.created_at = "2026-11-24T06:13:00Z";
  p.updated_at = "2026-11-24T07:00:00.125Z";
  p.version = 3;
  return p;
}

models::UserProfile minimal_profile() {
  models::UserProfile p;
  p.id = "a1";
  p.email = "a1@example.org";
  p.display_name = "A";
  p.created_at = "2026-11-24T06:13:00Z";
  p.updated_at = "2026-11-24T06:13:00Z";
  p.version = 1;
  return p;
}

models::Feedback feedback() {
  models::Feedback f;
  f.id = "01JD3ZQ6X4M8V2K9T5R7W1Y3B6";
  f.user_id = "2f6b1c3e-7a8d-4e21-9b0a-5c4d3e2f1a0b";
  f.category = "idea";
  f.message = "A dark theme for the proposal editor, please.";
  f.rating = 5;
  f.page = "/proposals/new";
  f.status = "in_review";
  f.admin_note = "Planned.";
  f.created_at = "2026-11-24T06:13:00Z";
  f.updated_at = "2026-11-24T08:00:00Z";
  f.version = 2;
  return f;
}

template <class T>
void expect_round_trip(const T& model) {
  auto item = to_item(model);
  ASSERT_TRUE(item.ok()) << item.error().detail;
  auto back = from_item<T>(item.value());
  ASSERT_TRUE(back.ok()) << back.error().detail;
  EXPECT_EQ(to_json_text(models::to_json(back.value())), to_json_text(models::to_json(model)));
}

std::set<std::string> names_of(const aws::Item& item) {
  std::set<std::string> names;
  for (const auto& [name, value] : item) names.insert(name);
  return names;
}

// ---- model -> item -> model --------------------------------------------------------------------

TEST(ItemCodecTest, UserProfileRoundTrips) {
  expect_round_trip(full_profile());
  expect_round_trip(minimal_profile());
}

TEST(ItemCodecTest, FeedbackRoundTrips) {
  expect_round_trip(feedback());
  auto plain = feedback();
  plain.rating.reset();
  plain.page.reset();
  plain.admin_note.reset();
  plain.status = "new";
  expect_round_trip(plain);
}

TEST(ItemCodecTest, PreferencesAndNestedObjectsRoundTrip) {
  models::UserPreferences prefs;
  prefs.user_id = "a1";
  prefs.language = "sw";
  prefs.notifications.digest = "off";
  prefs.notifications.email = false;
  prefs.updated_at = "2026-11-24T06:13:00Z";
  prefs.version = 7;
  expect_round_trip(prefs);
  const auto item = to_item(prefs);
  ASSERT_TRUE(item.ok());
  const auto* notifications = item->at("notifications").as_map();
  ASSERT_NE(notifications, nullptr) << "an object is stored as M";
  EXPECT_EQ(notifications->at("email"), AttributeValue::BOOL(false));
  EXPECT_EQ(notifications->at("digest"), AttributeValue::S("off"));
}

TEST(ItemCodecTest, EveryKindOfFieldRoundTrips) {
  models::TestProfile p;
  p.display_name = "Amina";
  p.role = "admin";
  p.age = 41;
  p.nickname = "Ami";
  p.address = {"Nairobi", "00100"};
  p.items = {{"seeds", 3}, {"tools", 99}};
  p.tags = {"a", "b"};
  p.scores = {{"x", -4}, {"y", 0}};
  p.created_at = "2026-11-24T06:13:00Z";
  p.email = "a@example.org";
  p.id = "01JD3ZQ6X4M8V2K9T5R7W1Y3B6";
  p.active = true;
  p.rating = 4.35;
  p.previous_address = models::TestAddress{"Mombasa", "80100"};
  auto item = to_item(p);
  ASSERT_TRUE(item.ok()) << item.error().detail;
  EXPECT_EQ(item->at("rating"), AttributeValue::N("4.35"));
  EXPECT_EQ(item->at("active"), AttributeValue::BOOL(true));
  ASSERT_NE(item->at("items").as_list(), nullptr);
  ASSERT_NE(item->at("scores").as_map(), nullptr);
  auto back = from_item<models::TestProfile>(item.value());
  ASSERT_TRUE(back.ok()) << back.error().detail;
  EXPECT_EQ(back.value(), p);
}

// ---- what an item holds ------------------------------------------------------------------------

TEST(ItemCodecTest, OneAttributePerFieldAndNothingElse) {
  const auto item = to_item(full_profile());
  ASSERT_TRUE(item.ok());
  EXPECT_EQ(names_of(item.value()),
            (std::set<std::string>{"id", "email", "display_name", "given_name", "family_name", "organisation",
                                   "job_title", "country", "bio", "expertise", "languages", "avatar_url",
                                   "phone", "created_at", "updated_at", "version"}));
  EXPECT_EQ(item->at("email"), AttributeValue::S("Amina.Otieno@example.org")) << "stored as given";
  EXPECT_EQ(item->at("version"), AttributeValue::N("3"));
  EXPECT_EQ(item->at("expertise"), AttributeValue::L({AttributeValue::S("drought early warning"),
                                                      AttributeValue::S("pastoral livelihoods")}));
}

TEST(ItemCodecTest, AbsentOptionalFieldsAreAbsentAttributes) {
  const auto item = to_item(minimal_profile());
  ASSERT_TRUE(item.ok());
  EXPECT_EQ(names_of(item.value()),
            (std::set<std::string>{"id", "email", "display_name", "expertise", "languages", "created_at",
                                   "updated_at", "version"}));
  EXPECT_EQ(item->at("expertise"), AttributeValue::L({})) << "an empty list is still a list";
}

TEST(ItemCodecTest, KeysAndHousekeepingAreNotTheModelsBusiness) {
  auto item = to_item(feedback());
  ASSERT_TRUE(item.ok());
  item->emplace("PK", AttributeValue::S("FEEDBACK#01JD3ZQ6X4M8V2K9T5R7W1Y3B6"));
  item->emplace("SK", AttributeValue::S("FEEDBACK"));
  item->emplace("GSI1PK", AttributeValue::S("FEEDBACK"));
  item->emplace("GSI2PK", AttributeValue::S("FEEDBACK#STATUS#in_review"));
  item->emplace("entity", AttributeValue::S("FEEDBACK"));
  item->emplace("expires_at", AttributeValue::N(1'800'000'000));
  const auto back = from_item<models::Feedback>(item.value());
  ASSERT_TRUE(back.ok()) << back.error().detail;
  EXPECT_EQ(back->status, "in_review");
}

TEST(ItemCodecTest, NullAttributesReadAsAbsentOptionals) {
  auto item = to_item(full_profile());
  ASSERT_TRUE(item.ok());
  item->insert_or_assign("bio", AttributeValue::NUL());
  const auto back = from_item<models::UserProfile>(item.value());
  ASSERT_TRUE(back.ok()) << back.error().detail;
  EXPECT_FALSE(back->bio.has_value());
}

// ---- nothing invalid is written ----------------------------------------------------------------

TEST(ItemCodecTest, AnInvalidModelIsNotWritten) {
  auto p = full_profile();
  p.display_name.clear();
  p.email = "not an email";
  p.country = "KEN";
  p.version = -1;
  const auto item = to_item(p);
  ASSERT_FALSE(item.ok()) << "an item was produced";
  EXPECT_EQ(item.error().code, ErrorCode::VALIDATION_FAILED);
  std::set<std::string> pointers;
  for (const auto& field : item.error().fields) pointers.insert(field.pointer);
  EXPECT_EQ(pointers, (std::set<std::string>{"/display_name", "/email", "/country", "/version"}))
      << "every bad field, each once";
}

TEST(ItemCodecTest, AnInvalidEnumOrRangeIsNotWritten) {
  auto f = feedback();
  f.category = "complaint";
  f.rating = 6;
  f.status = "done";
  const auto item = to_item(f);
  ASSERT_FALSE(item.ok());
  EXPECT_EQ(item.error().code, ErrorCode::VALIDATION_FAILED);
  EXPECT_EQ(item.error().fields.size(), 3U);
}

// ---- a stored item that does not fit is corrupt, not a client error -----------------------------

TEST(ItemCodecTest, AStoredAttributeOfTheWrongKindIsInternal) {
  hub::testing::LogCapture capture;
  auto item = to_item(full_profile());
  ASSERT_TRUE(item.ok());
  item->emplace("PK", AttributeValue::S("USER#2f6b1c3e"));
  item->emplace("SK", AttributeValue::S("PROFILE"));
  item->insert_or_assign("email", AttributeValue::N(42));
  item->insert_or_assign("version", AttributeValue::S("3"));
  const auto back = from_item<models::UserProfile>(item.value());
  ASSERT_FALSE(back.ok());
  EXPECT_EQ(back.error().code, ErrorCode::INTERNAL);
  EXPECT_TRUE(back.error().fields.empty()) << "nothing about the stored item reaches a client";
  EXPECT_EQ(back.error().detail.find("email"), std::string::npos);

  const auto logged = capture.sink().with_message("stored item does not match its model");
  ASSERT_EQ(logged.size(), 1U);
  EXPECT_EQ(logged[0].at("pk"), "USER#2f6b1c3e");
  EXPECT_EQ(logged[0].at("sk"), "PROFILE");
  const auto problems = std::string(logged[0].at("problems").as_string());
  EXPECT_NE(problems.find("/email"), std::string::npos) << problems;
  EXPECT_NE(problems.find("/version"), std::string::npos) << problems;
}

TEST(ItemCodecTest, AStoredItemMissingARequiredAttributeOrBreakingARuleIsInternal) {
  hub::testing::LogCapture capture;
  auto missing = to_item(feedback());
  ASSERT_TRUE(missing.ok());
  missing->erase("message");
  EXPECT_EQ(from_item<models::Feedback>(missing.value()).error().code, ErrorCode::INTERNAL);

  auto out_of_range = to_item(feedback());
  ASSERT_TRUE(out_of_range.ok());
  out_of_range->insert_or_assign("rating", AttributeValue::N(9));
  EXPECT_EQ(from_item<models::Feedback>(out_of_range.value()).error().code, ErrorCode::INTERNAL);

  auto number_for_list = to_item(full_profile());
  ASSERT_TRUE(number_for_list.ok());
  number_for_list->insert_or_assign("expertise", AttributeValue::N("1.5"));
  EXPECT_EQ(from_item<models::UserProfile>(number_for_list.value()).error().code, ErrorCode::INTERNAL);
  EXPECT_EQ(capture.sink().with_message("stored item does not match its model").size(), 3U);
}

// ---- numbers -----------------------------------------------------------------------------------

TEST(ItemCodecTest, IntegersKeepTheirExactValue) {
  for (const std::int64_t n :
       {std::int64_t{0}, std::int64_t{1}, std::int64_t{-1}, std::int64_t{9'007'199'254'740'993},
        std::numeric_limits<std::int64_t>::max(), std::numeric_limits<std::int64_t>::min()}) {
    const auto attribute = to_attribute(json::value(n));
    EXPECT_EQ(attribute, AttributeValue::N(std::to_string(n)));
    const auto back = to_json_value(attribute);
    ASSERT_TRUE(back.is_int64()) << n;
    EXPECT_EQ(back.get_int64(), n);
  }
}

TEST(ItemCodecTest, UnsignedIntegersAboveInt64KeepTheirExactValue) {
  for (const std::uint64_t n :
       {std::uint64_t{9'223'372'036'854'775'808U}, std::numeric_limits<std::uint64_t>::max()}) {
    const auto attribute = to_attribute(json::value(n));
    EXPECT_EQ(attribute, AttributeValue::N(std::to_string(n)));
    const auto back = to_json_value(attribute);
    ASSERT_TRUE(back.is_uint64()) << n;
    EXPECT_EQ(back.get_uint64(), n);
  }
}

TEST(ItemCodecTest, DoublesReadBackAsTheSameDouble) {
  // Within DynamoDB's range (magnitudes 1e-130 to 9.99e125, 38 digits; a double has 17).
  for (const double d : {0.1, -2.5, 4.35, 1.0 / 3.0, 6.02214076e23, 1e-7, 1e-130, 9.9e125, 123456.789}) {
    const auto attribute = to_attribute(json::value(d));
    ASSERT_NE(attribute.as_number(), nullptr);
    const auto back = to_json_value(attribute);
    ASSERT_TRUE(back.is_double()) << attribute.as_number()->text;
    EXPECT_EQ(back.get_double(), d) << attribute.as_number()->text;
  }
  EXPECT_EQ(to_attribute(json::value(0.1)), AttributeValue::N("0.1")) << "the shortest text";
  // A whole double is written without a fraction and reads back as an integer of the same value.
  EXPECT_EQ(to_attribute(json::value(3.0)), AttributeValue::N("3"));
  EXPECT_EQ(to_json_value(AttributeValue::N("3")), json::value(std::int64_t{3}));
}

TEST(ItemCodecTest, StoredNumberSpellingsAreRead) {
  EXPECT_EQ(to_json_value(AttributeValue::N("-17")), json::value(std::int64_t{-17}));
  EXPECT_EQ(to_json_value(AttributeValue::N("2.50")), json::value(2.5));
  EXPECT_EQ(to_json_value(AttributeValue::N("1E3")), json::value(1000.0));
  EXPECT_EQ(to_json_value(AttributeValue::N("18446744073709551616")), json::value(18446744073709551616.0))
      << "beyond uint64: a double";
}

// ---- other attribute kinds as JSON -------------------------------------------------------------

TEST(ItemCodecTest, SetsBecomeArrays) {
  EXPECT_EQ(to_json_value(AttributeValue::SS({"editor", "member"})), (json::array{"editor", "member"}));
  EXPECT_EQ(to_json_value(AttributeValue::NS({"1", "-2", "2.5"})), (json::array{1, -2, 2.5}));
  EXPECT_EQ(to_json_value(AttributeValue::BS({std::string("\x01\x02", 2), "ab"})),
            (json::array{std::string("\x01\x02", 2), "ab"}));
}

TEST(ItemCodecTest, OtherKindsAsJson) {
  EXPECT_EQ(to_json_value(AttributeValue::S("x")), json::value("x"));
  EXPECT_EQ(to_json_value(AttributeValue::BOOL(true)), json::value(true));
  EXPECT_TRUE(to_json_value(AttributeValue::NUL()).is_null());
  EXPECT_EQ(to_json_value(AttributeValue::B("raw")), json::value("raw"));
  EXPECT_EQ(to_json_value(AttributeValue::M(
                {{"a", AttributeValue::L({AttributeValue::N(1), AttributeValue::S("b")})}})),
            (json::object{{"a", json::array{1, "b"}}}));
  EXPECT_EQ(to_attribute(json::value(nullptr)), AttributeValue::NUL());
  EXPECT_EQ(to_attribute(json::value(false)), AttributeValue::BOOL(false));
}

// ---- lenient readers of housekeeping attributes --------------------------------------------------

TEST(ItemCodecTest, StringAndIntegerAttributes) {
  const aws::Item item{{"PK", AttributeValue::S("USER#a1")},
                       {"version", AttributeValue::N(12)},
                       {"ratio", AttributeValue::N("1.5")},
                       {"flag", AttributeValue::BOOL(true)}};
  EXPECT_EQ(string_attribute(item, "PK"), "USER#a1");
  EXPECT_FALSE(string_attribute(item, "version").has_value());
  EXPECT_FALSE(string_attribute(item, "missing").has_value());
  EXPECT_EQ(integer_attribute(item, "version"), 12);
  EXPECT_FALSE(integer_attribute(item, "ratio").has_value());
  EXPECT_FALSE(integer_attribute(item, "flag").has_value());
  EXPECT_FALSE(integer_attribute(item, "missing").has_value());
}

}  // namespace
}  // namespace hub::data
