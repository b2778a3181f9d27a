#include <array>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "core/config.hpp"
#include "core/metrics.hpp"
#include "middleware/body_policy.hpp"
#include "middleware/cors.hpp"
#include "middleware/security_headers.hpp"
#include "middleware/standard_stack.hpp"
#include "support/capture_log.hpp"
#include "support/pipeline.hpp"

namespace hub::middleware {
namespace {

using hub::testing::has_cors_headers;
using hub::testing::json_body;
using hub::testing::LogCapture;
using hub::testing::pipeline;
using hub::testing::request;
using ::testing::HasSubstr;

constexpr std::array<std::pair<std::string_view, std::string_view>, 8> kSecurityHeaders{{
    {"Strict-Transport-Security", "max-age=63072000; includeSubDomains"},
    {"X-Content-Type-Options", "nosniff"},
    {"X-Frame-Options", "DENY"},
    {"Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'"},
    {"Referrer-Policy", "no-referrer"},
    {"Cache-Control", "no-store"},
    {"Cross-Origin-Resource-Policy", "same-origin"},
    {"Permissions-Policy",
     "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), payment=(), "
     "usb=(), "
     "interest-cohort=()"},
}};

void expect_security_headers(const http::Response& res) {
  for (const auto& [name, value] : kSecurityHeaders) {
    EXPECT_EQ(res.headers.get(name), value) << name << " on " << res.status;
    std::size_t count = 0;
    for (const auto& field : res.headers) count += http::iequals(field.first, name) ? 1U : 0U;
    EXPECT_EQ(count, 1U) << name << " appears once";
  }
  EXPECT_FALSE(res.headers.contains("Server"));
  EXPECT_FALSE(res.headers.contains("X-Powered-By"));
}

TEST(SecurityHeaders, OnSuccessNotFoundAndServerError) {
  LogCapture quiet;
  const auto p = pipeline({std::make_shared<SecurityHeadersMiddleware>()});
  for (const auto& [path, status] :
       std::vector<std::pair<std::string, int>>{{"/x", 200}, {"/nope", 404}, {"/boom", 500}}) {
    auto req = request("GET", path);
    const auto res = p.handle(req);
    EXPECT_EQ(res.status, status);
    expect_security_headers(res);
  }
}

TEST(SecurityHeaders, RemovesServerAdvertising) {
  const auto p = pipeline({std::make_shared<SecurityHeadersMiddleware>()});
  auto req = request("GET", "/server");
  const auto res = p.handle(req);
  EXPECT_EQ(res.status, 200);
  expect_security_headers(res);
}

TEST(SecurityHeaders, ReplaceWeakerValuesSetByHandlers) {
  http::Response r;
  r.headers.set("cache-control", "public, max-age=3600");
  SecurityHeadersMiddleware::apply(r);
  EXPECT_EQ(r.headers.get("Cache-Control"), "no-store");
}

// A router whose routes set their own Content-Security-Policy, Cache-Control and X-Frame-Options.
std::shared_ptr<http::Router> routes_with_own_policy() {
  auto router = std::make_shared<http::Router>();
  const auto own_policy = [](const http::Request&) -> Result<http::Response> {
    http::Response r;
    r.headers.set("Content-Security-Policy", "default-src 'none'; script-src 'self'");
    r.headers.set("Cache-Control", "public, max-age=60");
    r.headers.set("X-Frame-Options", "SAMEORIGIN");
    return r;
  };
  for (const auto* path : {"/docs", "/docs/app.js", "/docsx", "/profile"})
    router->add("GET", path, own_policy);
  router->add("GET", "/docs/plain", [](const http::Request&) -> Result<http::Response> {
    return http::Response::json(200, json::object{});
  });
  return router;
}

TEST(SecurityHeaders, PageRoutesKeepTheirOwnPolicyAndCaching) {
  const http::Pipeline p({std::make_shared<SecurityHeadersMiddleware>(std::vector<std::string>{"/docs"})},
                         routes_with_own_policy());
  for (const auto* path : {"/docs", "/docs/app.js"}) {
    auto req = request("GET", path);
    const auto res = p.handle(req);
    EXPECT_EQ(res.headers.get("Content-Security-Policy"), "default-src 'none'; script-src 'self'") << path;
    EXPECT_EQ(res.headers.get("Cache-Control"), "public, max-age=60") << path;
    EXPECT_EQ(res.headers.get("X-Frame-Options"), "DENY")
        << path << ": only the policy and caching are the page's";
    EXPECT_EQ(res.headers.get("X-Content-Type-Options"), "nosniff") << path;
  }
}

TEST(SecurityHeaders, OtherRoutesGetTheStrictValuesWhateverTheirHandlerSet) {
  const http::Pipeline p({std::make_shared<SecurityHeadersMiddleware>(std::vector<std::string>{"/docs"})},
                         routes_with_own_policy());
  // "/docsx" only shares a prefix; "/nope" matches no route (a 404 has no route at all).
  for (const auto* path : {"/profile", "/docsx", "/nope"}) {
    auto req = request("GET", path);
    expect_security_headers(p.handle(req));
  }
}

TEST(SecurityHeaders, APageRouteThatSetsNoPolicyGetsTheStrictOne) {
  const http::Pipeline p({std::make_shared<SecurityHeadersMiddleware>(std::vector<std::string>{"/docs"})},
                         routes_with_own_policy());
  auto req = request("GET", "/docs/plain");
  expect_security_headers(p.handle(req));
}

TEST(SecurityHeaders, WithoutPageRoutesEveryHandlerValueIsReplaced) {
  const http::Pipeline p({std::make_shared<SecurityHeadersMiddleware>()}, routes_with_own_policy());
  auto req = request("GET", "/docs");
  expect_security_headers(p.handle(req));
}

TEST(SecurityHeaders, ApplyToPageKeepsOnlyPolicyAndCaching) {
  http::Response r;
  r.headers.set("Cache-Control", "no-cache");
  r.headers.set("Referrer-Policy", "unsafe-url");
  SecurityHeadersMiddleware::apply_to_page(r);
  EXPECT_EQ(r.headers.get("Cache-Control"), "no-cache");
  EXPECT_EQ(r.headers.get("Content-Security-Policy"), "default-src 'none'; frame-ancestors 'none'");
  EXPECT_EQ(r.headers.get("Referrer-Policy"), "no-referrer");
}

// ---- CORS ----------------------------------------------------------------------------------

constexpr std::string_view kAllowed = "https://hub.example.org";

http::Pipeline cors_pipeline() {
  CorsPolicy policy;
  policy.allowed_origins = {std::string(kAllowed), "http://localhost:3000"};
  policy.max_age = std::chrono::seconds{600};
  return pipeline({std::make_shared<CorsMiddleware>(std::move(policy))});
}

http::Request preflight(std::string_view origin, std::string_view method, std::string_view headers = {}) {
  auto r = request("OPTIONS", "/x");
  r.request_id = "rid-cors";
  r.headers.set("Origin", origin);
  r.headers.set("Access-Control-Request-Method", method);
  if (!headers.empty()) r.headers.set("Access-Control-Request-Headers", headers);
  return r;
}

TEST(Cors, PreflightFromAllowedOrigin) {
  const auto p = cors_pipeline();
  auto req = preflight(kAllowed, "PATCH", "content-type, Authorization,if-match");
  const auto res = p.handle(req);
  EXPECT_EQ(res.status, 204);
  EXPECT_TRUE(res.body.empty());
  EXPECT_EQ(res.headers.get("Access-Control-Allow-Origin"), kAllowed);
  EXPECT_EQ(res.headers.get("Access-Control-Allow-Methods"), "GET, POST, PUT, PATCH, DELETE, OPTIONS");
  EXPECT_EQ(res.headers.get("Access-Control-Allow-Headers"),
            "Authorization, Content-Type, If-Match, If-None-Match, X-Request-Id, X-Correlation-Id");
  EXPECT_EQ(res.headers.get("Access-Control-Max-Age"), "600");
  EXPECT_EQ(res.headers.get("Vary"), "Origin");
  EXPECT_FALSE(res.headers.contains("Access-Control-Allow-Credentials"));

  auto second = preflight("http://localhost:3000", "GET");
  const auto res2 = p.handle(second);
  EXPECT_EQ(res2.status, 204);
  EXPECT_EQ(res2.headers.get("Access-Control-Allow-Origin"), "http://localhost:3000");
}

void expect_denied(const http::Response& res, std::string_view detail_part) {
  EXPECT_EQ(res.status, 403);
  EXPECT_FALSE(has_cors_headers(res));
  const auto body = json_body(res);
  EXPECT_EQ(body.at("code").as_string(), "CORS_ORIGIN_DENIED");
  EXPECT_EQ(body.at("request_id").as_string(), "rid-cors");
  EXPECT_THAT(std::string(body.at("detail").as_string()), HasSubstr(std::string(detail_part)));
}

TEST(Cors, PreflightFromOtherOriginIsDenied) {
  const auto p = cors_pipeline();
  for (const char* origin :
       {"https://evil.example.com", "https://hub.example.org.evil.com", "http://hub.example.org",
        "https://hub.example.org/", "null", "HTTPS://HUB.EXAMPLE.ORG"}) {
    auto req = preflight(origin, "GET");
    const auto res = p.handle(req);
    SCOPED_TRACE(origin);
    expect_denied(res, origin);
  }
}

TEST(Cors, PreflightAskingForDisallowedMethodOrHeaderIsDenied) {
  const auto p = cors_pipeline();
  auto method = preflight(kAllowed, "TRACE");
  expect_denied(p.handle(method), "TRACE");
  auto header = preflight(kAllowed, "POST", "Content-Type, X-Evil");
  expect_denied(p.handle(header), "X-Evil");
}

TEST(Cors, SimpleRequestFromAllowedOrigin) {
  const auto p = cors_pipeline();
  auto req = request("GET", "/x");
  req.headers.set("Origin", kAllowed);
  const auto res = p.handle(req);
  EXPECT_EQ(res.status, 200);
  EXPECT_EQ(res.body, "x");
  EXPECT_EQ(res.headers.get("Access-Control-Allow-Origin"), kAllowed);
  EXPECT_EQ(res.headers.get("Access-Control-Expose-Headers"),
            "ETag, Location, Retry-After, RateLimit, RateLimit-Policy, X-Request-Id, X-Correlation-Id");
  EXPECT_EQ(res.headers.get("Vary"), "Origin");
  EXPECT_FALSE(res.headers.contains("Access-Control-Allow-Methods"));

  // Errors from an allowed origin carry the CORS headers too (so the browser can read them).
  auto missing = request("GET", "/nope");
  missing.headers.set("Origin", kAllowed);
  const auto res404 = p.handle(missing);
  EXPECT_EQ(res404.status, 404);
  EXPECT_EQ(res404.headers.get("Access-Control-Allow-Origin"), kAllowed);
}

TEST(Cors, SimpleRequestFromOtherOriginGetsNoCorsHeaders) {
  const auto p = cors_pipeline();
  auto req = request("GET", "/x");
  req.headers.set("Origin", "https://evil.example.com");
  const auto res = p.handle(req);
  EXPECT_EQ(res.status, 200) << "the browser, not the server, enforces CORS on simple requests";
  EXPECT_FALSE(has_cors_headers(res));
  EXPECT_EQ(res.headers.get("Vary"), "Origin");
}

TEST(Cors, NoOriginLeavesTheResponseUntouched) {
  const auto with_cors = cors_pipeline();
  const auto without = pipeline({});
  auto a = request("GET", "/x");
  auto b = request("GET", "/x");
  const auto res_a = with_cors.handle(a);
  const auto res_b = without.handle(b);
  EXPECT_EQ(res_a.status, res_b.status);
  EXPECT_EQ(res_a.body, res_b.body);
  EXPECT_EQ(res_a.headers.size(), res_b.headers.size());
  EXPECT_FALSE(has_cors_headers(res_a));
  EXPECT_FALSE(res_a.headers.contains("Vary"));

  // OPTIONS without Origin is not a preflight: it reaches the router (405 here).
  auto options = request("OPTIONS", "/x");
  options.headers.set("Access-Control-Request-Method", "GET");
  EXPECT_EQ(with_cors.handle(options).status, 405);
}

TEST(Cors, VaryIsMergedNotReplaced) {
  auto router = std::make_shared<http::Router>();
  router->add("GET", "/v", [](const http::Request&) -> Result<http::Response> {
    http::Response r;
    r.headers.set("Vary", "Accept-Encoding");
    return r;
  });
  CorsPolicy policy;
  policy.allowed_origins = {std::string(kAllowed)};
  const http::Pipeline p({std::make_shared<CorsMiddleware>(policy)}, router);
  auto req = request("GET", "/v");
  req.headers.set("Origin", kAllowed);
  EXPECT_EQ(p.handle(req).headers.get("Vary"), "Accept-Encoding, Origin");
}

// ---- body policy ---------------------------------------------------------------------------

struct BodyPolicyTest : ::testing::Test {
  http::Pipeline p = pipeline({std::make_shared<BodyPolicyMiddleware>(16)});

  static http::Request post(std::string body, std::optional<std::string> content_type = "application/json") {
    auto r = request("POST", "/echo");
    r.request_id = "rid-body";
    r.body = std::move(body);
    if (content_type) r.headers.set("Content-Type", *content_type);
    return r;
  }
  static void expect_problem(const http::Response& res, int status, std::string_view code) {
    EXPECT_EQ(res.status, status);
    EXPECT_EQ(res.headers.get("Content-Type"), "application/problem+json");
    const auto body = json_body(res);
    EXPECT_EQ(body.at("code").as_string(), code);
    EXPECT_EQ(body.at("request_id").as_string(), "rid-body");
    EXPECT_EQ(body.at("instance").as_string(), "/echo");
  }
};

TEST_F(BodyPolicyTest, OversizedBodyIs413) {
  auto req = post(R"({"a":"0123456789"})");  // 18 bytes
  const auto res = p.handle(req);
  expect_problem(res, 413, "PAYLOAD_TOO_LARGE");
  EXPECT_THAT(std::string(json_body(res).at("detail").as_string()), HasSubstr("16 bytes"));

  auto exactly = post(R"({"a":"012345678"})");  // 17 bytes
  EXPECT_EQ(p.handle(exactly).status, 413);
  auto fits = post(R"({"a":"01234567"})");  // 16 bytes
  EXPECT_EQ(p.handle(fits).status, 200);
}

TEST_F(BodyPolicyTest, TransportFlags) {
  auto too_large = post("");
  too_large.transport_error = http::TransportError::body_too_large;
  expect_problem(p.handle(too_large), 413, "PAYLOAD_TOO_LARGE");

  auto head = post("");
  head.transport_error = http::TransportError::head_too_large;
  expect_problem(p.handle(head), 431, "HEADERS_TOO_LARGE");

  auto malformed = post("{}");
  malformed.transport_error = http::TransportError::malformed;
  expect_problem(p.handle(malformed), 400, "BAD_REQUEST");
}

TEST_F(BodyPolicyTest, BodyMustBeJson) {
  auto text = post("hello", "text/plain");
  const auto res = p.handle(text);
  expect_problem(res, 415, "UNSUPPORTED_MEDIA_TYPE");
  EXPECT_THAT(std::string(json_body(res).at("detail").as_string()), HasSubstr("text/plain"));

  auto none = post("{}", std::nullopt);
  const auto res2 = p.handle(none);
  expect_problem(res2, 415, "UNSUPPORTED_MEDIA_TYPE");
  EXPECT_THAT(std::string(json_body(res2).at("detail").as_string()), HasSubstr("(none)"));

  auto form = post("a=1", "application/x-www-form-urlencoded");
  expect_problem(p.handle(form), 415, "UNSUPPORTED_MEDIA_TYPE");
}

TEST_F(BodyPolicyTest, MalformedJsonIs400WithPosition) {
  auto req = post("{\n \"a\": }");
  const auto res = p.handle(req);
  expect_problem(res, 400, "MALFORMED_JSON");
  EXPECT_THAT(std::string(json_body(res).at("detail").as_string()), HasSubstr("line 2, column 7"));
}

TEST_F(BodyPolicyTest, GoodJsonIsParsedOnceForTheHandler) {
  auto req = post(R"({"n":[1,2]})", "application/json; charset=utf-8");
  const auto res = p.handle(req);
  EXPECT_EQ(res.status, 200);
  const auto body = json_body(res);
  EXPECT_TRUE(body.at("has_json").as_bool());
  EXPECT_EQ(body.at("json"), (json::object{{"n", json::array{1, 2}}}));
  ASSERT_TRUE(req.json.has_value());
}

TEST_F(BodyPolicyTest, EmptyBodyPassesWithoutContentType) {
  auto req = post("", std::nullopt);
  const auto res = p.handle(req);
  EXPECT_EQ(res.status, 200);
  EXPECT_FALSE(json_body(res).at("has_json").as_bool());
  EXPECT_FALSE(req.json.has_value());
}

// ---- the standard stack --------------------------------------------------------------------

TEST(StandardStack, EveryHeaderOnA404AndTheRequestIsLoggedAndCounted) {
  LogCapture capture;
  core::Config config;
  config.cors_allowed_origins = {std::string(kAllowed)};
  core::MetricsRegistry metrics;
  const auto router = hub::testing::tiny_router();
  const http::Pipeline p(standard_stack(config, metrics, nullptr, router), router);

  auto req = request("GET", "/missing");
  req.headers.set("Origin", kAllowed);
  const auto res = p.handle(req);
  EXPECT_EQ(res.status, 404);
  EXPECT_EQ(res.headers.get("Content-Type"), "application/problem+json");
  const auto rid = res.headers.get("X-Request-Id");
  ASSERT_TRUE(rid.has_value());
  EXPECT_EQ(json_body(res).at("request_id").as_string(), *rid);
  EXPECT_EQ(res.headers.get("X-Correlation-Id"), *rid);
  expect_security_headers(res);
  EXPECT_EQ(res.headers.get("Access-Control-Allow-Origin"), kAllowed);
  EXPECT_TRUE(res.headers.contains("Access-Control-Expose-Headers"));

  const auto lines = capture.sink().with_message("request");
  ASSERT_EQ(lines.size(), 1U);
  EXPECT_EQ(lines[0].at("route").as_string(), "(unmatched)");
  EXPECT_EQ(lines[0].at("request_id").as_string(), *rid);
  const auto snapshot = metrics.snapshot();
  ASSERT_EQ(snapshot.routes.size(), 1U);
  EXPECT_EQ(snapshot.routes[0].route, "unmatched");
}

TEST(StandardStack, RejectionsByInnerMiddlewareStillGetOuterHeaders) {
  LogCapture capture;
  core::Config config;
  config.cors_allowed_origins = {std::string(kAllowed)};
  config.max_body_bytes = 4;
  core::MetricsRegistry metrics;
  const auto router = hub::testing::tiny_router();
  const http::Pipeline p(standard_stack(config, metrics, nullptr, router), router);

  auto big = request("POST", "/echo");
  big.headers.set("Origin", kAllowed);
  big.headers.set("Content-Type", "application/json");
  big.headers.set("X-Request-Id", "rid-big");
  big.body = R"({"a":1})";
  const auto res = p.handle(big);
  EXPECT_EQ(res.status, 413);
  EXPECT_EQ(res.headers.get("X-Request-Id"), "rid-big");
  EXPECT_EQ(json_body(res).at("request_id").as_string(), "rid-big");
  expect_security_headers(res);
  EXPECT_EQ(res.headers.get("Access-Control-Allow-Origin"), kAllowed);

  // A denied preflight still carries the request id and security headers, not CORS ones.
  auto denied = request("OPTIONS", "/x");
  denied.headers.set("Origin", "https://evil.example.com");
  denied.headers.set("Access-Control-Request-Method", "GET");
  const auto res403 = p.handle(denied);
  EXPECT_EQ(res403.status, 403);
  EXPECT_TRUE(res403.headers.contains("X-Request-Id"));
  expect_security_headers(res403);
  EXPECT_FALSE(has_cors_headers(res403));

  // A handler bug: 500, every header, and the line is logged as 500.
  auto boom = request("GET", "/boom");
  boom.headers.set("Origin", kAllowed);
  const auto res500 = p.handle(boom);
  EXPECT_EQ(res500.status, 500);
  expect_security_headers(res500);
  EXPECT_EQ(res500.headers.get("Access-Control-Allow-Origin"), kAllowed);
  const auto lines = capture.sink().with_message("request");
  ASSERT_EQ(lines.size(), 3U);
  EXPECT_EQ(lines[0].at("status").to_number<int>(), 413);
  EXPECT_EQ(lines[1].at("status").to_number<int>(), 403);
  EXPECT_EQ(lines[2].at("status").to_number<int>(), 500);
}

}  // namespace
}  // namespace hub::middleware
