#pragma once

#include <functional>

#include "core/json.hpp"
#include "http/middleware.hpp"
#include "http/request.hpp"
#include "runtime/lambda/runtime_loop.hpp"

namespace hub::runtime::lambda {

// Answers one API Gateway HTTP API Lambda authorizer request (payload 2.0), given as the
// request it describes, with the simple response document: {"isAuthorized": ..., "context": ...}.
// It decides every request itself (a denial is a response, not an error).
using AuthorizerFunction = std::function<json::object(const http::Request&)>;

// Serves API Gateway HTTP API (2.0) events through the pipeline. A malformed event is an
// Error (reported as Runtime.InvalidEvent); every Response, 4xx and 5xx included, is a
// normal invocation result. HEAD responses lose their body, as on any HTTP transport.
// With an `authorizer`, Lambda authorizer events (is_authorizer_event) go to it and its document
// is the result; without one they are Runtime.InvalidEvent, as a function that is not an
// authorizer must never answer "isAuthorized".
// `pipeline` must outlive the returned handler.
[[nodiscard]] InvocationHandler make_apigw_handler(const http::Pipeline& pipeline,
                                                   AuthorizerFunction authorizer = {});

}  // namespace hub::runtime::lambda
