#pragma once

#include <string>
#include <string_view>

#include "core/json.hpp"
#include "core/result.hpp"
#include "http/request.hpp"
#include "http/response.hpp"

namespace hub::runtime::lambda {

// API Gateway HTTP API, payload format 2.0 (also the 2.0 Lambda authorizer REQUEST event,
// which has the same request fields).
//
// What arrives, and where it goes:
//   requestContext.http.method -> method (upper case)
//   rawPath (else requestContext.http.path) -> path, percent-decoded
//   rawQueryString (else rebuilt from queryStringParameters, whose repeated values arrive
//     comma-joined) -> query_string
//   headers (any case) -> headers;  cookies -> cookies (no Cookie header is synthesized)
//   body + isBase64Encoded -> body, decoded
//   requestContext.requestId -> gateway_request_id;  requestContext.http.sourceIp -> remote_address
//   the x-amzn-trace-id header -> trace_id
// Anything that is not such an event is a BAD_REQUEST (MALFORMED_JSON for bad JSON text).
[[nodiscard]] Result<http::Request> request_from_apigw_event(std::string_view event_text);
[[nodiscard]] Result<http::Request> request_from_apigw_json(const json::value& event);

// Whether `event` is a Lambda authorizer request of payload format 2.0 (version "2.0", type
// "REQUEST" and a routeArn naming the route being authorized) rather than a request to serve.
[[nodiscard]] bool is_authorizer_event(const json::value& event) noexcept;

// The 2.0 response document: statusCode, headers (repeated names comma-joined, Set-Cookie
// fields moved to cookies), cookies, body and isBase64Encoded (a non-textual body goes base64).
[[nodiscard]] json::object apigw_response(const http::Response& response);
[[nodiscard]] std::string apigw_response_text(const http::Response& response);

// Whether a body of this Content-Type travels as text: text/*, JSON, XML (and their +json /
// +xml suffixes), JavaScript, form data, YAML. Parameters (`; charset=...`) are ignored.
[[nodiscard]] bool is_textual_content_type(std::string_view content_type) noexcept;

}  // namespace hub::runtime::lambda
