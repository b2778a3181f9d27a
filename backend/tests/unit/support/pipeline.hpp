#pragma once

// Test support: a tiny router and helpers to drive middleware through a real http::Pipeline.

#include <memory>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include <boost/json/parse.hpp>

#include "core/log.hpp"
#include "http/middleware.hpp"
#include "http/router.hpp"

namespace hub::testing {

// GET /x (200 "x"), GET /items/{id} (200), POST /echo (echoes request.json), GET /boom
// (throws), GET /log (writes an info line "inside"), GET /server (sets Server/X-Powered-By).
inline std::shared_ptr<http::Router> tiny_router() {
  auto router = std::make_shared<http::Router>();
  router->add("GET", "/x", [](const http::Request&) -> Result<http::Response> {
    http::Response r;
    r.headers.set("Content-Type", "text/plain");
    r.body = "x";
    return r;
  });
  router->add("GET", "/items/{id}", [](const http::Request& req) -> Result<http::Response> {
    return http::Response::json(200, json::object{{"id", *req.path_param("id")}});
  });
  router->add("POST", "/echo", [](const http::Request& req) -> Result<http::Response> {
    json::object body{{"has_json", req.json.has_value()}};
    if (req.json) body["json"] = *req.json;
    return http::Response::json(200, body);
  });
  router->add("GET", "/boom",
              [](const http::Request&) -> Result<http::Response> { throw std::runtime_error("kaboom"); });
  router->add("GET", "/log", [](const http::Request& req) -> Result<http::Response> {
    core::logger().info("inside");
    return http::Response::json(
        200, json::object{{"request_id", req.request_id}, {"correlation_id", req.correlation_id}});
  });
  router->add("GET", "/server", [](const http::Request&) -> Result<http::Response> {
    http::Response r;
    r.headers.set("Server", "Beast/1.81");
    r.headers.set("X-Powered-By", "C++");
    return r;
  });
  return router;
}

inline http::Request request(std::string method, std::string path) {
  http::Request r;
  r.method = std::move(method);
  r.path = std::move(path);
  return r;
}

inline json::object json_body(const http::Response& r) { return boost::json::parse(r.body).as_object(); }

// A pipeline of the given middleware over tiny_router().
inline http::Pipeline pipeline(std::vector<std::shared_ptr<const http::Middleware>> stack) {
  return http::Pipeline(std::move(stack), tiny_router());
}

// True when the response carries any Access-Control-* header.
inline bool has_cors_headers(const http::Response& r) {
  for (const auto& [name, value] : r.headers) {
    if (name.size() >= 15 && http::iequals(std::string_view(name).substr(0, 15), "Access-Control-"))
      return true;
  }
  return false;
}

}  // namespace hub::testing
