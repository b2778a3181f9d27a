#include <memory>
#include <string>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "core/log.hpp"
#include "core/redact.hpp"
#include "support/capture_log.hpp"

namespace hub::core {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

// Secret values, each unique so a leak anywhere in the line is found by substring.
constexpr std::string_view kJwt =
    "eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJ1c2VyLTEyMyJ9.c2lnbmF0dXJlLXNlY3JldA";
constexpr std::string_view kSecrets[] = {
    "AUTHZ-LOWER-SECRET",     "AUTHZ-UPPER-SECRET",     "COOKIE-SECRET-sid",        "SETCOOKIE-SECRET",
    "APIKEY-SECRET-1234",     "PASSWORD-SECRET-pw",     "CLIENTSECRET-VALUE",       "IDTOKEN-SECRET",
    "REFRESHTOKEN-SECRET",    "NESTED-PASS-SECRET",     "ARRAY-COOKIE-SECRET",      "abc.def",
    "opaque-bearer-in-field", "c2lnbmF0dXJlLXNlY3JldA", "eyJzdWIiOiJ1c2VyLTEyMyJ9",
};

TEST(Redaction, NoSecretReachesTheLogLine) {
  auto sink = std::make_shared<hub::testing::CapturingSink>();
  Logger log(LogSettings{}, sink);
  const std::string message = "calling upstream with Bearer abc.def and token " + std::string(kJwt) + " done";
  log.info(
      message,
      {{"authorization", "Bearer AUTHZ-LOWER-SECRET"},
       {"Authorization", "AUTHZ-UPPER-SECRET"},
       {"cookie", "sid=COOKIE-SECRET-sid"},
       {"set-cookie", "SETCOOKIE-SECRET; HttpOnly"},
       {"x-api-key", "APIKEY-SECRET-1234"},
       {"password", "PASSWORD-SECRET-pw"},
       {"client_secret", "CLIENTSECRET-VALUE"},
       {"id_token", "IDTOKEN-SECRET"},
       {"refresh_token", "REFRESHTOKEN-SECRET"},
       {"request", json::object{{"method", "POST"},
                                {"body", json::object{{"user", "amina"}, {"password", "NESTED-PASS-SECRET"}}},
                                {"headers", json::array{json::object{{"Cookie", "ARRAY-COOKIE-SECRET"}},
                                                        json::object{{"Accept", "application/json"}}}}}},
       {"note", "sent Bearer opaque-bearer-in-field upstream"},
       {"raw", std::string("jwt=") + std::string(kJwt)},
       {"path", "/users/42"},
       {"status", json::value(201)}});

  const auto lines = sink->lines();
  ASSERT_EQ(lines.size(), 1U);
  const std::string& line = lines[0];
  for (auto secret : kSecrets) EXPECT_THAT(line, Not(HasSubstr(std::string(secret)))) << "leaked: " << secret;
  EXPECT_THAT(line, Not(HasSubstr(std::string(kJwt))));

  // Non-sensitive content survives, and redacted keys are still there (as markers).
  const auto o = boost::json::parse(line).as_object();
  EXPECT_EQ(o.at("path").as_string(), "/users/42");
  EXPECT_EQ(o.at("status").to_number<int>(), 201);
  EXPECT_EQ(o.at("request").at("method").as_string(), "POST");
  EXPECT_EQ(o.at("request").at("body").at("user").as_string(), "amina");
  EXPECT_EQ(o.at("request").at("headers").as_array()[1].at("Accept").as_string(), "application/json");
  for (const char* key : {"authorization", "Authorization", "cookie", "set-cookie", "x-api-key", "password",
                          "client_secret", "id_token", "refresh_token"}) {
    EXPECT_EQ(o.at(key).as_string(), kRedacted) << key;
  }
  EXPECT_EQ(o.at("request").at("body").at("password").as_string(), kRedacted);
  EXPECT_EQ(o.at("request").at("headers").as_array()[0].at("Cookie").as_string(), kRedacted);
  EXPECT_EQ(o.at("message").as_string(), "calling upstream with Bearer [REDACTED] and token [REDACTED] done");
  EXPECT_EQ(o.at("note").as_string(), "sent Bearer [REDACTED] upstream");
  EXPECT_EQ(o.at("raw").as_string(), "jwt=[REDACTED]");
}

TEST(Redaction, NonStringSensitiveValuesAreRedactedToo) {
  json::value v =
      json::object{{"password", 123456789}, {"session", json::object{{"id", "S-1"}}}, {"token", nullptr}};
  redact(v);
  EXPECT_EQ(v.at("password").as_string(), kRedacted);
  EXPECT_EQ(v.at("session").as_string(), kRedacted);
  EXPECT_TRUE(v.at("token").is_null());  // nothing to hide
}

TEST(Redaction, SensitiveKeyTable) {
  for (const char* key : {"authorization", "Authorization",
                          "AUTHORIZATION", "proxy-authorization",
                          "cookie",        "Cookie",
                          "set-cookie",    "Set-Cookie",
                          "x-api-key",     "X-Api-Key",
                          "api_key",       "apiKey",
                          "password",      "Password",
                          "db_passwd",     "client_secret",
                          "clientSecret",  "id_token",
                          "refresh_token", "access_token",
                          "accessToken",   "x-amz-security-token",
                          "session_token", "private_key",
                          "private-key",   "aws_credentials"}) {
    EXPECT_TRUE(is_sensitive_key(key)) << key;
  }
  for (const char* key :
       {"method", "path", "route", "status", "user_id", "email", "display_name", "duration_ms",
        "content-type", "request_id", "correlation_id", "author", "key", "x-request-id", ""}) {
    EXPECT_FALSE(is_sensitive_key(key)) << key;
  }
}

TEST(Redaction, RedactTextLeavesNormalTextUntouched) {
  for (const char* text : {"", "GET /users/123 took 5 ms", "Bearer", "bearer ", "bearer-less text",
                           "eyJust words. Nothing.to see", "version 1.2.3", "a.b.c",
                           "email amina@example.org", "ünïcödé text", "Bearer  (two spaces)"}) {
    EXPECT_EQ(redact_text(text), text) << text;
  }
}

TEST(Redaction, RedactTextReplacesCredentials) {
  EXPECT_EQ(redact_text("Bearer abc.def"), "Bearer [REDACTED]");
  EXPECT_EQ(redact_text("authorization: bearer xyz+/=~ rest"), "authorization: bearer [REDACTED] rest");
  EXPECT_EQ(redact_text("BEARER t0k3n"), "BEARER [REDACTED]");
  EXPECT_EQ(redact_text("a eyJhbGciOi.x.y b"), "a [REDACTED] b");
  EXPECT_EQ(redact_text(std::string("[") + std::string(kJwt) + "]"), "[[REDACTED]]");
}

}  // namespace
}  // namespace hub::core
