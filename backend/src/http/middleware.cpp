#include "http/middleware.hpp"

#include <exception>

#include "core/log.hpp"
#include "http/problem.hpp"

namespace hub::http {

Response Next::operator()(Request& request) const { return pipeline_->call(index_, request); }

Pipeline::Pipeline(std::vector<std::shared_ptr<const Middleware>> middleware,
                   std::shared_ptr<const Router> router)
    : middleware_(std::move(middleware)), router_(std::move(router)) {}

Response Pipeline::call(std::size_t index, Request& request) const {
  if (index < middleware_.size()) {
    return middleware_[index]->handle(request, Next{*this, index + 1});
  }
  return router_->dispatch(request);
}

Response Pipeline::handle(Request& request) const noexcept {
  try {
    return call(0, request);
  } catch (const std::exception& e) {
    core::logger().error("unhandled exception in middleware", {{"error", e.what()}});
  } catch (...) {
    core::logger().error("unhandled non-standard exception in middleware");
  }
  try {
    return problem_response(Error::make(ErrorCode::INTERNAL, "An unexpected error occurred."),
                            request.request_id, {});
  } catch (...) {
    Response bare;
    bare.status = 500;
    return bare;
  }
}

}  // namespace hub::http
