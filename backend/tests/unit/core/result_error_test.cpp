#include <set>
#include <string>

#include <gtest/gtest.h>

#include "core/error.hpp"
#include "core/result.hpp"

namespace hub {
namespace {

Result<int> half(int n) {
  if (n % 2 != 0) return Error::make(ErrorCode::BAD_REQUEST, "odd");
  return n / 2;
}

TEST(Result, HoldsValue) {
  auto r = half(8);
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(static_cast<bool>(r));
  EXPECT_EQ(r.value(), 4);
  EXPECT_EQ(*r, 4);
}

TEST(Result, HoldsError) {
  auto r = half(3);
  ASSERT_FALSE(r.ok());
  EXPECT_FALSE(static_cast<bool>(r));
  EXPECT_EQ(r.error().code, ErrorCode::BAD_REQUEST);
  EXPECT_EQ(r.error().detail, "odd");
  EXPECT_TRUE(r.error().fields.empty());
}

TEST(Result, MovesValueAndErrorOut) {
  Result<std::string> ok = std::string("payload");
  EXPECT_EQ(ok->size(), 7U);
  const std::string taken = std::move(ok).value();
  EXPECT_EQ(taken, "payload");

  Result<std::string> bad = Error::validation({{"/a", "is required"}});
  Error e = std::move(bad).error();
  EXPECT_EQ(e.code, ErrorCode::VALIDATION_FAILED);
  EXPECT_EQ(e.detail, "The request has invalid fields.");
  ASSERT_EQ(e.fields.size(), 1U);
  EXPECT_EQ(e.fields[0], (FieldError{"/a", "is required"}));
}

TEST(Status, DefaultIsOkAndErrorIsNot) {
  const Status fine;
  EXPECT_TRUE(fine.ok());
  EXPECT_TRUE(static_cast<bool>(fine));

  const Status failed = Error::make(ErrorCode::DEPENDENCY_UNAVAILABLE, "storage down");
  EXPECT_FALSE(failed.ok());
  EXPECT_EQ(failed.error().code, ErrorCode::DEPENDENCY_UNAVAILABLE);
  EXPECT_EQ(failed.error().detail, "storage down");
}

TEST(ErrorTable, EveryCodeHasUniqueNameStatusAndTitle) {
  const auto& all = all_error_codes();
  ASSERT_FALSE(all.empty());
  std::set<std::string_view> names;
  for (std::size_t i = 0; i < all.size(); ++i) {
    const auto& row = all[i];
    SCOPED_TRACE(std::string(row.name));
    EXPECT_EQ(static_cast<std::size_t>(row.code), i) << "table order must match the enum";
    EXPECT_TRUE(names.insert(row.name).second) << "duplicate name";
    EXPECT_GE(row.http_status, 400);
    EXPECT_LE(row.http_status, 599);
    EXPECT_FALSE(row.title.empty());
    EXPECT_FALSE(row.meaning.empty());
    for (char c : row.name) EXPECT_TRUE((c >= 'A' && c <= 'Z') || c == '_') << "name must be UPPER_SNAKE";
    EXPECT_EQ(name(row.code), row.name);
    EXPECT_EQ(http_status(row.code), row.http_status);
    EXPECT_EQ(&info(row.code), &info(row.code));
    EXPECT_EQ(info(row.code).title, row.title);
  }
}

TEST(ErrorTable, WellKnownCodesHaveTheirStatus) {
  EXPECT_EQ(http_status(ErrorCode::VALIDATION_FAILED), 400);
  EXPECT_EQ(http_status(ErrorCode::NOT_FOUND), 404);
  EXPECT_EQ(http_status(ErrorCode::METHOD_NOT_ALLOWED), 405);
  EXPECT_EQ(http_status(ErrorCode::VERSION_CONFLICT), 409);
  EXPECT_EQ(http_status(ErrorCode::PRECONDITION_FAILED), 412);
  EXPECT_EQ(http_status(ErrorCode::RATE_LIMITED), 429);
  EXPECT_EQ(http_status(ErrorCode::INTERNAL), 500);
  EXPECT_EQ(name(ErrorCode::MALFORMED_JSON), "MALFORMED_JSON");
}

TEST(Error, DefaultIsInternal) {
  const Error e;
  EXPECT_EQ(e.code, ErrorCode::INTERNAL);
}

}  // namespace
}  // namespace hub
