// The API Gateway HTTP API (payload 2.0) adapter: any bytes as a Lambda event.
//
// Invariants:
//  - the adapter never throws; a refusal is BAD_REQUEST, or MALFORMED_JSON for text that is not JSON;
//  - an accepted event gives an upper-case method and an absolute path;
//  - the request written back as an event (path percent-encoded, body base64) reads back as the
//    same request, from the JSON value and from its text;
//  - the request's body and headers answered as a response document come back unchanged (base64
//    when not textual), and the document is JSON text.

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <fmt/format.h>

#include "core/base64.hpp"
#include "core/json.hpp"
#include "fuzz_support.hpp"
#include "http/request.hpp"
#include "http/response.hpp"
#include "runtime/lambda/apigw_event.hpp"

namespace {

using hub::fuzz::require;
namespace json = hub::json;
namespace lambda = hub::runtime::lambda;

bool is_path_safe(char c) noexcept {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
         c == '_' || c == '~' || c == '/';
}

// rawPath as API Gateway sends it: every byte outside the unreserved set and '/' escaped.
std::string encode_path(std::string_view path) {
  std::string out;
  for (const char c : path) {
    if (is_path_safe(c)) {
      out.push_back(c);
    } else {
      out += fmt::format("%{:02X}", static_cast<unsigned char>(c));
    }
  }
  return out;
}

// The event API Gateway would send for `request`, or nothing when its header names repeat
// exactly (a JSON object cannot hold them twice).
std::optional<json::object> event_of(const hub::http::Request& request) {
  json::object headers;
  for (const auto& [name, value] : request.headers) headers[name] = value;
  if (headers.size() != request.headers.size()) return std::nullopt;
  json::array cookies;
  for (const auto& cookie : request.cookies) cookies.emplace_back(cookie);
  return json::object{
      {"version", "2.0"},
      {"rawPath", encode_path(request.path)},
      {"rawQueryString", request.query_string},
      {"headers", std::move(headers)},
      {"cookies", std::move(cookies)},
      {"body", hub::core::base64_encode(request.body)},
      {"isBase64Encoded", true},
      {"requestContext",
       {{"requestId", request.gateway_request_id},
        {"http", {{"method", request.method}, {"path", "/ignored"}, {"sourceIp", request.remote_address}}}}},
  };
}

bool same_request(const hub::http::Request& a, const hub::http::Request& b) {
  return a.method == b.method && a.path == b.path && a.query_string == b.query_string &&
         std::equal(a.headers.begin(), a.headers.end(), b.headers.begin(), b.headers.end()) &&
         a.cookies == b.cookies && a.body == b.body && a.gateway_request_id == b.gateway_request_id &&
         a.remote_address == b.remote_address && a.trace_id == b.trace_id;
}

void check_accepted(const hub::http::Request& request) {
  require(!request.method.empty(), "an accepted event has a method");
  require(
      std::none_of(request.method.begin(), request.method.end(), [](char c) { return c >= 'a' && c <= 'z'; }),
      "the method is upper case");
  require(!request.path.empty() && request.path.front() == '/', "the path is absolute");
}

void check_round_trip(const hub::http::Request& request) {
  const auto event = event_of(request);
  if (!event) return;
  auto again = lambda::request_from_apigw_json(*event);
  require(again.ok(), "the request written back as an event is accepted");
  require(same_request(request, *again), "the request written back as an event reads back unchanged");
  auto from_text = lambda::request_from_apigw_event(hub::to_json_text(*event));
  require(from_text.ok() && same_request(request, *from_text), "the event's text reads back unchanged");
}

void check_response(const hub::http::Request& request) {
  hub::http::Response response;
  std::size_t set_cookies = 0;
  for (const auto& [name, value] : request.headers) {
    response.headers.add(name, value);
    if (hub::http::iequals(name, "Set-Cookie")) ++set_cookies;
  }
  response.cookies = request.cookies;
  response.body = request.body;

  const json::object document = lambda::apigw_response(response);
  require(document.at("statusCode") == 200, "the status travels");
  const bool base64 = document.at("isBase64Encoded").as_bool();
  const auto& body = document.at("body").as_string();
  if (base64) {
    const auto decoded = hub::core::base64_decode(body);
    require(decoded && *decoded == request.body, "a base64 body decodes to the body");
  } else {
    require(body == request.body, "a textual body travels as it is");
  }
  const auto* cookies = document.if_contains("cookies");
  const std::size_t cookie_count = cookies == nullptr ? 0 : cookies->as_array().size();
  require(cookie_count == set_cookies + request.cookies.size(), "every Set-Cookie becomes a cookie");
  for (const auto& [name, value] : request.headers) {
    if (hub::http::iequals(name, "Set-Cookie")) continue;
    const auto& headers = document.at("headers").as_object();
    const bool present = std::any_of(headers.begin(), headers.end(), [&](const auto& field) {
      return hub::http::iequals(field.key(), name);
    });
    require(present, "every header reaches the response document");
  }
  require(hub::parse_json(lambda::apigw_response_text(response)).ok(), "the response document is JSON text");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text = hub::fuzz::as_text(data, size);
  if (const auto parsed = hub::parse_json(text)) (void)lambda::is_authorizer_event(*parsed);

  auto request = lambda::request_from_apigw_event(text);
  if (!request) {
    const auto code = request.error().code;
    require(code == hub::ErrorCode::BAD_REQUEST || code == hub::ErrorCode::MALFORMED_JSON,
            "a refused event is BAD_REQUEST or MALFORMED_JSON");
    return 0;
  }
  check_accepted(*request);
  check_round_trip(*request);
  check_response(*request);
  if (const auto content_type = request->header("Content-Type")) {
    (void)lambda::is_textual_content_type(*content_type);
  }
  return 0;
}
