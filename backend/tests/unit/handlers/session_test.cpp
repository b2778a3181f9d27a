// GET /auth/session: the caller's own context, for the frontend.
#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <boost/json/parse.hpp>

#include "handlers/api.hpp"
#include "handlers/auth/session_routes.hpp"
#include "middleware/authentication.hpp"
#include "models/codec.hpp"
#include "models/session.hpp"
#include "support/capture_log.hpp"
#include "support/fake_auth.hpp"

namespace hub::handlers::auth {
namespace {

using hub::testing::LogCapture;

core::auth::UserContext access_token_user() {
  return core::auth::UserContext{.user_id = "0f1e2d3c-sub",
                                 .username = "amina",
                                 .email = "",
                                 .roles = {"editor", "member"},
                                 .token_use = "access",
                                 .client_id = "web-client",
                                 .scopes = {"openid", "profile"},
                                 .token_groups = {"editor"},
                                 .expires_at = testing::kTokenExpiry};
}

TEST(SessionOf, CarriesTheContextWithPermissionNamesAndAnRfc3339Expiry) {
  const auto session = session_of(access_token_user());
  EXPECT_EQ(session.user_id, "0f1e2d3c-sub");
  EXPECT_EQ(session.username, "amina");
  EXPECT_EQ(session.email, "");
  EXPECT_EQ(session.roles, (std::vector<std::string>{"editor", "member"}));
  EXPECT_EQ(session.permissions,
            (std::vector<std::string>{"session:read", "profile:own", "activity:read-own", "feedback:create",
                                      "content:publish", "feedback:read"}));
  EXPECT_EQ(session.token_use, "access");
  EXPECT_EQ(session.client_id, "web-client");
  EXPECT_EQ(session.scopes, (std::vector<std::string>{"openid", "profile"}));
  EXPECT_EQ(session.expires_at, "2030-03-17T17:46:40.000Z");
  EXPECT_TRUE(models::validate(session).ok());
}

TEST(SessionOf, AnAdminHasEveryPermissionAndAMemberTheBasics) {
  auto admin = access_token_user();
  admin.roles = {"admin", "member"};
  EXPECT_EQ(session_of(admin).permissions.size(), core::auth::all_permissions().size());
  auto member = access_token_user();
  member.roles = {"member"};
  EXPECT_EQ(
      session_of(member).permissions,
      (std::vector<std::string>{"session:read", "profile:own", "activity:read-own", "feedback:create"}));
}

TEST(SessionOf, AnExpiryBeyondWhatATimePointHoldsDoesNotOverflow) {
  auto user = access_token_user();
  user.expires_at = 253'402'300'799;  // 9999-12-31T23:59:59Z, the verifier's upper bound
  const auto session = session_of(user);
  EXPECT_TRUE(session.expires_at.starts_with("2262-")) << session.expires_at;
  user.expires_at = 0;
  EXPECT_EQ(session_of(user).expires_at, "1970-01-01T00:00:00.000Z");
}

struct SessionRoute : ::testing::Test {
  testing::FakeAuth auth;
  std::shared_ptr<http::Router> router = std::make_shared<http::Router>();
  Api api{*router};
  std::unique_ptr<http::Pipeline> pipeline;

  void SetUp() override {
    register_session_routes(api);
    pipeline = std::make_unique<http::Pipeline>(
        std::vector<std::shared_ptr<const http::Middleware>>{
            std::make_shared<middleware::AuthenticationMiddleware>(auth.authenticator, router)},
        router);
  }
  [[nodiscard]] http::Response get(const std::string& authorization) const {
    http::Request r;
    r.method = "GET";
    r.path = "/auth/session";
    r.request_id = "rid-s";
    if (!authorization.empty()) r.headers.set("Authorization", authorization);
    return pipeline->handle(r);
  }
};

TEST_F(SessionRoute, ReturnsTheCallersSession) {
  const auto res = get("Bearer good-editor");
  ASSERT_EQ(res.status, 200) << res.body;
  EXPECT_EQ(res.headers.get("Content-Type"), "application/json");
  const auto session = models::from_json<models::Session>(boost::json::parse(res.body));
  ASSERT_TRUE(session.ok()) << res.body;
  EXPECT_EQ(session->user_id, "editor");
  EXPECT_EQ(session->username, "editor-name");
  EXPECT_EQ(session->email, "editor@example.org");
  EXPECT_EQ(session->roles, (std::vector<std::string>{"editor", "member"}));
  EXPECT_EQ(session->token_use, "id");
  EXPECT_EQ(session->client_id, "client-1");
  EXPECT_TRUE(session->scopes.empty());
  EXPECT_EQ(session->expires_at, "2030-03-17T17:46:40.000Z");
  EXPECT_NE(std::find(session->permissions.begin(), session->permissions.end(), "content:publish"),
            session->permissions.end());
  EXPECT_EQ(res.body.find("good-editor"), std::string::npos) << "never the token";
}

TEST_F(SessionRoute, EverySignedInUserMayReadTheirSession) {
  const auto res = get("Bearer good-newcomer");
  ASSERT_EQ(res.status, 200);
  const auto session = models::from_json<models::Session>(boost::json::parse(res.body));
  ASSERT_TRUE(session.ok()) << res.body;
  EXPECT_EQ(session->roles, (std::vector<std::string>{"member"}));
}

TEST_F(SessionRoute, WithoutCredentialsIs401) {
  LogCapture quiet;
  EXPECT_EQ(get("").status, 401);
  EXPECT_EQ(get("Bearer forged").status, 401);
}

TEST_F(SessionRoute, TheContractDescribesTheSessionAndItsPermission) {
  const auto doc = openapi_document(api.operations());
  const auto& op = doc.at("paths").at("/auth/session").at("get").as_object();
  EXPECT_EQ(op.at("x-required-permission").as_string(), "session:read");
  EXPECT_EQ(op.at("responses").at("200").at("content").at("application/json").at("schema"),
            (json::object{{"$ref", "#/components/schemas/Session"}}));
  const auto& schema = doc.at("components").at("schemas").at("Session").as_object();
  EXPECT_EQ(schema.at("properties").at("expires_at").at("format").as_string(), "date-time");
  EXPECT_EQ(schema.at("properties").at("token_use").at("enum"), (json::array{"id", "access"}));
}

}  // namespace
}  // namespace hub::handlers::auth
