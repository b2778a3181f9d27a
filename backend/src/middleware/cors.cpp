#include "middleware/cors.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "core/text.hpp"
#include "http/problem.hpp"

namespace hub::middleware {
namespace {

bool contains_folded(const std::vector<std::string>& list, std::string_view item) {
  return std::any_of(list.begin(), list.end(), [&](const std::string& s) { return http::iequals(s, item); });
}

void add_vary_origin(http::Response& response) {
  const auto vary = response.headers.get("Vary");
  if (!vary) {
    response.headers.set("Vary", "Origin");
  } else if (vary->find("Origin") == std::string_view::npos) {
    response.headers.set("Vary", fmt::format("{}, Origin", *vary));
  }
}

}  // namespace

CorsMiddleware::CorsMiddleware(CorsPolicy policy)
    : policy_(std::move(policy)),
      methods_(fmt::format("{}", fmt::join(policy_.allowed_methods, ", "))),
      headers_(fmt::format("{}", fmt::join(policy_.allowed_headers, ", "))),
      exposed_(fmt::format("{}", fmt::join(policy_.exposed_headers, ", "))),
      max_age_(std::to_string(policy_.max_age.count())) {}

bool CorsMiddleware::origin_allowed(std::string_view origin) const noexcept {
  return std::find(policy_.allowed_origins.begin(), policy_.allowed_origins.end(), origin) !=
         policy_.allowed_origins.end();
}

http::Response CorsMiddleware::preflight(const http::Request& request, std::string_view origin) const {
  const auto method = core::trim(*request.header("Access-Control-Request-Method"));
  std::string refusal;
  if (!origin_allowed(origin)) {
    refusal = fmt::format("Origin {} is not allowed to call this API.", origin);
  } else if (std::find(policy_.allowed_methods.begin(), policy_.allowed_methods.end(), method) ==
             policy_.allowed_methods.end()) {
    refusal = fmt::format("Method {} is not allowed for cross-origin requests.", method);
  } else if (const auto requested = request.header("Access-Control-Request-Headers")) {
    std::string_view rest = *requested;
    while (!rest.empty() && refusal.empty()) {
      const auto comma = rest.find(',');
      const auto name = core::trim(rest.substr(0, comma));
      if (!name.empty() && !contains_folded(policy_.allowed_headers, name)) {
        refusal = fmt::format("Header {} is not allowed for cross-origin requests.", name);
      }
      rest = comma == std::string_view::npos ? std::string_view{} : rest.substr(comma + 1);
    }
  }
  if (!refusal.empty()) {
    return http::problem_response(Error::make(ErrorCode::CORS_ORIGIN_DENIED, refusal), request.request_id,
                                  request.path);
  }
  http::Response response = http::Response::empty(204);
  response.headers.set("Access-Control-Allow-Origin", origin);
  response.headers.set("Access-Control-Allow-Methods", methods_);
  response.headers.set("Access-Control-Allow-Headers", headers_);
  response.headers.set("Access-Control-Max-Age", max_age_);
  add_vary_origin(response);
  return response;
}

http::Response CorsMiddleware::handle(http::Request& request, const http::Next& next) const {
  const auto origin_header = request.header("Origin");
  if (!origin_header) {
    return next(request);
  }
  const std::string origin(*origin_header);
  if (request.method == "OPTIONS" && request.header("Access-Control-Request-Method")) {
    return preflight(request, origin);
  }
  http::Response response = next(request);
  add_vary_origin(response);
  if (origin_allowed(origin)) {
    response.headers.set("Access-Control-Allow-Origin", origin);
    response.headers.set("Access-Control-Expose-Headers", exposed_);
  }
  return response;
}

}  // namespace hub::middleware
