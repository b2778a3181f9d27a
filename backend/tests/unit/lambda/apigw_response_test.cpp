#include <string>

#include <gtest/gtest.h>

#include "core/base64.hpp"
#include "runtime/lambda/apigw_event.hpp"

namespace hub::runtime::lambda {
namespace {

TEST(ApigwResponseTest, WritesStatusHeadersCookiesAndTextBody) {
  http::Response response = http::Response::json(201, json::object{{"id", "u1"}});
  response.headers.add("X-Multi", "a");
  response.headers.add("x-multi", "b");
  response.headers.add("Cache-Control", "no-store");
  response.cookies = {"session=abc; Path=/; HttpOnly", "theme=dark"};

  const auto out = apigw_response(response);
  EXPECT_EQ(out.at("statusCode").as_int64(), 201);
  const auto& headers = out.at("headers").as_object();
  EXPECT_EQ(headers.at("X-Multi").as_string(), "a,b");
  EXPECT_FALSE(headers.contains("x-multi"));
  EXPECT_EQ(headers.at("Cache-Control").as_string(), "no-store");
  EXPECT_EQ(headers.at("Content-Type").as_string(), "application/json");
  EXPECT_EQ(out.at("cookies"), (json::array{"session=abc; Path=/; HttpOnly", "theme=dark"}));
  EXPECT_EQ(out.at("body").as_string(), R"({"id":"u1"})");
  EXPECT_FALSE(out.at("isBase64Encoded").as_bool());
}

TEST(ApigwResponseTest, SetCookieHeaderFieldsBecomeCookies) {
  http::Response response = http::Response::empty(204);
  response.headers.add("Set-Cookie", "a=1; Expires=Wed, 21 Oct 2015 07:28:00 GMT");
  response.cookies = {"b=2"};
  const auto out = apigw_response(response);
  EXPECT_FALSE(out.at("headers").as_object().contains("Set-Cookie"));
  EXPECT_EQ(out.at("cookies"), (json::array{"a=1; Expires=Wed, 21 Oct 2015 07:28:00 GMT", "b=2"}));
}

TEST(ApigwResponseTest, BinaryBodyGoesBase64) {
  http::Response response;
  response.headers.set("Content-Type", "image/png");
  response.body = std::string("\x89PNG\r\n\x1a\n\0\x01", 10);
  const auto out = apigw_response(response);
  EXPECT_TRUE(out.at("isBase64Encoded").as_bool());
  EXPECT_EQ(core::base64_decode(out.at("body").as_string()), response.body);
}

TEST(ApigwResponseTest, BodyThatIsNotUtf8GoesBase64EvenWhenDeclaredText) {
  http::Response response;
  response.headers.set("Content-Type", "text/plain");
  response.body = "caf\xe9";  // Latin-1: cannot travel inside a JSON string
  const auto out = apigw_response(response);
  EXPECT_TRUE(out.at("isBase64Encoded").as_bool());
  EXPECT_EQ(core::base64_decode(out.at("body").as_string()), response.body);
}

TEST(ApigwResponseTest, EmptyResponseHasNoCookiesAndAnEmptyBody) {
  const auto out = apigw_response(http::Response::empty(404));
  EXPECT_EQ(out.at("statusCode").as_int64(), 404);
  EXPECT_FALSE(out.contains("cookies"));
  EXPECT_EQ(out.at("body").as_string(), "");
  EXPECT_FALSE(out.at("isBase64Encoded").as_bool());
  EXPECT_TRUE(out.at("headers").as_object().empty());
}

TEST(ApigwResponseTest, TextualContentTypes) {
  for (const std::string_view text :
       {"text/plain", "text/html; charset=utf-8", "application/json", "Application/JSON",
        "application/problem+json", "application/xml", "image/svg+xml", "application/javascript",
        "application/x-www-form-urlencoded", "application/vnd.api+json ; charset=utf-8"}) {
    EXPECT_TRUE(is_textual_content_type(text)) << text;
  }
  for (const std::string_view binary : {"image/png", "application/octet-stream", "application/pdf",
                                        "application/zip", "audio/mpeg", "application/jsonx", ""}) {
    EXPECT_FALSE(is_textual_content_type(binary)) << binary;
  }
}

TEST(ApigwResponseTest, TextIsValidJsonDocument) {
  http::Response response = http::Response::json(200, json::object{{"status", "ok"}});
  auto parsed = parse_json(apigw_response_text(response));
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(parsed->at("statusCode").as_int64(), 200);
}

}  // namespace
}  // namespace hub::runtime::lambda
