#pragma once

#include "http/middleware.hpp"
#include "runtime/lambda/runtime_loop.hpp"

namespace hub::runtime::lambda {

// Serves API Gateway HTTP API (2.0) events through the pipeline. A malformed event is an
// Error (reported as Runtime.InvalidEvent); every Response, 4xx and 5xx included, is a
// normal invocation result. HEAD responses lose their body, as on any HTTP transport.
// `pipeline` must outlive the returned handler.
[[nodiscard]] InvocationHandler make_apigw_handler(const http::Pipeline& pipeline);

}  // namespace hub::runtime::lambda
