#include "middleware/deadline.hpp"

#include <chrono>
#include <memory>

#include <gtest/gtest.h>

#include "core/deadline.hpp"
#include "http/router.hpp"

namespace hub::middleware {
namespace {

using namespace std::chrono_literals;

// A pipeline whose one route reports the deadline it ran under.
struct Probe {
  core::Deadline seen = core::Deadline::never();
  std::shared_ptr<http::Router> router = std::make_shared<http::Router>();
  Probe() {
    router->add("GET", "/d", [this](const http::Request&) -> Result<http::Response> {
      seen = core::current_deadline();
      return http::Response::json(200, json::object{});
    });
  }
};

http::Request get_d() {
  http::Request r;
  r.method = "GET";
  r.path = "/d";
  return r;
}

TEST(DeadlineMiddleware, EachRequestGetsTheConfiguredBudget) {
  Probe probe;
  const http::Pipeline pipeline({std::make_shared<DeadlineMiddleware>(2s)}, probe.router);
  auto request = get_d();
  const auto before = core::Deadline::Clock::now();
  (void)pipeline.handle(request);
  ASSERT_FALSE(probe.seen.is_never());
  EXPECT_GE(probe.seen.time_point(), before + 2s);
  EXPECT_LE(probe.seen.time_point(), core::Deadline::Clock::now() + 2s);
  EXPECT_TRUE(core::current_deadline().is_never()) << "the deadline ends with the request";
}

TEST(DeadlineMiddleware, NeverExtendsADeadlineTheTransportSet) {
  Probe probe;
  const http::Pipeline pipeline({std::make_shared<DeadlineMiddleware>(1h)}, probe.router);
  const auto lambda_deadline = core::Deadline::after(300ms);
  const core::ScopedDeadline scope{lambda_deadline};
  auto request = get_d();
  (void)pipeline.handle(request);
  EXPECT_EQ(probe.seen, lambda_deadline);
}

}  // namespace
}  // namespace hub::middleware
