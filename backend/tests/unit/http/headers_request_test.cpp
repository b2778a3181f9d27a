#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "http/headers.hpp"
#include "http/media_type.hpp"
#include "http/request.hpp"

namespace hub::http {
namespace {

TEST(Headers, GetIsCaseInsensitive) {
  Headers h;
  h.set("Content-Type", "application/json");
  EXPECT_EQ(h.get("content-type"), "application/json");
  EXPECT_EQ(h.get("CONTENT-TYPE"), "application/json");
  EXPECT_TRUE(h.contains("Content-type"));
  EXPECT_FALSE(h.get("Content-Length").has_value());
  EXPECT_FALSE(h.contains("Content-Typ"));
}

TEST(Headers, SetReplacesEveryFieldOfThatName) {
  Headers h;
  h.add("Vary", "Accept");
  h.add("vary", "Origin");
  h.add("X-Other", "1");
  EXPECT_EQ(h.size(), 3U);
  h.set("VARY", "Accept-Encoding");
  EXPECT_EQ(h.size(), 2U);
  EXPECT_EQ(h.get("vary"), "Accept-Encoding");
  EXPECT_EQ(h.get("x-other"), "1");
}

TEST(Headers, AddKeepsRepeatsInOrderAndGetReturnsTheFirst) {
  Headers h;
  h.add("Set-Cookie", "a=1");
  h.add("set-cookie", "b=2");
  EXPECT_EQ(h.size(), 2U);
  EXPECT_EQ(h.get("SET-COOKIE"), "a=1");
  std::vector<std::string> values;
  for (const auto& [name, value] : h) values.push_back(value);
  EXPECT_EQ(values, (std::vector<std::string>{"a=1", "b=2"}));
}

TEST(Headers, EraseRemovesAllCaseVariants) {
  Headers h;
  h.add("Server", "x");
  h.add("SERVER", "y");
  h.add("Date", "today");
  h.erase("server");
  EXPECT_FALSE(h.contains("Server"));
  EXPECT_EQ(h.size(), 1U);
  h.erase("not-there");
  EXPECT_EQ(h.size(), 1U);
  h.erase("date");
  EXPECT_TRUE(h.empty());
}

TEST(Headers, Iequals) {
  EXPECT_TRUE(iequals("", ""));
  EXPECT_TRUE(iequals("X-Request-Id", "x-request-id"));
  EXPECT_FALSE(iequals("abc", "abcd"));
  EXPECT_FALSE(iequals("a-b", "a_b"));
}

TEST(MediaType, JsonTypes) {
  for (const char* yes : {"application/json", "Application/JSON", "application/json; charset=utf-8",
                          " application/json ", "application/json;charset=UTF-8", "application/problem+json",
                          "application/vnd.api+json", "application/merge-patch+json; charset=utf-8"}) {
    EXPECT_TRUE(is_json_media_type(yes)) << yes;
  }
  for (const char* no :
       {"", "text/json", "text/plain", "application/jsonx", "application/+json", "application/xml",
        "multipart/form-data; boundary=x", "json", "application/json-seq", "text/plain+json"}) {
    EXPECT_FALSE(is_json_media_type(no)) << no;
  }
}

Request with_query(std::string q) {
  Request r;
  r.method = "GET";
  r.path = "/x";
  r.query_string = std::move(q);
  return r;
}

TEST(RequestQuery, DecodesAndHandlesRepeatsAndMissing) {
  const auto r = with_query("name=Amina+Yusuf&city=Addis%20Ababa&tag=a&tag=b%2Bc&tag=&empty=&flag&limit=10");
  EXPECT_EQ(r.query("name"), "Amina Yusuf");
  EXPECT_EQ(r.query("city"), "Addis Ababa");
  EXPECT_EQ(r.query("tag"), "a");
  EXPECT_EQ(r.query_all("tag"), (std::vector<std::string>{"a", "b+c", ""}));
  EXPECT_EQ(r.query("empty"), "");
  EXPECT_EQ(r.query("flag"), "");
  EXPECT_EQ(r.query("missing"), std::nullopt);
  EXPECT_TRUE(r.query_all("missing").empty());
  EXPECT_EQ(r.query("Name"), std::nullopt) << "names are case-sensitive";
}

TEST(RequestQuery, EncodedNamesAndBadEscapesAreSkipped) {
  const auto r = with_query("a%5Bb%5D=1&x=%zz&x=ok&&");
  EXPECT_EQ(r.query("a[b]"), "1");
  EXPECT_EQ(r.query("x"), "ok");
  EXPECT_EQ(r.query_all("x"), (std::vector<std::string>{"ok"}));
  EXPECT_EQ(with_query("").query("a"), std::nullopt);
}

TEST(RequestQuery, TypedAccessWithDefaultsAndErrors) {
  const auto r = with_query("limit=25&neg=-3&big=99999999999&word=ten&active=true&off=0&yes=maybe&blank=");
  EXPECT_EQ(r.query_as<int>("limit").value(), 25);
  EXPECT_EQ(r.query_as<int>("neg").value(), -3);
  EXPECT_EQ(r.query_as<int>("missing", 7).value(), 7);
  EXPECT_EQ(r.query_as<std::string>("word").value(), "ten");
  EXPECT_EQ(r.query_as<std::string>("missing", std::string("dflt")).value(), "dflt");
  EXPECT_TRUE(r.query_as<bool>("active").value());
  EXPECT_FALSE(r.query_as<bool>("off").value());
  EXPECT_TRUE(r.query_as<bool>("missing", true).value());

  auto expect_invalid = [](const auto& result, std::string_view pointer, std::string_view message) {
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.error().code, ErrorCode::INVALID_PARAMETER);
    ASSERT_EQ(result.error().fields.size(), 1U);
    EXPECT_EQ(result.error().fields[0].pointer, pointer);
    EXPECT_EQ(result.error().fields[0].message, message);
  };
  expect_invalid(r.query_as<int>("word"), "/query/word", "must be an integer");
  expect_invalid(r.query_as<int>("big"), "/query/big", "must be an integer");
  expect_invalid(r.query_as<int>("blank"), "/query/blank", "must be an integer");
  expect_invalid(r.query_as<unsigned>("neg"), "/query/neg", "must be an integer");
  expect_invalid(r.query_as<bool>("yes"), "/query/yes", "must be true or false");
  expect_invalid(r.query_as<int>("missing"), "/query/missing", "is required");
  expect_invalid(r.query_as<std::string>("missing"), "/query/missing", "is required");
  // A fallback does not excuse a malformed value.
  expect_invalid(r.query_as<int>("word", 5), "/query/word", "must be an integer");
}

TEST(RequestPathParams, TypedAccess) {
  Request r;
  r.path_params = {{"id", "42"}, {"slug", "hello-world"}, {"flag", "false"}, {"bad", "4x"}};
  EXPECT_EQ(r.path_param("slug"), "hello-world");
  EXPECT_EQ(r.path_param("nope"), std::nullopt);
  EXPECT_EQ(r.path_param_as<int>("id").value(), 42);
  EXPECT_EQ(r.path_param_as<long long>("id").value(), 42);
  EXPECT_EQ(r.path_param_as<std::string>("slug").value(), "hello-world");
  EXPECT_FALSE(r.path_param_as<bool>("flag").value());

  const auto bad = r.path_param_as<int>("bad");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code, ErrorCode::INVALID_PARAMETER);
  ASSERT_EQ(bad.error().fields.size(), 1U);
  EXPECT_EQ(bad.error().fields[0].pointer, "/path/bad");

  const auto not_bool = r.path_param_as<bool>("slug");
  ASSERT_FALSE(not_bool.ok());
  EXPECT_EQ(not_bool.error().fields[0].pointer, "/path/slug");
  EXPECT_EQ(not_bool.error().fields[0].message, "must be true or false");

  const auto missing = r.path_param_as<int>("x");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, ErrorCode::INVALID_PARAMETER);
  EXPECT_EQ(missing.error().fields[0].pointer, "/path/x");
  EXPECT_EQ(missing.error().fields[0].message, "is required");
}

TEST(Request, HeaderLookupIsCaseInsensitive) {
  Request r;
  r.headers.set("X-Request-Id", "abc");
  EXPECT_EQ(r.header("x-request-id"), "abc");
  EXPECT_EQ(r.header("x-missing"), std::nullopt);
}

}  // namespace
}  // namespace hub::http
