#pragma once

#include <charconv>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "core/auth/user_context.hpp"
#include "core/error.hpp"
#include "core/json.hpp"
#include "core/result.hpp"
#include "http/headers.hpp"

namespace hub::http {

// A failure the transport found before the request could be fully read. The request still
// goes through the pipeline, so the error response gets every header other responses get.
enum class TransportError : unsigned char { none, malformed, body_too_large, head_too_large };

// One HTTP request, independent of where it came from (Beast socket or Lambda event).
struct Request {
  std::string method;        // upper case: GET, POST, ...
  std::string path;          // percent-decoded path, no query
  std::string query_string;  // raw, without '?'
  Headers headers;
  std::vector<std::string> cookies;  // "name=value" each
  std::string body;
  // The body parsed once by the JSON body middleware; empty when there is no body.
  std::optional<json::value> json;

  // Transport facts.
  std::string remote_address;
  std::string gateway_request_id;  // API Gateway's requestContext.requestId, when behind it
  std::string trace_id;            // X-Ray trace header, when present
  TransportError transport_error = TransportError::none;

  // Filled in along the pipeline.
  std::string request_id;
  std::string correlation_id;
  std::string route;  // the matched template, e.g. "/users/{id}"; empty if none matched
  std::vector<std::pair<std::string, std::string>> path_params;
  // Who is calling: set by the authentication middleware on routes that require a permission,
  // empty on public routes.
  std::optional<core::auth::UserContext> user;

  [[nodiscard]] std::optional<std::string_view> header(std::string_view name) const noexcept {
    return headers.get(name);
  }

  // First value of a query parameter (decoded); std::nullopt when absent.
  [[nodiscard]] std::optional<std::string> query(std::string_view name) const;
  // Every value of a repeated query parameter, in order.
  [[nodiscard]] std::vector<std::string> query_all(std::string_view name) const;
  [[nodiscard]] std::optional<std::string_view> path_param(std::string_view name) const noexcept;

  // Typed access: a missing or malformed value is an INVALID_PARAMETER error naming it.
  template <class T>
  [[nodiscard]] Result<T> path_param_as(std::string_view name) const;
  template <class T>
  [[nodiscard]] Result<T> query_as(std::string_view name, std::optional<T> fallback = std::nullopt) const;
};

namespace detail {

template <class T>
Result<T> convert_parameter(std::string_view text, std::string_view pointer) {
  if constexpr (std::is_same_v<T, std::string>) {
    return std::string(text);
  } else if constexpr (std::is_same_v<T, bool>) {
    if (text == "true" || text == "1") return true;
    if (text == "false" || text == "0") return false;
    return Error{ErrorCode::INVALID_PARAMETER,
                 "A parameter is malformed.",
                 {{std::string(pointer), "must be true or false"}}};
  } else {
    static_assert(std::is_integral_v<T>, "path/query parameters are strings, booleans or integers");
    T value{};
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc{} || end != text.data() + text.size()) {
      return Error{ErrorCode::INVALID_PARAMETER,
                   "A parameter is malformed.",
                   {{std::string(pointer), "must be an integer"}}};
    }
    return value;
  }
}

}  // namespace detail

template <class T>
Result<T> Request::path_param_as(std::string_view name) const {
  const auto pointer = fmt::format("/path/{}", name);
  const auto text = path_param(name);
  if (!text) {
    return Error{ErrorCode::INVALID_PARAMETER, "A path parameter is missing.", {{pointer, "is required"}}};
  }
  return detail::convert_parameter<T>(*text, pointer);
}

template <class T>
Result<T> Request::query_as(std::string_view name, std::optional<T> fallback) const {
  const auto pointer = fmt::format("/query/{}", name);
  const auto text = query(name);
  if (!text) {
    if (fallback) return std::move(*fallback);
    return Error{ErrorCode::INVALID_PARAMETER, "A query parameter is missing.", {{pointer, "is required"}}};
  }
  return detail::convert_parameter<T>(*text, pointer);
}

}  // namespace hub::http
