// The API Gateway Lambda authorizer: handlers::auth::authorize over a real Authenticator with
// small fakes of the verifier and the role source, fed the shared 2.0 authorizer fixture, and
// the Lambda handler's routing of authorizer events versus HTTP API events.
#include <map>
#include <memory>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "core/auth/authenticator.hpp"
#include "fixtures.hpp"
#include "handlers/auth/authorizer.hpp"
#include "loop_test_support.hpp"
#include "runtime/lambda/apigw_event.hpp"
#include "runtime/lambda/apigw_handler.hpp"

namespace hub::runtime::lambda {
namespace {

using core::auth::Authenticator;
using core::auth::UserContext;
using test_support::apigw_fixture_object;
using test_support::parse_object;

constexpr std::string_view kFixture = "apigw-v2-custom-authorizer-v2-request.json";
constexpr std::string_view kAdminToken = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhZG1pbiJ9.c2lnbmF0dXJl";
constexpr std::string_view kOrphanToken = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJvcnBoYW4ifQ.c2lnbmF0dXJl";

UserContext user(std::string_view sub) {
  UserContext context;
  context.user_id = sub;
  context.token_use = "id";
  return context;
}

// Knows two tokens; every other one is rejected the way a verifier names what was wrong.
class FakeVerifier final : public core::auth::TokenVerifier {
 public:
  Result<UserContext> verify(std::string_view token) const override {
    if (token == kAdminToken) return user("sub-admin");
    if (token == kOrphanToken) return user("sub-orphan");
    return Error{
        ErrorCode::UNAUTHENTICATED, "The bearer token is not valid.", {{"/payload/exp", "has passed"}}, {}};
  }
};

// The table's roles; reading the roles of "sub-orphan" fails.
class FakeRoles final : public core::auth::RoleSource {
 public:
  Result<std::vector<std::string>> roles_of(std::string_view user_id) const override {
    if (user_id == "sub-orphan") return Error::make(ErrorCode::DEPENDENCY_UNAVAILABLE, "table unreachable");
    return std::vector<std::string>{"admin"};
  }
};

Authenticator make_authenticator() {
  return Authenticator{std::make_shared<FakeVerifier>(), std::make_shared<FakeRoles>()};
}

// The shared fixture, with an Authorization header when `authorization` is not empty.
json::object authorizer_event(std::string_view authorization) {
  auto event = apigw_fixture_object(kFixture);
  if (!authorization.empty()) event["headers"].as_object()["authorization"] = authorization;
  return event;
}

http::Request request_of(const json::object& event) {
  auto request = request_from_apigw_json(event);
  EXPECT_TRUE(request.ok());
  return request ? std::move(request).value() : http::Request{};
}

class AuthorizerTest : public test_support::WithFakeRuntimeApi {
 protected:
  Authenticator authenticator_ = make_authenticator();
};

TEST_F(AuthorizerTest, TheSharedFixtureIsAnAuthorizerEventAndPlainEventsAreNot) {
  EXPECT_TRUE(is_authorizer_event(apigw_fixture_object(kFixture)));
  for (const auto* name : {"apigw-v2-request-no-authorizer.json", "apigw-v2-request-lambda-authorizer.json",
                           "apigw-v2-request-jwt-authorizer.json", "apigw-v2-request-iam.json"}) {
    EXPECT_FALSE(is_authorizer_event(apigw_fixture_object(name))) << name;
  }
  auto without_arn = apigw_fixture_object(kFixture);
  without_arn.erase("routeArn");
  EXPECT_FALSE(is_authorizer_event(without_arn));
  auto version_one = apigw_fixture_object(kFixture);
  version_one["version"] = "1.0";
  EXPECT_FALSE(is_authorizer_event(version_one));
  EXPECT_FALSE(is_authorizer_event(json::value("REQUEST")));
}

TEST_F(AuthorizerTest, AValidTokenIsAuthorizedWithTheUserIdAndCommaJoinedRoles) {
  const auto answer = handlers::auth::authorize(
      authenticator_, request_of(authorizer_event(fmt::format("Bearer {}", kAdminToken))));
  EXPECT_EQ(answer,
            (json::object{{"isAuthorized", true},
                          {"context", json::object{{"user_id", "sub-admin"}, {"roles", "admin,member"}}}}));
}

TEST_F(AuthorizerTest, EveryFailureIsAPlainDenial) {
  const json::object denied{{"isAuthorized", false}};
  EXPECT_EQ(handlers::auth::authorize(authenticator_, request_of(authorizer_event(""))), denied)
      << "no header";
  EXPECT_EQ(handlers::auth::authorize(authenticator_, request_of(authorizer_event("Bearer a.b.c"))), denied)
      << "a token the verifier rejects";
  EXPECT_EQ(handlers::auth::authorize(authenticator_,
                                      request_of(authorizer_event(fmt::format("Basic {}", kAdminToken)))),
            denied)
      << "another scheme";
  EXPECT_EQ(handlers::auth::authorize(authenticator_,
                                      request_of(authorizer_event(fmt::format("Bearer {}", kOrphanToken)))),
            denied)
      << "roles that cannot be read: fail closed";
}

TEST_F(AuthorizerTest, DenialsAreLoggedWithTheirReasonAndNeverTheToken) {
  (void)handlers::auth::authorize(authenticator_, request_of(authorizer_event("Bearer a.b.c")));
  (void)handlers::auth::authorize(authenticator_,
                                  request_of(authorizer_event(fmt::format("Bearer {}", kOrphanToken))));
  (void)handlers::auth::authorize(authenticator_,
                                  request_of(authorizer_event(fmt::format("Bearer {}", kAdminToken))));
  const auto lines = sink_->lines();
  ASSERT_EQ(lines.size(), 4U);
  EXPECT_EQ(lines[0].at("error_code"), "UNAUTHENTICATED");
  EXPECT_EQ(lines[0].at("reasons"), (json::array{"/payload/exp has passed"}));
  // The authenticator names the caller whose roles could not be read; the authorizer, the denial.
  EXPECT_EQ(lines[1].at("message"), "roles could not be read");
  EXPECT_TRUE(lines[1].contains("user_id"));
  EXPECT_EQ(lines[2].at("error_code"), "DEPENDENCY_UNAVAILABLE");
  EXPECT_EQ(lines[2].at("level"), "WARNING");
  EXPECT_EQ(lines[3].at("user_id"), "sub-admin");
  EXPECT_EQ(lines[3].at("roles"), "admin,member");
  for (const auto& line : lines) {
    const auto text = to_json_text(line);
    EXPECT_EQ(text.find(kAdminToken), std::string::npos) << text;
    EXPECT_EQ(text.find(kOrphanToken), std::string::npos) << text;
    EXPECT_EQ(text.find("a.b.c"), std::string::npos) << text;
  }
}

TEST_F(AuthorizerTest, TheLambdaHandlerSendsAuthorizerEventsToTheAuthorizerAndTheRestToThePipeline) {
  const auto pipeline = test_support::hello_pipeline();
  const auto handler = make_apigw_handler(*pipeline, [this](const http::Request& request) {
    return handlers::auth::authorize(authenticator_, request);
  });

  auto allowed = handler(to_json_text(authorizer_event(fmt::format("Bearer {}", kAdminToken))), Invocation{});
  ASSERT_TRUE(allowed.ok());
  EXPECT_EQ(parse_object(*allowed),
            (json::object{{"isAuthorized", true},
                          {"context", json::object{{"user_id", "sub-admin"}, {"roles", "admin,member"}}}}));
  auto denied = handler(to_json_text(authorizer_event("")), Invocation{});
  ASSERT_TRUE(denied.ok()) << "a denial is an answer, not an invocation error";
  EXPECT_EQ(parse_object(*denied), (json::object{{"isAuthorized", false}}));

  auto served = handler(test_support::apigw_event_for("GET", "/hello/ada"), Invocation{});
  ASSERT_TRUE(served.ok());
  const auto response = parse_object(*served);
  EXPECT_EQ(response.at("statusCode").as_int64(), 200);
  EXPECT_EQ(parse_object(response.at("body").as_string()).at("hello"), "ada");
}

TEST_F(AuthorizerTest, AFunctionWithoutAnAuthorizerRejectsAuthorizerEventsAsInvalid) {
  const auto pipeline = test_support::hello_pipeline();
  const auto handler = make_apigw_handler(*pipeline);
  auto answer = handler(to_json_text(authorizer_event(fmt::format("Bearer {}", kAdminToken))), Invocation{});
  ASSERT_FALSE(answer.ok());
  EXPECT_EQ(error_type_for(answer.error()), kInvalidEventError);

  auto served = handler(test_support::apigw_event_for("GET", "/hello/ada"), Invocation{});
  ASSERT_TRUE(served.ok());
  EXPECT_EQ(parse_object(*served).at("statusCode").as_int64(), 200);
}

TEST_F(AuthorizerTest, AMalformedAuthorizerEventIsInvalidEvenWithAnAuthorizer) {
  const auto pipeline = test_support::hello_pipeline();
  bool called = false;
  const auto handler = make_apigw_handler(*pipeline, [&called](const http::Request&) {
    called = true;
    return json::object{{"isAuthorized", true}};
  });
  auto event = authorizer_event("");
  event["headers"].as_object()["authorization"] = 42;
  auto answer = handler(to_json_text(event), Invocation{});
  ASSERT_FALSE(answer.ok());
  EXPECT_EQ(error_type_for(answer.error()), kInvalidEventError);
  EXPECT_FALSE(called);
}

}  // namespace
}  // namespace hub::runtime::lambda
