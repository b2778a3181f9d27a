#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/auth/user_context.hpp"
#include "core/result.hpp"
#include "data/page.hpp"
#include "http/request.hpp"
#include "http/response.hpp"
#include "models/codec.hpp"
#include "services/actor.hpp"
#include "services/version_precondition.hpp"

// What route handlers share: the caller, the body as a model, paging, ETag and If-Match.
namespace hub::handlers {

// The authenticated caller. The authentication middleware sets it on every protected route;
// its absence there is UNAUTHENTICATED rather than a crash.
[[nodiscard]] Result<const core::auth::UserContext*> caller_of(const http::Request& request);

// Who is changing something, for the activity log.
[[nodiscard]] services::Actor actor_of(const http::Request& request);

// The body, read and validated as `T`: every bad field at once (VALIDATION_FAILED), unknown
// fields included. A missing body is VALIDATION_FAILED at the document root.
template <models::Model T>
[[nodiscard]] Result<T> body_as(const http::Request& request) {
  if (!request.json) return Error::validation({{"", "a JSON body is required"}});
  return models::from_json<T>(*request.json);
}

// `limit` (1-100, default 20) and `cursor` from the query string.
[[nodiscard]] Result<data::PageRequest> page_request_of(const http::Request& request);

// A version as a strong entity tag: "3".
[[nodiscard]] std::string etag_of(std::int64_t version);

// If-Match (RFC 9110 §13.1.1) as versions: absent, `*`, or a list of entity tags. Weak tags never
// match (strong comparison); a tag naming no version of ours matches nothing.
[[nodiscard]] services::VersionPrecondition if_match_of(const http::Request& request);

// A JSON response carrying the ETag of `version`.
[[nodiscard]] http::Response json_with_etag(int status, const json::value& body, std::int64_t version);

}  // namespace hub::handlers
