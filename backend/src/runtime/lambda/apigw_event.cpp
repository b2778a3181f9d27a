#include "runtime/lambda/apigw_event.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <utility>

#include <fmt/format.h>

#include "core/base64.hpp"
#include "core/text.hpp"

namespace hub::runtime::lambda {
namespace {

Error malformed(std::string_view what) {
  return Error::make(ErrorCode::BAD_REQUEST,
                     fmt::format("Not an API Gateway HTTP API (2.0) event: {}.", what));
}

// Reads an optional string member; a present member of another type is a malformed event.
Result<std::string_view> optional_string(const json::object& object, std::string_view key,
                                         std::string_view path) {
  const auto* value = object.if_contains(key);
  if (value == nullptr || value->is_null()) return std::string_view{};
  if (!value->is_string()) return malformed(fmt::format("{} is not a string", path));
  return std::string_view{value->get_string()};
}

Result<const json::object*> optional_object(const json::object& object, std::string_view key,
                                            std::string_view path) {
  const auto* value = object.if_contains(key);
  if (value == nullptr || value->is_null()) return static_cast<const json::object*>(nullptr);
  if (!value->is_object()) return malformed(fmt::format("{} is not an object", path));
  return &value->get_object();
}

bool is_unreserved(char c) noexcept {
  return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '-' || c == '.' || c == '_' || c == '~';
}

std::string query_encode(std::string_view text) {
  std::string out;
  for (const char c : text) {
    if (is_unreserved(c)) {
      out.push_back(c);
    } else {
      out += fmt::format("%{:02X}", static_cast<unsigned char>(c));
    }
  }
  return out;
}

// queryStringParameters holds decoded values, repeated ones comma-joined: `a=1&a=2` is
// {"a": "1,2"}. A value that itself contained a comma cannot be told apart; rawQueryString
// is always preferred, this is only the fallback.
Result<std::string> rebuild_query(const json::object& parameters) {
  std::string query;
  for (const auto& [name, value] : parameters) {
    if (!value.is_string()) return malformed("queryStringParameters holds a non-string value");
    std::string_view values = value.get_string();
    for (;;) {
      const auto comma = values.find(',');
      if (!query.empty()) query.push_back('&');
      query += query_encode(name);
      query.push_back('=');
      query += query_encode(values.substr(0, comma));
      if (comma == std::string_view::npos) break;
      values.remove_prefix(comma + 1);
    }
  }
  return query;
}

Status read_headers(const json::object& event, http::Request& request) {
  auto headers = optional_object(event, "headers", "headers");
  if (!headers) return std::move(headers).error();
  if (*headers == nullptr) return {};
  for (const auto& [name, value] : **headers) {
    if (!value.is_string())
      return malformed(fmt::format("header {} is not a string", std::string_view{name}));
    request.headers.add(name, value.get_string());
  }
  return {};
}

Status read_cookies(const json::object& event, http::Request& request) {
  const auto* cookies = event.if_contains("cookies");
  if (cookies == nullptr || cookies->is_null()) return {};
  if (!cookies->is_array()) return malformed("cookies is not an array");
  for (const auto& cookie : cookies->get_array()) {
    if (!cookie.is_string()) return malformed("cookies holds a non-string value");
    request.cookies.emplace_back(cookie.get_string());
  }
  return {};
}

Status read_body(const json::object& event, http::Request& request) {
  auto body = optional_string(event, "body", "body");
  if (!body) return std::move(body).error();
  const auto* encoded = event.if_contains("isBase64Encoded");
  if (encoded != nullptr && !encoded->is_null() && !encoded->is_bool()) {
    return malformed("isBase64Encoded is not a boolean");
  }
  if (encoded != nullptr && encoded->is_bool() && encoded->get_bool()) {
    auto decoded = core::base64_decode(*body);
    if (!decoded) return malformed("body is not valid base64");
    request.body = std::move(*decoded);
  } else {
    request.body = std::string(*body);
  }
  return {};
}

Status read_query(const json::object& event, http::Request& request) {
  auto raw = optional_string(event, "rawQueryString", "rawQueryString");
  if (!raw) return std::move(raw).error();
  auto parameters = optional_object(event, "queryStringParameters", "queryStringParameters");
  if (!parameters) return std::move(parameters).error();
  if (!raw->empty() || *parameters == nullptr) {
    request.query_string = std::string(*raw);
    return {};
  }
  auto rebuilt = rebuild_query(**parameters);
  if (!rebuilt) return std::move(rebuilt).error();
  request.query_string = std::move(*rebuilt);
  return {};
}

// Method, path and the transport facts kept in requestContext.
Status read_request_line(const json::object& event, http::Request& request) {
  auto context = optional_object(event, "requestContext", "requestContext");
  if (!context) return std::move(context).error();
  if (*context == nullptr) return malformed("requestContext is missing");
  auto http_context = optional_object(**context, "http", "requestContext.http");
  if (!http_context) return std::move(http_context).error();
  if (*http_context == nullptr) return malformed("requestContext.http is missing");

  auto method = optional_string(**http_context, "method", "requestContext.http.method");
  if (!method) return std::move(method).error();
  if (method->empty()) return malformed("requestContext.http.method is missing");
  request.method = std::string(*method);
  std::transform(request.method.begin(), request.method.end(), request.method.begin(),
                 [](char c) { return static_cast<char>(std::toupper(static_cast<unsigned char>(c))); });

  auto raw_path = optional_string(event, "rawPath", "rawPath");
  if (!raw_path) return std::move(raw_path).error();
  auto context_path = optional_string(**http_context, "path", "requestContext.http.path");
  if (!context_path) return std::move(context_path).error();
  const std::string_view path = raw_path->empty() ? *context_path : *raw_path;
  if (path.empty() || path.front() != '/') return malformed("rawPath is missing or not absolute");
  auto decoded = core::percent_decode(path, false);
  if (!decoded) return malformed("rawPath has a bad percent-escape");
  request.path = std::move(*decoded);

  auto request_id = optional_string(**context, "requestId", "requestContext.requestId");
  if (!request_id) return std::move(request_id).error();
  request.gateway_request_id = std::string(*request_id);
  auto source_ip = optional_string(**http_context, "sourceIp", "requestContext.http.sourceIp");
  if (!source_ip) return std::move(source_ip).error();
  request.remote_address = std::string(*source_ip);
  return {};
}

// RFC 3629 well-formedness: a body that is not UTF-8 cannot travel as a JSON string.
bool is_utf8(std::string_view text) noexcept {
  std::size_t i = 0;
  while (i < text.size()) {
    const auto c = static_cast<unsigned char>(text[i]);
    std::size_t extra = 0;
    unsigned min_second = 0x80;
    unsigned max_second = 0xBF;
    if (c < 0x80) {
      ++i;
      continue;
    }
    if (c >= 0xC2 && c <= 0xDF) {
      extra = 1;
    } else if (c >= 0xE0 && c <= 0xEF) {
      extra = 2;
      if (c == 0xE0) min_second = 0xA0;  // overlong
      if (c == 0xED) max_second = 0x9F;  // surrogates
    } else if (c >= 0xF0 && c <= 0xF4) {
      extra = 3;
      if (c == 0xF0) min_second = 0x90;  // overlong
      if (c == 0xF4) max_second = 0x8F;  // above U+10FFFF
    } else {
      return false;
    }
    if (i + extra >= text.size()) return false;  // truncated sequence
    for (std::size_t k = 1; k <= extra; ++k) {
      const auto next = static_cast<unsigned char>(text[i + k]);
      const unsigned low = k == 1 ? min_second : 0x80;
      const unsigned high = k == 1 ? max_second : 0xBF;
      if (next < low || next > high) return false;
    }
    i += extra + 1;
  }
  return true;
}

}  // namespace

Result<http::Request> request_from_apigw_event(std::string_view event_text) {
  auto parsed = parse_json(event_text);
  if (!parsed) return std::move(parsed).error();
  return request_from_apigw_json(*parsed);
}

Result<http::Request> request_from_apigw_json(const json::value& event_value) {
  if (!event_value.is_object()) return malformed("the event is not a JSON object");
  const auto& event = event_value.get_object();
  const auto* version = event.if_contains("version");
  if (version == nullptr || !version->is_string() || version->get_string() != "2.0") {
    return malformed("version is not \"2.0\"");
  }
  http::Request request;
  for (const auto step : {read_request_line, read_headers, read_cookies, read_query, read_body}) {
    if (auto status = step(event, request); !status) return std::move(status).error();
  }
  if (const auto trace = request.headers.get("x-amzn-trace-id")) request.trace_id = std::string(*trace);
  return request;
}

bool is_authorizer_event(const json::value& event) noexcept {
  const auto* object = event.if_object();
  if (object == nullptr) return false;
  const auto is_string = [&](std::string_view key, std::string_view expected) {
    const auto* value = object->if_contains(key);
    return value != nullptr && value->is_string() && (expected.empty() || value->get_string() == expected);
  };
  return is_string("version", "2.0") && is_string("type", "REQUEST") && is_string("routeArn", {});
}

bool is_textual_content_type(std::string_view content_type) noexcept {
  const auto semicolon = content_type.find(';');
  std::string type = core::to_lower(content_type.substr(0, semicolon));
  while (!type.empty() && (type.back() == ' ' || type.back() == '\t')) type.pop_back();
  const std::string_view mime = type;
  const auto ends_with = [&](std::string_view suffix) { return mime.ends_with(suffix); };
  if (mime.starts_with("text/")) return true;
  if (ends_with("+json") || ends_with("+xml") || ends_with("+yaml")) return true;
  static constexpr std::array<std::string_view, 8> kTextual = {
      "application/json",         "application/xml",        "application/javascript",
      "application/x-javascript", "application/ecmascript", "application/x-www-form-urlencoded",
      "application/yaml",         "application/graphql"};
  return std::find(kTextual.begin(), kTextual.end(), mime) != kTextual.end();
}

json::object apigw_response(const http::Response& response) {
  json::object out;
  out["statusCode"] = response.status;

  // Group repeated names (case-insensitively, first spelling wins) into one comma-joined value.
  json::object headers;
  std::vector<std::pair<std::string, std::string>> grouped;
  json::array cookies;
  for (const auto& [name, value] : response.headers) {
    if (http::iequals(name, "Set-Cookie")) {
      cookies.emplace_back(value);  // a Set-Cookie value may itself contain commas
      continue;
    }
    const auto same = std::find_if(grouped.begin(), grouped.end(),
                                   [&](const auto& field) { return http::iequals(field.first, name); });
    if (same == grouped.end()) {
      grouped.emplace_back(name, value);
    } else {
      same->second += ",";
      same->second += value;
    }
  }
  for (const auto& [name, value] : grouped) headers[name] = value;
  for (const auto& cookie : response.cookies) cookies.emplace_back(cookie);
  out["headers"] = std::move(headers);
  if (!cookies.empty()) out["cookies"] = std::move(cookies);

  const auto content_type = response.headers.get("Content-Type");
  const bool textual = (!content_type || is_textual_content_type(*content_type)) && is_utf8(response.body);
  out["body"] = textual ? response.body : core::base64_encode(response.body);
  out["isBase64Encoded"] = !textual;
  return out;
}

std::string apigw_response_text(const http::Response& response) {
  return to_json_text(apigw_response(response));
}

}  // namespace hub::runtime::lambda
