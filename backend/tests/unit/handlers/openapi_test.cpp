#include <functional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "core/build_info.hpp"
#include "handlers/api.hpp"
#include "models/health.hpp"
#include "models/version.hpp"

namespace hub::handlers {
namespace {

using core::auth::Permission;

Result<http::Response> noop(const http::Request& /*request*/) { return http::Response::empty(204); }

// Every "$ref" anywhere in `v`.
void collect_refs(const json::value& v, std::vector<std::string>& out) {
  if (const auto* o = v.if_object()) {
    for (const auto& entry : *o) {
      if (entry.key() == "$ref" && entry.value().is_string()) out.emplace_back(entry.value().as_string());
      collect_refs(entry.value(), out);
    }
  } else if (const auto* a = v.if_array()) {
    for (const auto& item : *a) collect_refs(item, out);
  }
}

struct OpenApi : ::testing::Test {
  http::Router router;
  Api api{router};
  void SetUp() override {
    api.get<models::VersionInfo>("/version", "Version", "health", Access::public_route(), noop);
    api.get<models::HealthReport>("/health", "Health", "health", Access::public_route(), noop,
                                  {.errors = {503}});
    api.with_body<models::ComponentHealth, models::ComponentHealth>(
        "PUT", "/components/{name}", "Replace", "admin", Access::require(Permission::users_manage_roles), 200,
        noop, {.errors = {409, 412}});
    api.with_body<models::ComponentHealth, models::HealthReport>("POST", "/orgs/{org}/components", "Add",
                                                                 "admin", Access::public_route(), 201, noop);
  }
};

TEST_F(OpenApi, RegistersRoutesOnTheRouter) {
  const auto routes = router.routes();
  ASSERT_EQ(routes.size(), 4U);
  EXPECT_EQ(routes[2].method, "PUT");
  EXPECT_EQ(routes[2].path_template, "/components/{name}");
  EXPECT_EQ(routes[2].summary, "Replace");
  ASSERT_EQ(api.operations().size(), 4U);
  http::Request req;
  req.method = "PUT";
  req.path = "/components/storage";
  EXPECT_EQ(router.dispatch(req).status, 204);
}

TEST_F(OpenApi, DocumentShape) {
  const auto doc = openapi_document(api.operations());
  EXPECT_EQ(doc.at("openapi").as_string(), "3.1.0");
  EXPECT_EQ(doc.at("info").at("version").as_string(), core::build_info().version);
  EXPECT_FALSE(doc.at("info").at("title").as_string().empty());

  std::set<std::string> paths;
  for (const auto& p : doc.at("paths").as_object()) paths.emplace(p.key());
  EXPECT_EQ(paths,
            (std::set<std::string>{"/version", "/health", "/components/{name}", "/orgs/{org}/components"}));
  for (const auto& op : api.operations()) {
    std::string method = op.method;
    for (auto& c : method) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    EXPECT_TRUE(doc.at("paths").at(op.path).as_object().contains(method)) << op.method << " " << op.path;
  }

  const auto& schemas = doc.at("components").at("schemas").as_object();
  ASSERT_TRUE(schemas.contains("Problem"));
  EXPECT_TRUE(schemas.contains("ProblemField"));
  EXPECT_TRUE(schemas.contains("VersionInfo"));
  EXPECT_TRUE(schemas.contains("HealthReport"));
  EXPECT_TRUE(schemas.contains("ComponentHealth"));
}

TEST_F(OpenApi, EveryRefResolves) {
  const json::value doc = openapi_document(api.operations());
  std::vector<std::string> refs;
  collect_refs(doc, refs);
  ASSERT_FALSE(refs.empty());
  const auto& schemas = doc.at("components").at("schemas").as_object();
  constexpr std::string_view kPrefix = "#/components/schemas/";
  for (const auto& ref : refs) {
    ASSERT_TRUE(ref.starts_with(kPrefix)) << ref;
    const auto name = ref.substr(kPrefix.size());
    ASSERT_TRUE(schemas.contains(name)) << ref;
    EXPECT_TRUE(schemas.at(name).is_object()) << ref << " was reserved but never filled with a schema";
  }
}

TEST_F(OpenApi, OperationsDescribeParametersBodiesAndErrors) {
  const auto doc = openapi_document(api.operations());
  const auto& put = doc.at("paths").at("/components/{name}").at("put").as_object();
  EXPECT_EQ(put.at("summary").as_string(), "Replace");
  EXPECT_EQ(put.at("tags"), (json::array{"admin"}));
  EXPECT_EQ(put.at("parameters"),
            (json::array{json::object{
                {"name", "name"}, {"in", "path"}, {"required", true}, {"schema", {{"type", "string"}}}}}));
  EXPECT_EQ(put.at("requestBody").at("content").at("application/json").at("schema"),
            (json::object{{"$ref", "#/components/schemas/ComponentHealth"}}));
  std::set<std::string> statuses;
  for (const auto& r : put.at("responses").as_object()) statuses.emplace(r.key());
  EXPECT_EQ(statuses, (std::set<std::string>{"200", "400", "401", "403", "404", "405", "409", "412", "413",
                                             "415", "429", "431", "500", "503"}));
  for (const auto& r : put.at("responses").as_object()) {
    if (r.key() == "200") continue;
    EXPECT_EQ(r.value().at("content").at("application/problem+json").at("schema"),
              (json::object{{"$ref", "#/components/schemas/Problem"}}))
        << r.key();
    EXPECT_TRUE(r.value().at("headers").as_object().contains("X-Request-Id"));
  }

  const auto& post = doc.at("paths").at("/orgs/{org}/components").at("post").as_object();
  EXPECT_TRUE(post.at("responses").as_object().contains("201"));
  EXPECT_FALSE(post.at("responses").as_object().contains("200"));
  EXPECT_EQ(post.at("parameters").at(0).at("name").as_string(), "org");

  const auto& get = doc.at("paths").at("/version").at("get").as_object();
  EXPECT_FALSE(get.contains("requestBody"));
  EXPECT_FALSE(get.contains("parameters"));
  EXPECT_TRUE(get.at("responses").as_object().contains("400"));
  EXPECT_TRUE(doc.at("paths").at("/health").at("get").at("responses").as_object().contains("503"));
}

TEST_F(OpenApi, RoutesCarryTheirOperationsPermission) {
  const auto* put = router.find("PUT", "/components/x");
  ASSERT_NE(put, nullptr);
  EXPECT_EQ(put->permission, Permission::users_manage_roles);
  const auto* version = router.find("GET", "/version");
  ASSERT_NE(version, nullptr);
  EXPECT_FALSE(version->permission.has_value());
  EXPECT_TRUE(Access::public_route().is_public());
  EXPECT_EQ(Access::require(Permission::metrics_read).permission(), Permission::metrics_read);
}

TEST_F(OpenApi, TheBearerSchemeIsDeclared) {
  const auto doc = openapi_document(api.operations());
  const auto& scheme = doc.at("components").at("securitySchemes").at("bearerAuth").as_object();
  EXPECT_EQ(scheme.at("type").as_string(), "http");
  EXPECT_EQ(scheme.at("scheme").as_string(), "bearer");
  EXPECT_EQ(scheme.at("bearerFormat").as_string(), "JWT");
  EXPECT_FALSE(doc.contains("security")) << "each operation says for itself";
}

TEST_F(OpenApi, ProtectedOperationsNameTheSchemeThePermissionAnd401And403) {
  const auto doc = openapi_document(api.operations());
  const auto& put = doc.at("paths").at("/components/{name}").at("put").as_object();
  EXPECT_EQ(put.at("security"), (json::array{json::object{{"bearerAuth", json::array{}}}}));
  EXPECT_EQ(put.at("x-required-permission").as_string(), "users:manage-roles");
  for (const char* status : {"401", "403"}) {
    const auto& response = put.at("responses").at(status).as_object();
    EXPECT_EQ(response.at("content").at("application/problem+json").at("schema"),
              (json::object{{"$ref", "#/components/schemas/Problem"}}))
        << status;
    EXPECT_TRUE(response.at("headers").as_object().contains("WWW-Authenticate")) << status;
  }
  EXPECT_EQ(put.at("responses").at("401").at("description").as_string(), "Authentication required");
  EXPECT_EQ(put.at("responses").at("403").at("description").as_string(), "Forbidden");
}

TEST_F(OpenApi, PublicOperationsSayTheyNeedNoCredentials) {
  const auto doc = openapi_document(api.operations());
  for (const auto& [path, method] : {std::pair{"/version", "get"}, std::pair{"/health", "get"},
                                     std::pair{"/orgs/{org}/components", "post"}}) {
    const auto& op = doc.at("paths").at(path).at(method).as_object();
    EXPECT_EQ(op.at("security"), json::array{}) << path;
    EXPECT_FALSE(op.contains("x-required-permission")) << path;
    EXPECT_FALSE(op.at("responses").as_object().contains("401")) << path;
    EXPECT_FALSE(op.at("responses").as_object().contains("403")) << path;
  }
}

TEST_F(OpenApi, SuccessAnd429ResponsesDescribeTheRateLimitFields) {
  const auto doc = openapi_document(api.operations());
  for (const auto& path : doc.at("paths").as_object()) {
    for (const auto& op : path.value().as_object()) {
      SCOPED_TRACE(std::string(path.key()) + " " + std::string(op.key()));
      for (const auto& response : op.value().at("responses").as_object()) {
        const auto& headers = response.value().at("headers").as_object();
        const int status = std::stoi(std::string(response.key()));
        const bool counted_answer = status < 300 || status == 429;
        EXPECT_EQ(headers.contains("RateLimit-Policy"), counted_answer) << status;
        EXPECT_EQ(headers.contains("RateLimit"), counted_answer) << status;
        EXPECT_EQ(headers.contains("Retry-After"), status == 429) << status;
      }
      const auto& refused = op.value().at("responses").at("429").at("headers").as_object();
      EXPECT_EQ(refused.at("Retry-After").at("schema"), (json::object{{"type", "integer"}, {"minimum", 1}}));
      EXPECT_EQ(refused.at("RateLimit").at("schema"), (json::object{{"type", "string"}}));
      EXPECT_THAT(std::string(refused.at("RateLimit-Policy").at("description").as_string()),
                  ::testing::HasSubstr(R"("read";q=600;w=60)"));
      EXPECT_THAT(std::string(refused.at("RateLimit").at("description").as_string()),
                  ::testing::HasSubstr(R"("read";r=599;t=37)"));
    }
  }
  const auto& put = doc.at("paths").at("/components/{name}").at("put").at("responses").as_object();
  EXPECT_TRUE(put.at("200").at("headers").as_object().contains("RateLimit"));
  EXPECT_TRUE(doc.at("paths")
                  .at("/orgs/{org}/components")
                  .at("post")
                  .at("responses")
                  .at("201")
                  .at("headers")
                  .as_object()
                  .contains("RateLimit-Policy"));
}

TEST_F(OpenApi, OperationIdsAreUnique) {
  const auto doc = openapi_document(api.operations());
  std::set<std::string> ids;
  std::size_t count = 0;
  for (const auto& path : doc.at("paths").as_object()) {
    for (const auto& op : path.value().as_object()) {
      ids.emplace(op.value().at("operationId").as_string());
      ++count;
    }
  }
  EXPECT_EQ(ids.size(), count);
  EXPECT_TRUE(ids.contains("put_components__name_"));
}

}  // namespace
}  // namespace hub::handlers
