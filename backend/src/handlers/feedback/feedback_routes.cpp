#include "handlers/feedback/feedback_routes.hpp"

#include <charconv>
#include <string>

#include <fmt/format.h>

#include "handlers/request_helpers.hpp"
#include "models/codec.hpp"
#include "models/feedback_requests.hpp"

namespace hub::handlers::feedback {
namespace {

using core::auth::Permission;

constexpr std::string_view kTag = "feedback";

json::array enumeration(const std::vector<std::string_view>& values) {
  json::array out;
  for (const auto value : values) out.emplace_back(value);
  return out;
}

std::vector<QueryParameter> list_parameters() {
  return {
      {"limit", fmt::format("How many items a page holds (default {})", data::kDefaultPageSize),
       json::object{{"type", "integer"},
                    {"minimum", 1},
                    {"maximum", data::kMaxPageSize},
                    {"default", data::kDefaultPageSize}},
       false},
      {"cursor", "The `next_cursor` of the page before; omit it for the first page",
       json::object{{"type", "string"}}, false},
      {"category", "Only feedback of this category",
       json::object{{"type", "string"}, {"enum", enumeration(models::feedback_categories())}}, false},
      {"status", "Only feedback in this status",
       json::object{{"type", "string"}, {"enum", enumeration(models::feedback_statuses())}}, false},
  };
}

// A filter value from the query, checked against the model's enumeration.
std::optional<std::string> enumerated(const http::Request& request, std::string_view name,
                                      const std::vector<std::string_view>& allowed,
                                      std::vector<FieldError>& errors) {
  auto value = request.query(name);
  if (value && std::ranges::find(allowed, *value) == allowed.end()) {
    errors.push_back(
        {fmt::format("/query/{}", name), fmt::format("must be one of: {}", fmt::join(allowed, ", "))});
  }
  return value;
}

// The caller: the authentication middleware sets the user on every protected route.
// One feedback, with its version as the ETag.
http::Response feedback_response(int status, const models::Feedback& feedback) {
  auto response = http::Response::json(status, models::to_json(feedback));
  response.headers.set("ETag", etag_of(feedback.version));
  return response;
}

std::string id_of(const http::Request& request) { return std::string(request.path_param("id").value_or("")); }

}  // namespace

Result<ListQuery> list_query(const http::Request& request) {
  ListQuery query;
  std::vector<FieldError> errors;
  if (const auto limit = request.query("limit")) {
    const auto* end = limit->data() + limit->size();
    const auto [parsed_to, ec] = std::from_chars(limit->data(), end, query.page.limit);
    if (ec != std::errc{} || parsed_to != end || query.page.limit < 1 ||
        query.page.limit > data::kMaxPageSize) {
      errors.push_back({"/query/limit", fmt::format("must be an integer from 1 to {}", data::kMaxPageSize)});
    }
  }
  query.page.cursor = request.query("cursor").value_or("");
  query.filter.category = enumerated(request, "category", models::feedback_categories(), errors);
  query.filter.status = enumerated(request, "status", models::feedback_statuses(), errors);
  if (!errors.empty()) {
    return Error{
        ErrorCode::INVALID_PARAMETER, "A query parameter has the wrong form.", std::move(errors), {}};
  }
  return query;
}

void register_feedback_routes(Api& api, std::shared_ptr<const services::FeedbackService> service) {
  api.with_body<models::FeedbackSubmission, models::Feedback>(
      "POST", "/feedback", "Send feedback about the platform", std::string(kTag),
      Access::require(Permission::feedback_create), 201,
      [service](const http::Request& request) -> Result<http::Response> {
        if (auto caller = caller_of(request); !caller) return std::move(caller).error();
        const auto author = actor_of(request);
        auto submission = body_as<models::FeedbackSubmission>(request);
        if (!submission) return std::move(submission).error();
        auto stored = service->submit(author, *submission);
        if (!stored) return std::move(stored).error();
        auto response = feedback_response(201, *stored);
        response.headers.set("Location", fmt::format("/feedback/{}", stored->id));
        return response;
      },
      {.etag = true, .rate_class = "feedback"});

  api.get<models::FeedbackPage>(
      "/feedback", "Everyone's feedback, newest first, optionally of one category and/or status",
      std::string(kTag), Access::require(Permission::feedback_read),
      [service](const http::Request& request) -> Result<http::Response> {
        auto query = list_query(request);
        if (!query) return std::move(query).error();
        auto page = service->list(query->filter, query->page);
        if (!page) return std::move(page).error();
        const models::FeedbackPage body{.items = std::move(page->items),
                                        .next_cursor = std::move(page->next_cursor)};
        return http::Response::json(200, models::to_json(body));
      },
      {.query = list_parameters()});

  api.get<models::Feedback>("/feedback/{id}", "One feedback, with its version as the ETag", std::string(kTag),
                            Access::require(Permission::feedback_read),
                            [service](const http::Request& request) -> Result<http::Response> {
                              auto found = service->find(id_of(request));
                              if (!found) return std::move(found).error();
                              return feedback_response(200, *found);
                            },
                            {.errors = {404}, .etag = true});

  api.with_body<models::FeedbackStatusChange, models::Feedback>(
      "PATCH", "/feedback/{id}", "Move feedback to another status, with an optional note", std::string(kTag),
      Access::require(Permission::feedback_manage), 200,
      [service](const http::Request& request) -> Result<http::Response> {
        if (auto caller = caller_of(request); !caller) return std::move(caller).error();
        const auto admin = actor_of(request);
        auto change = body_as<models::FeedbackStatusChange>(request);
        if (!change) return std::move(change).error();
        auto stored = service->change_status(admin, id_of(request), *change, if_match_of(request));
        if (!stored) return std::move(stored).error();
        return feedback_response(200, *stored);
      },
      {.errors = {404, 409}, .etag = true, .if_match = true});
}

}  // namespace hub::handlers::feedback
