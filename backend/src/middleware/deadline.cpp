#include "middleware/deadline.hpp"

#include "core/deadline.hpp"

namespace hub::middleware {

http::Response DeadlineMiddleware::handle(http::Request& request, const http::Next& next) const {
  const core::ScopedDeadline deadline{core::Deadline::after(budget_)};
  return next(request);
}

}  // namespace hub::middleware
