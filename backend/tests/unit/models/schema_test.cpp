#include <set>
#include <string>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <boost/json/parse.hpp>

#include "http/problem.hpp"
#include "models/codec.hpp"
#include "models/health.hpp"
#include "models/metrics.hpp"
#include "models/problem.hpp"
#include "models/schema.hpp"
#include "models/version.hpp"
#include "support/test_models.hpp"

namespace hub::models {
namespace {

using ::testing::UnorderedElementsAre;

std::set<std::string> strings_of(const json::value& array) {
  std::set<std::string> out;
  for (const auto& v : array.as_array()) out.emplace(v.as_string());
  return out;
}

TEST(Schema, ScalarsAndContainers) {
  SchemaRegistry r;
  EXPECT_EQ(r.schema<std::string>(), (json::object{{"type", "string"}}));
  EXPECT_EQ(r.schema<bool>(), (json::object{{"type", "boolean"}}));
  EXPECT_EQ(r.schema<int>(), (json::object{{"type", "integer"}}));
  EXPECT_EQ(r.schema<unsigned>(), (json::object{{"type", "integer"}, {"minimum", 0}}));
  EXPECT_EQ(r.schema<double>(), (json::object{{"type", "number"}}));
  EXPECT_EQ(r.schema<std::vector<std::string>>(),
            (json::object{{"type", "array"}, {"items", {{"type", "string"}}}}));
  EXPECT_EQ((r.schema<std::map<std::string, int>>()),
            (json::object{{"type", "object"}, {"additionalProperties", {{"type", "integer"}}}}));
  EXPECT_EQ(r.schema<std::optional<bool>>(), (json::object{{"type", "boolean"}}));
  EXPECT_TRUE(r.components().empty());
}

TEST(Schema, ModelsBecomeComponentsReferencedByRef) {
  SchemaRegistry r;
  EXPECT_EQ(r.schema<TestProfile>(), (json::object{{"$ref", "#/components/schemas/TestProfile"}}));
  // Asking again reuses the component.
  EXPECT_EQ(r.schema<TestProfile>(), (json::object{{"$ref", "#/components/schemas/TestProfile"}}));
  std::set<std::string> names;
  for (const auto& c : r.components()) names.emplace(c.key());
  EXPECT_EQ(names, (std::set<std::string>{"TestProfile", "TestAddress", "TestItem"}));

  const auto& profile = r.components().at("TestProfile").as_object();
  EXPECT_EQ(profile.at("type").as_string(), "object");
  EXPECT_EQ(profile.at("description").as_string(), "A member profile used by the codec tests.");
  EXPECT_EQ(profile.at("additionalProperties"), json::value(false));
  EXPECT_EQ(strings_of(profile.at("required")),
            (std::set<std::string>{"display_name", "role", "age", "address", "items", "tags", "scores",
                                   "created_at", "email", "id", "active", "rating"}));

  const auto& p = profile.at("properties").as_object();
  EXPECT_EQ(p.size(), 14U);
  EXPECT_EQ(p.at("display_name"), (json::object{{"type", "string"},
                                                {"description", "Shown to other members"},
                                                {"minLength", 2},
                                                {"maxLength", 10}}));
  EXPECT_EQ(p.at("role"), (json::object{{"type", "string"}, {"enum", json::array{"member", "admin"}}}));
  EXPECT_EQ(p.at("age").at("type").as_string(), "integer");
  EXPECT_EQ(p.at("age").at("minimum").to_number<double>(), 0.0);
  EXPECT_EQ(p.at("age").at("maximum").to_number<double>(), 150.0);
  EXPECT_EQ(p.at("nickname"), (json::object{{"type", "string"}, {"maxLength", 5}}));
  EXPECT_EQ(p.at("address"), (json::object{{"$ref", "#/components/schemas/TestAddress"},
                                           {"description", "Where the member lives"}}));
  EXPECT_EQ(p.at("items"),
            (json::object{{"type", "array"}, {"items", {{"$ref", "#/components/schemas/TestItem"}}}}));
  EXPECT_EQ(p.at("tags").at("maxItems").to_number<int>(), 3);
  EXPECT_EQ(p.at("scores"),
            (json::object{
                {"type", "object"}, {"additionalProperties", {{"type", "integer"}}}, {"maxProperties", 4}}));
  EXPECT_EQ(p.at("created_at"), (json::object{{"type", "string"}, {"format", "date-time"}}));
  EXPECT_EQ(p.at("email"), (json::object{{"type", "string"}, {"format", "email"}}));
  EXPECT_EQ(p.at("id").at("pattern").as_string(), "^[0-7][0-9A-HJKMNP-TV-Z]{25}$");
  EXPECT_EQ(p.at("active"), (json::object{{"type", "boolean"}}));
  EXPECT_EQ(p.at("rating").at("type").as_string(), "number");
  EXPECT_EQ(p.at("previous_address"), (json::object{{"$ref", "#/components/schemas/TestAddress"}}));

  const auto& item = r.components().at("TestItem").as_object();
  EXPECT_EQ(item.at("properties").at("quantity").at("minimum").to_number<double>(), 1.0);
  EXPECT_EQ(strings_of(item.at("required")), (std::set<std::string>{"name", "quantity"}));
}

TEST(Schema, RealModels) {
  SchemaRegistry r;
  (void)r.schema<HealthReport>();
  (void)r.schema<VersionInfo>();
  (void)r.schema<MetricsSnapshot>();
  (void)r.schema<Problem>();
  std::set<std::string> names;
  for (const auto& c : r.components()) names.emplace(c.key());
  EXPECT_EQ(names, (std::set<std::string>{"HealthReport", "ComponentHealth", "VersionInfo", "MetricsSnapshot",
                                          "RouteMetrics", "LatencyQuantiles", "OperationMetrics",
                                          "OperationErrors", "TableFigures", "IndexFigures", "Problem",
                                          "ProblemField", "RateLimitMetrics"}));
  const auto& problem = r.components().at("Problem").as_object();
  EXPECT_EQ(strings_of(problem.at("required")),
            (std::set<std::string>{"type", "title", "status", "detail", "code", "request_id"}));
  EXPECT_EQ(problem.at("properties").at("status").at("minimum").to_number<double>(), 400.0);
  EXPECT_EQ(problem.at("properties").at("errors").at("items"),
            (json::object{{"$ref", "#/components/schemas/ProblemField"}}));
  EXPECT_EQ(r.components().at("HealthReport").at("properties").at("status").at("enum"),
            (json::array{"ok", "failing"}));
  EXPECT_EQ(r.components().at("VersionInfo").at("properties").at("version").at("examples"),
            (json::array{"0.1.0"}));
  EXPECT_EQ(r.components().at("RouteMetrics").at("properties").at("status").at("additionalProperties"),
            (json::object{{"type", "integer"}, {"minimum", 0}}));
}

// What http/problem.cpp writes must be a valid models::Problem, for every code, with and
// without field errors, so the schema /openapi.json publishes is the truth.
TEST(ProblemInStep, ProblemResponseParsesAsTheProblemModel) {
  for (const auto& row : all_error_codes()) {
    SCOPED_TRACE(std::string(row.name));
    for (bool with_fields : {false, true}) {
      Error e = Error::make(row.code, with_fields ? "" : "Some detail.");
      if (with_fields) e.fields = {{"/a~1b", "is required"}, {"/query/limit", "must be an integer"}};
      for (std::string_view instance : {std::string_view{}, std::string_view{"/users/1"}}) {
        const auto response = http::problem_response(e, "01HREQID", instance);
        const auto parsed = from_json<Problem>(boost::json::parse(response.body));
        ASSERT_TRUE(parsed.ok()) << response.body << " -> " << parsed.error().fields.front().pointer << " "
                                 << parsed.error().fields.front().message;
        EXPECT_EQ(parsed->status, row.http_status);
        EXPECT_EQ(parsed->code, row.name);
        EXPECT_EQ(parsed->request_id, "01HREQID");
        EXPECT_EQ(parsed->instance.has_value(), !instance.empty());
        ASSERT_EQ(parsed->errors.has_value(), with_fields);
        if (with_fields) {
          ASSERT_EQ(parsed->errors->size(), 2U);
          EXPECT_EQ((*parsed->errors)[0].pointer, "/a~1b");
          EXPECT_EQ((*parsed->errors)[1].message, "must be an integer");
        }
      }
    }
  }
}

}  // namespace
}  // namespace hub::models
