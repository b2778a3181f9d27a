#include "handlers/request_helpers.hpp"
#include "models/user_api.hpp"

#include <gtest/gtest.h>

namespace hub::handlers {
namespace {

services::VersionPrecondition precondition(std::optional<std::string> if_match) {
  http::Request request;
  if (if_match) request.headers.add("If-Match", *if_match);
  return if_match_of(request);
}

bool admits(std::optional<std::string> if_match, std::int64_t current) {
  return precondition(std::move(if_match)).allows(current);
}

TEST(EntityTags, AVersionIsAStrongQuotedTag) {
  EXPECT_EQ(etag_of(1), "\"1\"");
  EXPECT_EQ(etag_of(42), "\"42\"");
}

TEST(EntityTags, IfMatchComparesStronglyAndAcceptsListsAndAStar) {
  EXPECT_TRUE(admits(std::nullopt, 3)) << "no header: no precondition";
  EXPECT_TRUE(admits("\"3\"", 3));
  EXPECT_TRUE(admits("*", 3));
  EXPECT_TRUE(admits(" * ", 3));
  EXPECT_TRUE(admits("\"1\", \"3\"", 3));
  EXPECT_TRUE(admits("\"1\",\"3\"", 3));
  EXPECT_TRUE(admits("W/\"3\", \"3\"", 3));
  EXPECT_TRUE(admits("\"a,b\", \"3\"", 3)) << "a comma inside a foreign tag hides nothing";

  EXPECT_FALSE(admits("\"2\"", 3));
  EXPECT_FALSE(admits("W/\"3\"", 3)) << "weak tags never match strongly";
  EXPECT_FALSE(admits("3", 3)) << "an unquoted version is not an entity tag";
  EXPECT_FALSE(admits("\"03\"", 3)) << "strong comparison is character by character";
  EXPECT_FALSE(admits("\"3", 3));
  EXPECT_FALSE(admits("", 3)) << "a header without tags admits nothing";
  EXPECT_FALSE(admits("*3", 3));
  EXPECT_FALSE(admits("\"-1\"", -1));
  EXPECT_FALSE(admits("junk, \"2\"", 3));
  EXPECT_TRUE(admits("junk, \"3\"", 3)) << "a malformed member does not hide the others";
}

TEST(EntityTags, AStarNeedsAStoredItem) {
  EXPECT_FALSE(precondition("*").allows(0, false));
  EXPECT_TRUE(precondition(std::nullopt).allows(0, false));
  EXPECT_TRUE(precondition("\"0\"").allows(0, false)) << "version 0: the defaults, not yet stored";
}

TEST(PageRequests, LimitAndCursorComeFromTheQuery) {
  http::Request request;
  request.query_string = "limit=5&cursor=abc";
  const auto page = page_request_of(request);
  ASSERT_TRUE(page);
  EXPECT_EQ(page->limit, 5);
  EXPECT_EQ(page->cursor, "abc");
  request.query_string = "";
  EXPECT_EQ(page_request_of(request)->limit, data::kDefaultPageSize);
  for (const auto* bad : {"limit=0", "limit=101", "limit=x", "limit=-1"}) {
    request.query_string = bad;
    const auto refused = page_request_of(request);
    ASSERT_FALSE(refused) << bad;
    EXPECT_EQ(refused.error().code, ErrorCode::INVALID_PARAMETER);
    EXPECT_EQ(refused.error().fields.at(0).pointer, "/query/limit");
  }
  request.query_string = "cursor=" + std::string(3000, 'a');
  EXPECT_EQ(page_request_of(request).error().code, ErrorCode::INVALID_CURSOR);
}

TEST(Bodies, AMissingBodyIsAValidationFailureAtTheRoot) {
  const http::Request request;
  const auto body = body_as<models::UserBatchRequest>(request);
  ASSERT_FALSE(body);
  EXPECT_EQ(body.error().code, ErrorCode::VALIDATION_FAILED);
  EXPECT_EQ(body.error().fields.at(0).pointer, "");
}

}  // namespace
}  // namespace hub::handlers
