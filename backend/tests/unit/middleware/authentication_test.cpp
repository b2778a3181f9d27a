// The authentication middleware: who may reach a protected route, what a refused caller is told
// and what is logged.
#include <memory>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "core/auth/permissions.hpp"
#include "core/config.hpp"
#include "core/log.hpp"
#include "core/metrics.hpp"
#include "middleware/authentication.hpp"
#include "middleware/standard_stack.hpp"
#include "support/capture_log.hpp"
#include "support/fake_auth.hpp"
#include "support/pipeline.hpp"

namespace hub::middleware {
namespace {

using core::auth::Permission;
using hub::testing::FakeAuth;
using hub::testing::json_body;
using hub::testing::LogCapture;
using hub::testing::request;
using ::testing::HasSubstr;
using ::testing::Not;

constexpr std::string_view kChallenge = R"(Bearer realm="innovation-hub")";
constexpr std::string_view kInvalidToken = R"(Bearer realm="innovation-hub", error="invalid_token")";
constexpr std::string_view kInsufficientScope =
    R"(Bearer realm="innovation-hub", error="insufficient_scope")";

std::string route_for(Permission permission) {
  return fmt::format("/perm/{}", core::auth::permission_name(permission));
}

// GET /public (public), GET /me (session:read: answers with request.user), POST /admin/items
// (metrics:read: says whether a body was parsed), and GET /perm/<name> for every permission.
std::shared_ptr<http::Router> rbac_router() {
  auto router = std::make_shared<http::Router>();
  router->add("GET", "/public", [](const http::Request& req) -> Result<http::Response> {
    return http::Response::json(200, json::object{{"has_user", req.user.has_value()}});
  });
  router->add(
      "GET", "/me",
      [](const http::Request& req) -> Result<http::Response> {
        core::logger().info("inside");
        json::array roles;
        for (const auto& role : req.user->roles) roles.emplace_back(role);
        return http::Response::json(200, json::object{{"user_id", req.user->user_id}, {"roles", roles}});
      },
      "Me", Permission::session_read);
  router->add(
      "POST", "/admin/items",
      [](const http::Request& req) -> Result<http::Response> {
        return http::Response::json(201, json::object{{"has_json", req.json.has_value()}});
      },
      "Create", Permission::metrics_read);
  for (const auto permission : core::auth::all_permissions()) {
    router->add(
        "GET", route_for(permission),
        [](const http::Request&) -> Result<http::Response> { return http::Response::empty(204); }, "",
        permission);
  }
  return router;
}

struct Authentication : ::testing::Test {
  FakeAuth auth;
  std::shared_ptr<http::Router> router = rbac_router();
  http::Pipeline pipeline{{std::make_shared<AuthenticationMiddleware>(auth.authenticator, router)}, router};

  [[nodiscard]] http::Response get(std::string path,
                                   const std::vector<std::string>& authorization = {}) const {
    auto req = request("GET", std::move(path));
    req.request_id = "rid-auth";
    for (const auto& value : authorization) req.headers.add("Authorization", value);
    return pipeline.handle(req);
  }
};

TEST_F(Authentication, MissingHeaderIs401WithABareChallenge) {
  LogCapture capture;
  const auto res = get("/me");
  EXPECT_EQ(res.status, 401);
  EXPECT_EQ(res.headers.get("WWW-Authenticate"), kChallenge) << "no error code without credentials";
  EXPECT_EQ(res.headers.get("Content-Type"), "application/problem+json");
  const auto body = json_body(res);
  EXPECT_EQ(body.at("code").as_string(), "UNAUTHENTICATED");
  EXPECT_EQ(body.at("request_id").as_string(), "rid-auth");
  EXPECT_FALSE(body.contains("errors"));
  EXPECT_EQ(auth.verifier->calls, 0);
  const auto logged = capture.sink().with_message("authentication failed");
  ASSERT_EQ(logged.size(), 1U);
  EXPECT_EQ(logged[0].at("level").as_string(), "WARNING");
  EXPECT_EQ(logged[0].at("reason").as_string(), "no Authorization header");
}

TEST_F(Authentication, MalformedHeadersAre401InvalidToken) {
  LogCapture quiet;
  for (const std::string& value :
       {std::string("Basic dXNlcjpwYXNz"), std::string("Bearer"), std::string("Bearer "),
        std::string("Bearer  good-admin"), std::string("Bearer good-admin extra"), std::string("good-admin"),
        std::string("Bearer\tgood-admin"), std::string("Token good-admin"), std::string("")}) {
    const auto res = get("/me", {value});
    EXPECT_EQ(res.status, 401) << "'" << value << "'";
    EXPECT_EQ(res.headers.get("WWW-Authenticate"), kInvalidToken) << "'" << value << "'";
    EXPECT_EQ(json_body(res).at("code").as_string(), "UNAUTHENTICATED");
  }
  EXPECT_EQ(auth.verifier->calls, 0) << "a malformed header never reaches the verifier";
}

TEST_F(Authentication, TheSchemeMatchesInAnyCase) {
  for (const std::string scheme : {"Bearer", "bearer", "BEARER", "bEaReR"}) {
    const auto res = get("/me", {scheme + " good-admin"});
    EXPECT_EQ(res.status, 200) << scheme;
  }
}

TEST_F(Authentication, TwoAuthorizationFieldsAre401EvenWhenBothAreGood) {
  LogCapture capture;
  const auto res = get("/me", {"Bearer good-admin", "Bearer good-admin"});
  EXPECT_EQ(res.status, 401);
  EXPECT_EQ(res.headers.get("WWW-Authenticate"), kInvalidToken);
  EXPECT_EQ(auth.verifier->calls, 0);
  const auto logged = capture.sink().with_message("authentication failed");
  ASSERT_EQ(logged.size(), 1U);
  EXPECT_EQ(logged[0].at("reason").as_string(), "/headers/authorization: must be sent once");
}

TEST_F(Authentication, TokensOutsideTheAuthorizationHeaderAreIgnored) {
  LogCapture quiet;
  auto in_query = request("GET", "/me");
  in_query.query_string = "access_token=good-admin";
  in_query.cookies = {"access_token=good-admin", "id_token=good-admin"};
  in_query.headers.add("Cookie", "access_token=good-admin");
  in_query.headers.add("X-Access-Token", "good-admin");
  const auto res = pipeline.handle(in_query);
  EXPECT_EQ(res.status, 401);
  EXPECT_EQ(res.headers.get("WWW-Authenticate"), kChallenge) << "no credentials were presented";
  EXPECT_EQ(auth.verifier->calls, 0);
}

TEST_F(Authentication, ARejectedTokenIsLoggedWithItsReasonButTheClientIsNotTold) {
  LogCapture capture;
  const auto res = get("/me", {"Bearer forged-token.abc"});
  EXPECT_EQ(res.status, 401);
  EXPECT_EQ(res.headers.get("WWW-Authenticate"), kInvalidToken);
  EXPECT_THAT(res.body, Not(HasSubstr("forged-token")));
  EXPECT_THAT(res.body, Not(HasSubstr("signature")));
  EXPECT_FALSE(json_body(res).contains("errors"));

  const auto logged = capture.sink().with_message("authentication failed");
  ASSERT_EQ(logged.size(), 1U);
  EXPECT_EQ(logged[0].at("level").as_string(), "WARNING");
  EXPECT_EQ(logged[0].at("method").as_string(), "GET");
  EXPECT_EQ(logged[0].at("route").as_string(), "/me");
  EXPECT_EQ(logged[0].at("reason").as_string(), "/signature: does not verify");
  EXPECT_THAT(capture.sink().all_text(), Not(HasSubstr("forged-token")));
}

TEST_F(Authentication, AnExpiredTokenSaysSo) {
  LogCapture quiet;
  const auto expired = get("/me", {"Bearer expired-token"});
  EXPECT_EQ(expired.status, 401);
  EXPECT_EQ(expired.headers.get("WWW-Authenticate"), kInvalidToken);
  EXPECT_THAT(std::string(json_body(expired).at("detail").as_string()), HasSubstr("expired"));

  const auto forged = get("/me", {"Bearer forged"});
  EXPECT_THAT(std::string(json_body(forged).at("detail").as_string()), Not(HasSubstr("expired")));
}

TEST_F(Authentication, TheHandlerSeesTheUserWithTheTablesRoles) {
  const auto admin = get("/me", {"Bearer good-admin"});
  ASSERT_EQ(admin.status, 200) << admin.body;
  EXPECT_EQ(json_body(admin).at("user_id").as_string(), "admin");
  EXPECT_EQ(json_body(admin).at("roles"), (json::array{"admin", "member"}));

  const auto someone = get("/me", {"Bearer good-someone"});
  ASSERT_EQ(someone.status, 200);
  EXPECT_EQ(json_body(someone).at("roles"), (json::array{"member"})) << "every signed-in user is a member";
}

TEST_F(Authentication, EveryRoleReachesExactlyWhatTheMatrixGrants) {
  LogCapture quiet;
  for (const std::string user : {"admin", "editor", "member"}) {
    const std::vector<std::string> roles =
        user == "member" ? std::vector<std::string>{"member"} : std::vector<std::string>{user, "member"};
    for (const auto permission : core::auth::all_permissions()) {
      const auto res = get(route_for(permission), {"Bearer good-" + user});
      const bool granted = core::auth::any_role_grants(roles, permission);
      EXPECT_EQ(res.status, granted ? 204 : 403) << user << " " << core::auth::permission_name(permission);
      if (!granted) {
        EXPECT_EQ(res.headers.get("WWW-Authenticate"), kInsufficientScope);
        EXPECT_EQ(json_body(res).at("code").as_string(), "FORBIDDEN");
      }
    }
  }
  EXPECT_EQ(get("/perm/metrics:read", {"Bearer good-member"}).status, 403);
  EXPECT_EQ(get("/perm/metrics:read", {"Bearer good-editor"}).status, 403);
  EXPECT_EQ(get("/perm/metrics:read", {"Bearer good-admin"}).status, 204);
}

TEST_F(Authentication, ADenialIsLoggedWithTheUserAndPermission) {
  LogCapture capture;
  const auto res = get("/perm/metrics:read", {"Bearer good-editor"});
  EXPECT_EQ(res.status, 403);
  const auto logged = capture.sink().with_message("permission denied");
  ASSERT_EQ(logged.size(), 1U);
  EXPECT_EQ(logged[0].at("user_id").as_string(), "editor");
  EXPECT_EQ(logged[0].at("permission").as_string(), "metrics:read");
  EXPECT_EQ(logged[0].at("route").as_string(), "/perm/metrics:read");
}

TEST_F(Authentication, PublicAndUnmatchedRoutesNeverLookAtTheToken) {
  const auto garbage = get("/public", {"Bearer !!garbage!!", "Basic abc"});
  EXPECT_EQ(garbage.status, 200);
  EXPECT_FALSE(json_body(garbage).at("has_user").as_bool()) << "public routes are anonymous";
  const auto good = get("/public", {"Bearer good-admin"});
  EXPECT_EQ(good.status, 200);
  EXPECT_FALSE(json_body(good).at("has_user").as_bool());
  EXPECT_EQ(get("/nowhere", {"Bearer garbage"}).status, 404);
  auto wrong_method = request("DELETE", "/me");
  EXPECT_EQ(pipeline.handle(wrong_method).status, 405) << "unmatched for the method: the router answers";
  EXPECT_EQ(auth.verifier->calls, 0);
  EXPECT_EQ(auth.roles->calls, 0);
}

TEST_F(Authentication, HeadOfAProtectedGetIsProtected) {
  LogCapture quiet;
  auto head = request("HEAD", "/me");
  EXPECT_EQ(pipeline.handle(head).status, 401);
  auto head_with_token = request("HEAD", "/me");
  head_with_token.headers.set("Authorization", "Bearer good-member");
  EXPECT_EQ(pipeline.handle(head_with_token).status, 200);
}

TEST_F(Authentication, ARoleLookupFailureIsPassedOnAndFailsClosed) {
  LogCapture quiet;
  const auto res = get("/me", {"Bearer good-broken"});
  EXPECT_EQ(res.status, 503);
  EXPECT_EQ(json_body(res).at("code").as_string(), "DEPENDENCY_UNAVAILABLE");
  EXPECT_FALSE(res.headers.contains("WWW-Authenticate")) << "the credentials were fine";
}

TEST_F(Authentication, LogLinesDuringTheRequestCarryTheUserId) {
  LogCapture capture;
  core::LogContext context;
  context.request_id = "rid-outer";
  {
    const core::ScopedLogContext scope(context);
    EXPECT_EQ(get("/me", {"Bearer good-editor"}).status, 200);
    EXPECT_EQ(core::current_log_context().user_id, "") << "the user id ends with the request";
  }
  const auto inside = capture.sink().with_message("inside");
  ASSERT_EQ(inside.size(), 1U);
  EXPECT_EQ(inside[0].at("user_id").as_string(), "editor");
  EXPECT_EQ(inside[0].at("request_id").as_string(), "rid-outer");
}

TEST(AuthenticationWithoutAuthenticator, ProtectedRoutesAre401AndAWarningIsLoggedOnce) {
  LogCapture capture;
  auto router = rbac_router();
  const http::Pipeline pipeline({std::make_shared<AuthenticationMiddleware>(nullptr, router)}, router);
  const auto warnings =
      capture.sink().with_message("authentication is not configured: every protected route answers 401");
  ASSERT_EQ(warnings.size(), 1U);
  EXPECT_EQ(warnings[0].at("level").as_string(), "WARNING");

  for (const std::string& authorization : {std::string(), std::string("Bearer good-admin")}) {
    auto req = request("GET", "/perm/metrics:read");
    if (!authorization.empty()) req.headers.set("Authorization", authorization);
    const auto res = pipeline.handle(req);
    EXPECT_EQ(res.status, 401);
    EXPECT_EQ(res.headers.get("WWW-Authenticate"), authorization.empty() ? kChallenge : kInvalidToken);
  }
  auto open = request("GET", "/public");
  EXPECT_EQ(pipeline.handle(open).status, 200);
  EXPECT_EQ(capture.sink()
                .with_message("authentication is not configured: every protected route answers 401")
                .size(),
            1U)
      << "logged at construction, not per request";
}

// ---- in the standard stack ------------------------------------------------------------------

constexpr std::string_view kOrigin = "https://hub.example.org";

struct StandardStackAuth : ::testing::Test {
  LogCapture capture;
  FakeAuth auth;
  core::MetricsRegistry metrics;
  std::shared_ptr<http::Router> router = rbac_router();
  std::unique_ptr<http::Pipeline> pipeline;

  void SetUp() override {
    core::Config config;
    config.cors_allowed_origins = {std::string(kOrigin)};
    config.max_body_bytes = 64;
    pipeline =
        std::make_unique<http::Pipeline>(standard_stack(config, metrics, auth.authenticator, router), router);
  }
};

TEST_F(StandardStackAuth, A401CarriesTheRequestIdSecurityAndCorsHeaders) {
  auto req = request("GET", "/me");
  req.headers.set("Origin", kOrigin);
  req.headers.set("X-Request-Id", "rid-401");
  const auto res = pipeline->handle(req);
  EXPECT_EQ(res.status, 401);
  EXPECT_EQ(res.headers.get("X-Request-Id"), "rid-401");
  EXPECT_EQ(json_body(res).at("request_id").as_string(), "rid-401");
  EXPECT_EQ(res.headers.get("Access-Control-Allow-Origin"), kOrigin);
  EXPECT_EQ(res.headers.get("X-Content-Type-Options"), "nosniff");
  EXPECT_EQ(res.headers.get("WWW-Authenticate"), kChallenge);
  const auto lines = capture.sink().with_message("request");
  ASSERT_EQ(lines.size(), 1U);
  EXPECT_EQ(lines[0].at("status").to_number<int>(), 401);
  EXPECT_FALSE(lines[0].contains("user_id"));
}

TEST_F(StandardStackAuth, APreflightToAProtectedRouteNeedsNoToken) {
  auto preflight = request("OPTIONS", "/admin/items");
  preflight.headers.set("Origin", kOrigin);
  preflight.headers.set("Access-Control-Request-Method", "POST");
  preflight.headers.set("Access-Control-Request-Headers", "authorization, content-type");
  const auto res = pipeline->handle(preflight);
  EXPECT_EQ(res.status, 204);
  EXPECT_EQ(res.headers.get("Access-Control-Allow-Origin"), kOrigin);
  EXPECT_EQ(auth.verifier->calls, 0);
}

TEST_F(StandardStackAuth, AnUnauthenticatedBodyIsNeverParsed) {
  for (const std::string& body : {std::string("{not json"), std::string(1000, 'x')}) {
    auto req = request("POST", "/admin/items");
    req.headers.set("Content-Type", "application/json");
    req.body = body;
    EXPECT_EQ(pipeline->handle(req).status, 401) << "not 400 or 413: the body was not looked at";
  }
  auto forbidden = request("POST", "/admin/items");
  forbidden.headers.set("Content-Type", "application/json");
  forbidden.headers.set("Authorization", "Bearer good-member");
  forbidden.body = "{not json";
  EXPECT_EQ(pipeline->handle(forbidden).status, 403);

  auto admin = request("POST", "/admin/items");
  admin.headers.set("Content-Type", "application/json");
  admin.headers.set("Authorization", "Bearer good-admin");
  admin.body = R"({"n":1})";
  const auto created = pipeline->handle(admin);
  EXPECT_EQ(created.status, 201);
  EXPECT_TRUE(json_body(created).at("has_json").as_bool());
}

TEST_F(StandardStackAuth, TheAccessLogNamesTheAuthenticatedUser) {
  auto req = request("GET", "/me");
  req.headers.set("Authorization", "Bearer good-editor");
  EXPECT_EQ(pipeline->handle(req).status, 200);
  auto denied = request("GET", "/perm/metrics:read");
  denied.headers.set("Authorization", "Bearer good-member");
  EXPECT_EQ(pipeline->handle(denied).status, 403);
  const auto lines = capture.sink().with_message("request");
  ASSERT_EQ(lines.size(), 2U);
  EXPECT_EQ(lines[0].at("user_id").as_string(), "editor");
  EXPECT_EQ(lines[1].at("user_id").as_string(), "member");
  EXPECT_EQ(lines[1].at("status").to_number<int>(), 403);
}

TEST_F(StandardStackAuth, NoLogLineEverContainsATokenOrTheAuthorizationValue) {
  // Tokens shaped so that the log redaction (which catches JWTs and "Bearer x") would not hide
  // them if they were ever written in another form.
  const std::vector<std::string> tokens{"good-admin.Zk9xU2VjcmV0", "good-member.UzNjcjN0UGFydA",
                                        "expired-token.RXhwaXJlZA", "forged-token.Rm9yZ2Vk"};
  for (const auto& token : tokens) {
    for (const std::string path : {"/me", "/perm/metrics:read", "/public", "/nowhere"}) {
      for (const std::string scheme : {"Bearer ", "bearer ", "Basic ", ""}) {
        auto req = request("GET", path);
        req.headers.add("Authorization", scheme + token);
        req.query_string = "access_token=" + token;
        (void)pipeline->handle(req);
      }
      auto twice = request("GET", path);
      twice.headers.add("Authorization", "Bearer " + token);
      twice.headers.add("Authorization", "Bearer " + token);
      (void)pipeline->handle(twice);
    }
  }
  const auto text = capture.sink().all_text();
  EXPECT_THAT(text, HasSubstr("authentication failed")) << "the failures were logged";
  EXPECT_THAT(text, HasSubstr(R"("user_id":"admin")")) << "the successes too";
  for (const auto& token : tokens) {
    const auto secret_part = token.substr(token.find('.') + 1);
    EXPECT_THAT(text, Not(HasSubstr(secret_part))) << token;
    EXPECT_THAT(text, Not(HasSubstr("Bearer " + token)));
  }
}

}  // namespace
}  // namespace hub::middleware
