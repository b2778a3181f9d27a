#pragma once

#include <chrono>

#include "http/middleware.hpp"

namespace hub::middleware {

// Gives each request a deadline for the calls it makes to AWS (core::current_deadline()), never
// later than one the transport already set (the Lambda invocation's).
class DeadlineMiddleware final : public http::Middleware {
 public:
  explicit DeadlineMiddleware(std::chrono::milliseconds budget) : budget_(budget) {}
  http::Response handle(http::Request& request, const http::Next& next) const override;

 private:
  std::chrono::milliseconds budget_;
};

}  // namespace hub::middleware
