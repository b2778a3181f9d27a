#include <stdexcept>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <boost/json/parse.hpp>

#include "http/router.hpp"
#include "support/capture_log.hpp"

namespace hub::http {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

Request make(std::string method, std::string path) {
  Request r;
  r.method = std::move(method);
  r.path = std::move(path);
  r.request_id = "rid-test";
  return r;
}

json::object body_of(const Response& r) { return boost::json::parse(r.body).as_object(); }

Result<Response> ok_text(std::string text) {
  Response r;
  r.body = std::move(text);
  return r;
}

struct RouterTest : ::testing::Test {
  Router router;
  void SetUp() override {
    router.add("GET", "/", [](const Request&) { return ok_text("root"); });
    router.add(
        "GET", "/users", [](const Request&) { return ok_text("list"); }, "List users");
    router.add("POST", "/users", [](const Request&) { return ok_text("create"); });
    router.add("GET", "/users/me", [](const Request&) { return ok_text("me"); });
    router.add("GET", "/users/{id}",
               [](const Request& r) { return ok_text("user " + std::string(*r.path_param("id"))); });
    router.add("DELETE", "/users/{id}", [](const Request&) { return ok_text("deleted"); });
    router.add("GET", "/orgs/{org}/members/{member}", [](const Request& r) {
      return ok_text(std::string(*r.path_param("org")) + "/" + std::string(*r.path_param("member")));
    });
  }
};

TEST_F(RouterTest, LiteralRoutes) {
  auto req = make("GET", "/users");
  const auto res = router.dispatch(req);
  EXPECT_EQ(res.status, 200);
  EXPECT_EQ(res.body, "list");
  EXPECT_EQ(req.route, "/users");
  EXPECT_TRUE(req.path_params.empty());

  auto root = make("GET", "/");
  EXPECT_EQ(router.dispatch(root).body, "root");
  EXPECT_EQ(root.route, "/");

  auto post = make("POST", "/users");
  EXPECT_EQ(router.dispatch(post).body, "create");
}

TEST_F(RouterTest, TemplatesExtractParameters) {
  auto req = make("GET", "/users/01HXYZ");
  const auto res = router.dispatch(req);
  EXPECT_EQ(res.status, 200);
  EXPECT_EQ(res.body, "user 01HXYZ");
  EXPECT_EQ(req.route, "/users/{id}");
  EXPECT_EQ(req.path_params, (std::vector<std::pair<std::string, std::string>>{{"id", "01HXYZ"}}));

  auto two = make("GET", "/orgs/igad/members/amina");
  EXPECT_EQ(router.dispatch(two).body, "igad/amina");
  EXPECT_EQ(two.route, "/orgs/{org}/members/{member}");
  EXPECT_EQ(two.path_param("org"), "igad");
  EXPECT_EQ(two.path_param("member"), "amina");
}

TEST_F(RouterTest, FirstRegisteredRouteWinsBetweenLiteralAndTemplate) {
  auto req = make("GET", "/users/me");
  EXPECT_EQ(router.dispatch(req).body, "me");
  EXPECT_EQ(req.route, "/users/me");
}

TEST_F(RouterTest, TrailingAndDuplicateSlashesAreIgnored) {
  for (const char* path : {"/users/", "//users", "/users//", "users"}) {
    auto req = make("GET", path);
    EXPECT_EQ(router.dispatch(req).body, "list") << path;
  }
  auto req = make("GET", "//users//7/");
  EXPECT_EQ(router.dispatch(req).body, "user 7");
  EXPECT_EQ(req.path_param("id"), "7");
}

TEST_F(RouterTest, UnknownPathIs404Problem) {
  for (const char* path : {"/nope", "/users/1/extra", "/orgs/igad/members"}) {
    auto req = make("GET", path);
    const auto res = router.dispatch(req);
    EXPECT_EQ(res.status, 404) << path;
    EXPECT_EQ(res.headers.get("Content-Type"), "application/problem+json");
    const auto body = body_of(res);
    EXPECT_EQ(body.at("code").as_string(), "NOT_FOUND");
    EXPECT_EQ(body.at("status").to_number<int>(), 404);
    EXPECT_EQ(body.at("request_id").as_string(), "rid-test");
    EXPECT_EQ(body.at("instance").as_string(), path);
    EXPECT_TRUE(req.route.empty()) << "an unmatched request has no route";
  }
}

TEST_F(RouterTest, WrongMethodIs405WithAllow) {
  auto req = make("PUT", "/users");
  const auto res = router.dispatch(req);
  EXPECT_EQ(res.status, 405);
  EXPECT_EQ(res.headers.get("Allow"), "GET, HEAD, POST");
  const auto body = body_of(res);
  EXPECT_EQ(body.at("code").as_string(), "METHOD_NOT_ALLOWED");
  EXPECT_EQ(body.at("status").to_number<int>(), 405);
  EXPECT_THAT(std::string(body.at("detail").as_string()), HasSubstr("PUT"));

  auto del = make("POST", "/users/9");
  const auto res2 = router.dispatch(del);
  EXPECT_EQ(res2.status, 405);
  EXPECT_EQ(res2.headers.get("Allow"), "GET, HEAD, DELETE");

  auto only_get = make("DELETE", "/orgs/a/members/b");
  EXPECT_EQ(router.dispatch(only_get).headers.get("Allow"), "GET, HEAD");
}

TEST_F(RouterTest, AConcretePathIsNotServedByTemplatesItAlsoMatches) {
  // "/users/me" matches GET /users/me and GET, DELETE /users/{id}: as in OpenAPI, the concrete path
  // owns it, so DELETE /users/me is not DELETE /users/{id} with id "me".
  auto put = make("PUT", "/users/me");
  const auto res = router.dispatch(put);
  EXPECT_EQ(res.status, 405);
  EXPECT_EQ(res.headers.get("Allow"), "GET, HEAD");
  auto del = make("DELETE", "/users/me");
  EXPECT_EQ(router.dispatch(del).status, 405);
  EXPECT_TRUE(del.route.empty());
}

TEST_F(RouterTest, AllowListsEachMethodOnceWhenSeveralTemplatesOwnThePath) {
  router.add("GET", "/orgs/{org}/members/all", [](const Request&) { return ok_text("org members"); });
  router.add("GET", "/orgs/igad/members/{member}", [](const Request&) { return ok_text("igad member"); });
  auto req = make("PUT", "/orgs/igad/members/all");
  const auto res = router.dispatch(req);
  EXPECT_EQ(res.status, 405);
  EXPECT_EQ(res.headers.get("Allow"), "GET, HEAD");
}

TEST_F(RouterTest, HeadIsServedByTheGetRoute) {
  auto req = make("HEAD", "/users/5");
  const auto res = router.dispatch(req);
  EXPECT_EQ(res.status, 200);
  EXPECT_EQ(req.route, "/users/{id}");
  EXPECT_EQ(req.path_param("id"), "5");

  auto head_post_only = make("HEAD", "/nope");
  EXPECT_EQ(router.dispatch(head_post_only).status, 404);
}

TEST_F(RouterTest, FindNamesTheRouteDispatchWouldCallWithoutCallingIt) {
  router.add(
      "GET", "/admin/stats", [](const Request&) -> Result<Response> { throw std::logic_error("not called"); },
      "Stats", core::auth::Permission::metrics_read);

  const auto* stats = router.find("GET", "/admin/stats");
  ASSERT_NE(stats, nullptr);
  EXPECT_EQ(stats->path_template, "/admin/stats");
  EXPECT_EQ(stats->summary, "Stats");
  EXPECT_EQ(stats->permission, core::auth::Permission::metrics_read);

  const auto* user = router.find("GET", "/users/42");
  ASSERT_NE(user, nullptr);
  EXPECT_EQ(user->method, "GET");
  EXPECT_EQ(user->path_template, "/users/{id}");
  EXPECT_FALSE(user->permission.has_value()) << "a route added without a permission is public";

  // The literal route registered first wins, as in dispatch.
  ASSERT_NE(router.find("GET", "/users/me"), nullptr);
  EXPECT_EQ(router.find("GET", "/users/me")->path_template, "/users/me");
  EXPECT_EQ(router.find("DELETE", "/users/me"), nullptr) << "/users/me is not /users/{id}";
  EXPECT_EQ(router.find("GET", "//users//7/")->path_template, "/users/{id}") << "empty segments ignored";
}

TEST_F(RouterTest, FindMapsHeadToTheGetRoute) {
  const auto* head = router.find("HEAD", "/orgs/a/members/b");
  ASSERT_NE(head, nullptr);
  EXPECT_EQ(head->method, "GET");
  EXPECT_EQ(head->path_template, "/orgs/{org}/members/{member}");
}

TEST_F(RouterTest, FindIsNullWhenNothingMatchesThatMethod) {
  EXPECT_EQ(router.find("GET", "/nope"), nullptr) << "404";
  EXPECT_EQ(router.find("PUT", "/users/5"), nullptr) << "405: the path exists for other methods only";
  EXPECT_EQ(router.find("HEAD", "/users/5/x"), nullptr);
  EXPECT_EQ(router.find("get", "/users"), nullptr) << "methods are matched as the transport gives them";
  EXPECT_EQ(router.find("OPTIONS", "/users"), nullptr);
}

TEST_F(RouterTest, DuplicateRegistrationThrows) {
  EXPECT_THROW(router.add("GET", "/users", [](const Request&) { return ok_text(""); }), std::logic_error);
  EXPECT_THROW(router.add("GET", "/users/{id}", [](const Request&) { return ok_text(""); }),
               std::logic_error);
  EXPECT_NO_THROW(router.add("PATCH", "/users/{id}", [](const Request&) { return ok_text(""); }));
}

TEST_F(RouterTest, RoutesAreListedWithSummaries) {
  const auto routes = router.routes();
  ASSERT_EQ(routes.size(), 7U);
  EXPECT_EQ(routes[1].method, "GET");
  EXPECT_EQ(routes[1].path_template, "/users");
  EXPECT_EQ(routes[1].summary, "List users");
  EXPECT_EQ(routes[4].path_template, "/users/{id}");
}

TEST(Router, HandlerErrorBecomesProblemWithItsCodeStatusAndFields) {
  Router router;
  router.add("POST", "/things/{id}", [](const Request&) -> Result<Response> {
    return Error::validation({{"/name", "must not be empty"}, {"/tags/2", "must be a string, not a number"}},
                             "The thing is invalid.");
  });
  router.add("GET", "/things/{id}", [](const Request& r) -> Result<Response> {
    auto id = r.path_param_as<int>("id");
    if (!id) return std::move(id).error();
    return Error::make(ErrorCode::VERSION_CONFLICT, "");
  });
  auto post = make("POST", "/things/1");
  const auto res = router.dispatch(post);
  EXPECT_EQ(res.status, 400);
  const auto body = body_of(res);
  EXPECT_EQ(body.at("code").as_string(), "VALIDATION_FAILED");
  EXPECT_EQ(body.at("detail").as_string(), "The thing is invalid.");
  EXPECT_EQ(
      body.at("errors"),
      (json::array{json::object{{"pointer", "/name"}, {"message", "must not be empty"}},
                   json::object{{"pointer", "/tags/2"}, {"message", "must be a string, not a number"}}}));

  auto bad_param = make("GET", "/things/abc");
  const auto res2 = router.dispatch(bad_param);
  EXPECT_EQ(res2.status, 400);
  EXPECT_EQ(body_of(res2).at("code").as_string(), "INVALID_PARAMETER");
  EXPECT_EQ(body_of(res2).at("errors").at(0).at("pointer").as_string(), "/path/id");

  auto conflict = make("GET", "/things/3");
  const auto res3 = router.dispatch(conflict);
  EXPECT_EQ(res3.status, 409);
  EXPECT_EQ(body_of(res3).at("code").as_string(), "VERSION_CONFLICT");
  EXPECT_EQ(body_of(res3).at("detail").as_string(), info(ErrorCode::VERSION_CONFLICT).meaning);
}

TEST(Router, ThrowingHandlerIs500WithoutTheExceptionTextWhichIsLogged) {
  hub::testing::LogCapture capture;
  Router router;
  router.add("GET", "/boom", [](const Request&) -> Result<Response> {
    throw std::runtime_error("db password=hunter2 at table Users");
  });
  router.add("GET", "/boom2", [](const Request&) -> Result<Response> { throw 42; });
  auto req = make("GET", "/boom");
  const auto res = router.dispatch(req);
  EXPECT_EQ(res.status, 500);
  EXPECT_EQ(res.headers.get("Content-Type"), "application/problem+json");
  EXPECT_THAT(res.body, Not(HasSubstr("hunter2")));
  EXPECT_THAT(res.body, Not(HasSubstr("runtime_error")));
  EXPECT_THAT(res.body, Not(HasSubstr("table Users")));
  const auto body = body_of(res);
  EXPECT_EQ(body.at("code").as_string(), "INTERNAL");
  EXPECT_EQ(body.at("request_id").as_string(), "rid-test");

  const auto logged = capture.sink().with_message("unhandled exception in handler");
  ASSERT_EQ(logged.size(), 1U) << capture.sink().all_text();
  EXPECT_EQ(logged[0].at("level").as_string(), "ERROR");
  EXPECT_EQ(logged[0].at("error").as_string(), "db password=hunter2 at table Users");
  EXPECT_THAT(std::string(logged[0].at("exception").as_string()), HasSubstr("runtime_error"));
  EXPECT_EQ(logged[0].at("route").as_string(), "/boom");
  EXPECT_EQ(logged[0].at("method").as_string(), "GET");

  auto req2 = make("GET", "/boom2");
  EXPECT_EQ(router.dispatch(req2).status, 500);
  EXPECT_EQ(capture.sink().with_message("unhandled non-standard exception in handler").size(), 1U);
}

}  // namespace
}  // namespace hub::http
