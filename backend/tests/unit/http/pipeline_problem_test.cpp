#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <boost/json/parse.hpp>

#include "http/middleware.hpp"
#include "http/problem.hpp"
#include "support/capture_log.hpp"

namespace hub::http {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

using Trace = std::vector<std::string>;

class Recording final : public Middleware {
 public:
  Recording(std::string name, std::shared_ptr<Trace> trace)
      : name_(std::move(name)), trace_(std::move(trace)) {}
  Response handle(Request& request, const Next& next) const override {
    trace_->push_back(name_ + ">");
    request.headers.add("X-Seen", name_);
    Response r = next(request);
    trace_->push_back("<" + name_);
    r.headers.add("X-Trail", name_);
    return r;
  }

 private:
  std::string name_;
  std::shared_ptr<Trace> trace_;
};

class ShortCircuit final : public Middleware {
 public:
  Response handle(Request&, const Next&) const override { return Response::empty(429); }
};

class Throwing final : public Middleware {
 public:
  Response handle(Request&, const Next&) const override { throw std::runtime_error("secret internals xyz"); }
};

struct PipelineTest : ::testing::Test {
  std::shared_ptr<Trace> trace = std::make_shared<Trace>();
  std::shared_ptr<Router> router = std::make_shared<Router>();
  int handler_calls = 0;

  void SetUp() override {
    router->add("GET", "/x", [this](const Request& r) -> Result<Response> {
      ++handler_calls;
      trace->push_back("handler");
      Response res;
      for (const auto& [name, value] : r.headers) {
        if (name == "X-Seen") res.body += value + ",";
      }
      return res;
    });
  }
  std::shared_ptr<const Middleware> rec(std::string name) {
    return std::make_shared<Recording>(std::move(name), trace);
  }
};

Request get(std::string path) {
  Request r;
  r.method = "GET";
  r.path = std::move(path);
  r.request_id = "rid-1";
  return r;
}

TEST_F(PipelineTest, MiddlewareRunsOutermostFirst) {
  const Pipeline p({rec("a"), rec("b"), rec("c")}, router);
  auto req = get("/x");
  const auto res = p.handle(req);
  EXPECT_EQ(res.status, 200);
  EXPECT_EQ(*trace, (Trace{"a>", "b>", "c>", "handler", "<c", "<b", "<a"}));
  EXPECT_EQ(res.body, "a,b,c,");
  std::vector<std::string> trail;
  for (const auto& [name, value] : res.headers) {
    if (name == "X-Trail") trail.push_back(value);
  }
  EXPECT_EQ(trail, (std::vector<std::string>{"c", "b", "a"}));
  EXPECT_EQ(&p.router(), router.get());
}

TEST_F(PipelineTest, NoMiddlewareGoesStraightToTheRouter) {
  const Pipeline p({}, router);
  auto req = get("/x");
  EXPECT_EQ(p.handle(req).status, 200);
  EXPECT_EQ(handler_calls, 1);
  auto missing = get("/nope");
  EXPECT_EQ(p.handle(missing).status, 404);
}

TEST_F(PipelineTest, ShortCircuitSkipsTheRest) {
  const Pipeline p({rec("a"), std::make_shared<ShortCircuit>(), rec("b")}, router);
  auto req = get("/x");
  const auto res = p.handle(req);
  EXPECT_EQ(res.status, 429);
  EXPECT_EQ(handler_calls, 0);
  EXPECT_EQ(*trace, (Trace{"a>", "<a"}));
}

TEST_F(PipelineTest, ThrowingMiddlewareBecomes500Problem) {
  hub::testing::LogCapture capture;
  const Pipeline p({rec("a"), std::make_shared<Throwing>()}, router);
  auto req = get("/x");
  const auto res = p.handle(req);
  EXPECT_EQ(res.status, 500);
  EXPECT_EQ(res.headers.get("Content-Type"), "application/problem+json");
  EXPECT_THAT(res.body, Not(HasSubstr("secret internals")));
  const auto body = boost::json::parse(res.body).as_object();
  EXPECT_EQ(body.at("code").as_string(), "INTERNAL");
  EXPECT_EQ(body.at("request_id").as_string(), "rid-1");
  EXPECT_EQ(handler_calls, 0);
  const auto logged = capture.sink().with_message("unhandled exception in middleware");
  ASSERT_EQ(logged.size(), 1U);
  EXPECT_EQ(logged[0].at("error").as_string(), "secret internals xyz");
}

TEST(ProblemResponse, FullShape) {
  const Error e =
      Error::validation({{"/display_name", "must not be empty"}, {"/query/limit", "must be an integer"}},
                        "Two fields are wrong.");
  const auto res = problem_response(e, "01HREQ", "/users/42");
  EXPECT_EQ(res.status, 400);
  EXPECT_EQ(res.headers.get("Content-Type"), "application/problem+json");
  EXPECT_EQ(kProblemContentType, "application/problem+json");
  const auto body = boost::json::parse(res.body).as_object();
  EXPECT_EQ(body.at("type").as_string(), "urn:igad:innovation-hub:problem:validation-failed");
  EXPECT_EQ(body.at("title").as_string(), "Validation failed");
  EXPECT_EQ(body.at("status").to_number<int>(), 400);
  EXPECT_EQ(body.at("detail").as_string(), "Two fields are wrong.");
  EXPECT_EQ(body.at("code").as_string(), "VALIDATION_FAILED");
  EXPECT_EQ(body.at("request_id").as_string(), "01HREQ");
  EXPECT_EQ(body.at("instance").as_string(), "/users/42");
  const auto& errors = body.at("errors").as_array();
  ASSERT_EQ(errors.size(), 2U);
  EXPECT_EQ(errors[0], (json::object{{"pointer", "/display_name"}, {"message", "must not be empty"}}));
  EXPECT_EQ(errors[1], (json::object{{"pointer", "/query/limit"}, {"message", "must be an integer"}}));
  EXPECT_EQ(body.size(), 8U);
}

TEST(ProblemResponse, OmitsEmptyInstanceAndErrorsAndFallsBackToTheMeaning) {
  const auto res = problem_response(Error::make(ErrorCode::RATE_LIMITED, ""), "r", "");
  EXPECT_EQ(res.status, 429);
  const auto body = boost::json::parse(res.body).as_object();
  EXPECT_FALSE(body.contains("instance"));
  EXPECT_FALSE(body.contains("errors"));
  EXPECT_EQ(body.at("detail").as_string(), info(ErrorCode::RATE_LIMITED).meaning);
  EXPECT_EQ(body.size(), 6U);
}

TEST(ProblemResponse, EveryCodeMapsToItsStatusAndType) {
  for (const auto& row : all_error_codes()) {
    SCOPED_TRACE(std::string(row.name));
    const auto res = problem_response(Error::make(row.code, "d"), "r", "/p");
    EXPECT_EQ(res.status, row.http_status);
    const auto body = boost::json::parse(res.body).as_object();
    EXPECT_EQ(body.at("code").as_string(), row.name);
    EXPECT_EQ(body.at("title").as_string(), row.title);
    EXPECT_EQ(body.at("type").as_string(), problem_type(row.code));
    EXPECT_TRUE(problem_type(row.code).starts_with("urn:igad:innovation-hub:problem:"));
  }
  EXPECT_EQ(problem_type(ErrorCode::NOT_FOUND), "urn:igad:innovation-hub:problem:not-found");
}

TEST(Response, JsonAndEmpty) {
  const auto j = Response::json(201, json::object{{"id", "x"}});
  EXPECT_EQ(j.status, 201);
  EXPECT_EQ(j.headers.get("Content-Type"), "application/json");
  EXPECT_EQ(j.body, R"({"id":"x"})");
  const auto e = Response::empty(204);
  EXPECT_EQ(e.status, 204);
  EXPECT_TRUE(e.body.empty());
  EXPECT_TRUE(e.headers.empty());
}

}  // namespace
}  // namespace hub::http
