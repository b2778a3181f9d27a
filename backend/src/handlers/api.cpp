#include "handlers/api.hpp"

#include <algorithm>
#include <set>

#include "core/build_info.hpp"
#include "core/error.hpp"
#include "models/problem.hpp"

namespace hub::handlers {
namespace {

std::string_view status_title(int status) {
  for (const auto& row : all_error_codes()) {
    if (row.http_status == status) return row.title;
  }
  return "Error";
}

json::object response_headers() {
  return json::object{
      {"X-Request-Id", json::object{{"description", "The request id; quote it when reporting a problem"},
                                    {"schema", json::object{{"type", "string"}}}}},
      {"X-Correlation-Id", json::object{{"description", "The correlation id, propagated or the request id"},
                                        {"schema", json::object{{"type", "string"}}}}},
  };
}

// The rate-limit fields (draft-ietf-httpapi-ratelimit-headers-11, docs/rate-limiting.md) that
// every counted response carries; Retry-After on a 429.
void add_rate_limit_headers(json::object& headers, bool refused) {
  headers["RateLimit-Policy"] =
      json::object{{"description",
                    "The quota this request counted under, per user (per client address when anonymous): "
                    "`\"<class>\";q=<requests>;w=<window seconds>`, e.g. `\"read\";q=600;w=60`"},
                   {"schema", json::object{{"type", "string"}}}};
  headers["RateLimit"] = json::object{
      {"description",
       "What is left of that quota and when the window ends: `\"<class>\";r=<remaining>;t=<seconds>`, e.g. "
       "`\"read\";r=599;t=37`. Absent when the count could not be read"},
      {"schema", json::object{{"type", "string"}}}};
  if (refused) {
    headers["Retry-After"] =
        json::object{{"description", "Seconds until the window ends and requests are accepted again"},
                     {"schema", json::object{{"type", "integer"}, {"minimum", 1}}}};
  }
}

json::object bearer_auth_scheme() {
  return json::object{
      {"type", "http"},
      {"scheme", "bearer"},
      {"bearerFormat", "JWT"},
      {"description",
       "A Cognito ID or access token of this user pool's app clients, as `Authorization: Bearer <token>`. "
       "Roles come from the API's own records; each operation names the permission it needs in "
       "`x-required-permission`."},
  };
}

// The challenge a 401 or 403 carries (RFC 6750 §3).
json::object www_authenticate_header() {
  return json::object{
      {"description", "Bearer challenge: realm, and the error code when a token was rejected"},
      {"schema", json::object{{"type", "string"}}}};
}

// security and x-required-permission of an operation, and the statuses its access adds.
void describe_access(const Access& access, json::object& operation, std::set<int>& errors) {
  if (access.is_public()) {
    operation["security"] = json::array{};
    return;
  }
  operation["security"] = json::array{json::object{{"bearerAuth", json::array{}}}};
  operation["x-required-permission"] = core::auth::permission_name(*access.permission());
  // 503: the caller's roles could not be read (authorization fails closed).
  errors.insert({401, 403, 503});
}

}  // namespace

void Api::add(Operation operation, http::Handler handler) {
  router_.add(operation.method, operation.path, std::move(handler), operation.summary,
              operation.access.permission(), operation.details.rate_class);
  operations_.push_back(std::move(operation));
}

json::object openapi_document(const std::vector<Operation>& operations) {
  models::SchemaRegistry registry;
  const json::value problem_ref = registry.schema<models::Problem>();
  json::object paths;
  for (const auto& op : operations) {
    json::object responses;
    auto success_headers = response_headers();
    add_rate_limit_headers(success_headers, false);
    if (op.details.etag) {
      success_headers["ETag"] =
          json::object{{"description", "The version of the resource, for If-Match on the next change"},
                       {"schema", json::object{{"type", "string"}}}};
    }
    responses[std::to_string(op.success_status)] = json::object{
        {"description", "Success"},
        {"headers", std::move(success_headers)},
        {"content", json::object{{op.details.media_type.empty() ? "application/json" : op.details.media_type,
                                  json::object{{"schema", op.response_schema(registry)}}}}},
    };
    json::object operation{{"summary", op.summary}, {"tags", json::array{op.tag}}};
    // What the transport or the middleware may answer before any operation runs (docs/errors.md).
    std::set<int> errors{400, 404, 405, 413, 415, 429, 431, 500};
    describe_access(op.access, operation, errors);
    if (op.details.if_match) errors.insert(412);
    errors.insert(op.details.errors.begin(), op.details.errors.end());
    for (int status : errors) {
      auto headers = response_headers();
      if (status == 401 || status == 403) headers["WWW-Authenticate"] = www_authenticate_header();
      if (status == 429) add_rate_limit_headers(headers, true);
      responses[std::to_string(status)] = json::object{
          {"description", status_title(status)},
          {"headers", std::move(headers)},
          {"content", json::object{{"application/problem+json", json::object{{"schema", problem_ref}}}}},
      };
    }
    operation["responses"] = std::move(responses);
    std::string operation_id = op.method;
    std::transform(operation_id.begin(), operation_id.end(), operation_id.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    for (char c : op.path) {
      operation_id.push_back(std::isalnum(static_cast<unsigned char>(c)) != 0 ? c : '_');
    }
    operation["operationId"] = operation_id;
    json::array parameters;
    for (std::size_t open = op.path.find('{'); open != std::string::npos;
         open = op.path.find('{', open + 1)) {
      const auto close = op.path.find('}', open);
      parameters.push_back(json::object{{"name", op.path.substr(open + 1, close - open - 1)},
                                        {"in", "path"},
                                        {"required", true},
                                        {"schema", json::object{{"type", "string"}}}});
    }
    for (const auto& q : op.details.query) {
      json::object parameter{
          {"name", q.name}, {"in", "query"}, {"required", q.required}, {"schema", q.schema}};
      if (!q.description.empty()) parameter["description"] = q.description;
      parameters.push_back(std::move(parameter));
    }
    if (op.details.if_match) {
      parameters.push_back(
          json::object{{"name", "If-Match"},
                       {"in", "header"},
                       {"required", false},
                       {"description", "The ETag of the version being changed; a mismatch answers 412"},
                       {"schema", json::object{{"type", "string"}}}});
    }
    if (!parameters.empty()) operation["parameters"] = std::move(parameters);
    if (op.request_schema) {
      operation["requestBody"] = json::object{
          {"required", true},
          {"content",
           json::object{{"application/json", json::object{{"schema", op.request_schema(registry)}}}}}};
    }
    std::string method = op.method;
    std::transform(method.begin(), method.end(), method.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    auto& path_item = paths[op.path];
    if (!path_item.is_object()) path_item = json::object{};
    path_item.as_object()[method] = std::move(operation);
  }
  const auto& build = core::build_info();
  return json::object{
      {"openapi", "3.1.0"},
      {"info", json::object{{"title", "IGAD Innovation Hub API"},
                            {"version", build.version},
                            {"description",
                             "JSON API of the IGAD Innovation Hub. Errors are RFC 9457 problem "
                             "documents with a stable `code` (see docs/errors.md)."}}},
      {"paths", std::move(paths)},
      {"components", json::object{{"schemas", registry.components()},
                                  {"securitySchemes", json::object{{"bearerAuth", bearer_auth_scheme()}}}}},
  };
}

}  // namespace hub::handlers
