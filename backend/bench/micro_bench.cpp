// bench-micro: Google Benchmark micro-benchmarks of the per-request hot path that does not touch
// the network: router dispatch (hit, parameterised hit, 404) and problem+json rendering.
// Run: build/bench/bin/bench-micro (make bench runs it and records the figures).

#include <benchmark/benchmark.h>

#include <string>
#include <utility>
#include <vector>

#include "core/error.hpp"
#include "core/json.hpp"
#include "http/problem.hpp"
#include "http/request.hpp"
#include "http/response.hpp"
#include "http/router.hpp"

namespace {

using hub::http::Request;
using hub::http::Response;
using hub::http::Router;

hub::Result<Response> ok_handler(const Request& /*request*/) {
  return Response::json(200, hub::json::object{{"status", "ok"}});
}

hub::Result<Response> echo_id_handler(const Request& request) {
  return Response::json(200, hub::json::object{{"id", request.path_param("id").value_or("")}});
}

// A table the size of the real one (health, users, feedback and auth routes).
Router make_router() {
  Router router;
  router.add("GET", "/health", ok_handler)
      .add("GET", "/version", ok_handler)
      .add("GET", "/metrics", ok_handler)
      .add("GET", "/openapi.json", ok_handler)
      .add("GET", "/docs", ok_handler)
      .add("GET", "/auth/session", ok_handler)
      .add("GET", "/users", ok_handler)
      .add("POST", "/users", ok_handler)
      .add("GET", "/users/me", ok_handler)
      .add("GET", "/users/{id}", echo_id_handler)
      .add("PATCH", "/users/{id}", echo_id_handler)
      .add("DELETE", "/users/{id}", echo_id_handler)
      .add("PUT", "/users/{id}/roles", echo_id_handler)
      .add("GET", "/feedback", ok_handler)
      .add("POST", "/feedback", ok_handler)
      .add("GET", "/feedback/{id}", echo_id_handler);
  return router;
}

void dispatch_loop(benchmark::State& state, std::string method, std::string path) {
  const Router router = make_router();
  Request request;
  request.method = std::move(method);
  request.path = std::move(path);
  request.request_id = "01JBENCHREQUEST0000000000";
  for (auto _ : state) {
    request.route.clear();
    request.path_params.clear();
    Response response = router.dispatch(request);
    benchmark::DoNotOptimize(response);
  }
}

void BM_RouterDispatchStatic(benchmark::State& state) { dispatch_loop(state, "GET", "/health"); }
BENCHMARK(BM_RouterDispatchStatic);

void BM_RouterDispatchParam(benchmark::State& state) {
  dispatch_loop(state, "GET", "/feedback/01JBENCHFEEDBACK000000000");
}
BENCHMARK(BM_RouterDispatchParam);

void BM_RouterDispatchNotFound(benchmark::State& state) { dispatch_loop(state, "GET", "/no/such/path"); }
BENCHMARK(BM_RouterDispatchNotFound);

void BM_ProblemJsonNotFound(benchmark::State& state) {
  const auto error = hub::Error::make(hub::ErrorCode::NOT_FOUND, "No resource at /users/42.");
  for (auto _ : state) {
    Response response = hub::http::problem_response(error, "01JBENCHREQUEST0000000000", "/users/42");
    benchmark::DoNotOptimize(response);
  }
}
BENCHMARK(BM_ProblemJsonNotFound);

void BM_ProblemJsonValidation(benchmark::State& state) {
  const auto error = hub::Error::validation({{"/email", "must be an email address"},
                                             {"/display_name", "must be 1 to 80 characters"},
                                             {"/country", "must be one of the IGAD member states"}});
  for (auto _ : state) {
    Response response = hub::http::problem_response(error, "01JBENCHREQUEST0000000000", "/users");
    benchmark::DoNotOptimize(response);
  }
}
BENCHMARK(BM_ProblemJsonValidation);

}  // namespace

BENCHMARK_MAIN();
