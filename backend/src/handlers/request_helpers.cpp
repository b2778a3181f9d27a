#include "handlers/request_helpers.hpp"

#include <fmt/format.h>

#include "core/text.hpp"

namespace hub::handlers {
namespace {

constexpr std::size_t kMaxCursorLength = 2048;

// "3" (with the quotes) as 3; nothing for a weak or foreign tag.
std::optional<std::int64_t> version_of_tag(std::string_view tag) {
  if (tag.size() < 3 || tag.front() != '"' || tag.back() != '"') return std::nullopt;
  const auto digits = tag.substr(1, tag.size() - 2);
  if (digits.size() > 1 && digits.front() == '0') return std::nullopt;  // "03" is not the tag "3"
  const auto version = core::parse_number<std::int64_t>(digits);
  if (!version || *version < 0) return std::nullopt;
  return version;
}

}  // namespace

Result<const core::auth::UserContext*> caller_of(const http::Request& request) {
  if (!request.user) return Error::make(ErrorCode::UNAUTHENTICATED, "Authentication is required.");
  return &*request.user;
}

services::Actor actor_of(const http::Request& request) {
  return {.user_id = request.user ? request.user->user_id : std::string{}, .request_id = request.request_id};
}

Result<data::PageRequest> page_request_of(const http::Request& request) {
  auto limit = request.query_as<int>("limit", data::kDefaultPageSize);
  if (!limit) return std::move(limit).error();
  data::PageRequest page{.limit = *limit, .cursor = request.query("cursor").value_or("")};
  if (page.cursor.size() > kMaxCursorLength) {
    return Error::make(ErrorCode::INVALID_CURSOR, "The cursor is not one this API issued.");
  }
  if (auto valid = data::check_page_request(page); !valid) return std::move(valid).error();
  return page;
}

std::string etag_of(std::int64_t version) { return fmt::format("\"{}\"", version); }

services::VersionPrecondition if_match_of(const http::Request& request) {
  services::VersionPrecondition expected;
  const auto header = request.header("If-Match");
  if (!header) return expected;
  expected.present = true;
  std::string_view rest = *header;
  while (!rest.empty()) {
    const auto comma = rest.find(',');
    const auto tag = core::trim(rest.substr(0, comma));
    if (tag == "*") {
      expected.any = true;
    } else if (const auto version = version_of_tag(tag)) {
      expected.versions.push_back(*version);
    }
    if (comma == std::string_view::npos) break;
    rest.remove_prefix(comma + 1);
  }
  return expected;
}

http::Response json_with_etag(int status, const json::value& body, std::int64_t version) {
  auto response = http::Response::json(status, body);
  response.headers.set("ETag", etag_of(version));
  return response;
}

}  // namespace hub::handlers
