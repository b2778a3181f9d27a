#include "runtime/lambda/apigw_handler.hpp"

#include <string>
#include <utility>

#include "runtime/lambda/apigw_event.hpp"

namespace hub::runtime::lambda {

InvocationHandler make_apigw_handler(const http::Pipeline& pipeline) {
  return [&pipeline](std::string_view event, const Invocation&) -> Result<std::string> {
    auto request = request_from_apigw_event(event);
    if (!request) return std::move(request).error();
    http::Response response = pipeline.handle(*request);
    if (request->method == "HEAD") response.body.clear();
    return apigw_response_text(response);
  };
}

}  // namespace hub::runtime::lambda
