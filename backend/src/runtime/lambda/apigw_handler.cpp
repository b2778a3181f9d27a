#include "runtime/lambda/apigw_handler.hpp"

#include <string>
#include <utility>

#include "runtime/lambda/apigw_event.hpp"

namespace hub::runtime::lambda {

InvocationHandler make_apigw_handler(const http::Pipeline& pipeline, AuthorizerFunction authorizer) {
  return [&pipeline, authorizer = std::move(authorizer)](std::string_view event_text,
                                                         const Invocation&) -> Result<std::string> {
    auto event = parse_json(event_text);
    if (!event) return std::move(event).error();
    auto request = request_from_apigw_json(*event);
    if (!request) return std::move(request).error();
    if (is_authorizer_event(*event)) {
      if (!authorizer) {
        return Error::make(ErrorCode::BAD_REQUEST,
                           "A Lambda authorizer event was sent to a function that is not an authorizer.");
      }
      return to_json_text(authorizer(*request));
    }
    http::Response response = pipeline.handle(*request);
    if (request->method == "HEAD") response.body.clear();
    return apigw_response_text(response);
  };
}

}  // namespace hub::runtime::lambda
