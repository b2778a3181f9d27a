// The feedback request models: unknown fields, the app_path format, and the schema pattern that
// must say exactly what the code accepts (schemathesis generates from the pattern).
#include <random>
#include <regex>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "models/codec.hpp"
#include "models/feedback_requests.hpp"
#include "models/schema.hpp"

namespace hub::models {
namespace {

bool page_accepted(const std::string& page) {
  return from_json<FeedbackSubmission>(json::object{{"category", "idea"}, {"message", "m"}, {"page", page}})
      .ok();
}

std::string page_pattern() {
  SchemaRegistry registry;
  (void)registry.schema<FeedbackSubmission>();
  return std::string(
      registry.components().at("FeedbackSubmission").at("properties").at("page").at("pattern").as_string());
}

TEST(FeedbackSubmission, FieldsTheServerSetsAreUnknownFields) {
  const auto refused = from_json<FeedbackSubmission>(json::object{{"category", "bug"},
                                                                  {"message", "m"},
                                                                  {"user_id", "u"},
                                                                  {"status", "resolved"},
                                                                  {"id", "x"},
                                                                  {"version", 2}});
  ASSERT_FALSE(refused.ok());
  std::vector<FieldError> expected{{"/user_id", "is not a known field"},
                                   {"/status", "is not a known field"},
                                   {"/id", "is not a known field"},
                                   {"/version", "is not a known field"}};
  EXPECT_EQ(refused.error().fields, expected);
}

TEST(FeedbackSubmission, CategoriesAndStatusesAreTheStoredModelsOwn) {
  EXPECT_EQ(rule_for<FeedbackSubmission>("category")->allowed, rule_for<Feedback>("category")->allowed);
  EXPECT_EQ(rule_for<FeedbackStatusChange>("status")->allowed, rule_for<Feedback>("status")->allowed);
}

TEST(AppPathFormat, AcceptsPathsWithinTheAppOnly) {
  for (const auto* page :
       {"/", "/resources/new", "/users?role=admin&page=2#top", "/a/b/c/", "/café", "/%2F%2F"}) {
    EXPECT_TRUE(page_accepted(page)) << page;
  }
  for (const auto* page : {"", "resources", "//evil.example", "https://hub.example/", "/a b", "/a\tb",
                           "/a\nb", "/\\evil.example", "/a\\b", "/a\x7f", "/\x01"}) {
    EXPECT_FALSE(page_accepted(page)) << page;
  }
}

TEST(AppPathFormat, TheSchemaPatternAgreesWithTheCodeOnEveryString) {
  const std::regex pattern(page_pattern(), std::regex::ECMAScript);
  const std::vector<std::string> alphabet{"/", "\\", " ", "\t", "\x7f", "\x01", "a",
                                          "?", "#",  "é", "%",  ":",    "."};
  // NOLINTNEXTLINE(cert-msc32-c,cert-msc51-cpp): a fixed seed, so every run tries the same strings
  std::mt19937 random(20261124);
  std::uniform_int_distribution<std::size_t> length(0, 6);
  std::uniform_int_distribution<std::size_t> pick(0, alphabet.size() - 1);
  for (int i = 0; i < 5000; ++i) {
    std::string page;
    for (std::size_t n = length(random); n > 0; --n) page += alphabet[pick(random)];
    EXPECT_EQ(std::regex_search(page, pattern), page_accepted(page)) << '"' << page << '"';
  }
}

TEST(AppPathFormat, TheStoredModelDeclaresItToo) {
  EXPECT_EQ(rule_for<Feedback>("page")->string_format, Format::app_path);
  EXPECT_EQ(rule_for<FeedbackSubmission>("page")->max_len, 2048U);
}

}  // namespace
}  // namespace hub::models
