#pragma once

#include <memory>

#include "core/result.hpp"
#include "data/feedback_repository.hpp"
#include "data/page.hpp"
#include "handlers/api.hpp"
#include "http/request.hpp"
#include "services/feedback_service.hpp"

namespace hub::handlers::feedback {

// What GET /feedback was asked for.
struct ListQuery {
  data::FeedbackFilter filter{};
  data::PageRequest page{};
};

// Reads `limit`, `cursor`, `category` and `status` from the query string. Every bad one is
// reported at once as INVALID_PARAMETER naming /query/<name>.
[[nodiscard]] Result<ListQuery> list_query(const http::Request& request);

// The feedback routes (docs/api.md, "Feedback"):
//   POST  /feedback       any signed-in member (feedback:create); 201, Location and ETag
//   GET   /feedback       administrators (feedback:read); paginated, filtered, newest first
//   GET   /feedback/{id}  administrators (feedback:read); ETag
//   PATCH /feedback/{id}  administrators (feedback:manage); If-Match, ETag
// The routes share `service` (whose repositories and recorder must outlive them).
void register_feedback_routes(Api& api, std::shared_ptr<const services::FeedbackService> service);

}  // namespace hub::handlers::feedback
