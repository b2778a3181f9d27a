#pragma once

#include <functional>
#include <string>
#include <vector>

#include "core/json.hpp"
#include "http/handler.hpp"
#include "http/router.hpp"
#include "models/schema.hpp"

namespace hub::handlers {

// What OpenAPI needs to know of one operation.
struct Operation {
  std::string method;
  std::string path;
  std::string summary;
  std::string tag;
  int success_status = 200;
  std::function<json::value(models::SchemaRegistry&)> response_schema;
  std::function<json::value(models::SchemaRegistry&)> request_schema;  // empty: no body
  std::vector<int> error_statuses;  // besides those every operation may return
};

// Registers routes on a Router and records each one's contract, typed by its models, so
// /openapi.json is generated from the same declarations that serve the requests.
class Api {
 public:
  explicit Api(http::Router& router) : router_(router) {}

  template <class ResponseModel>
  Api& get(std::string path, std::string summary, std::string tag, http::Handler handler,
           std::vector<int> error_statuses = {}) {
    add(Operation{"GET",
                  std::move(path),
                  std::move(summary),
                  std::move(tag),
                  200,
                  [](models::SchemaRegistry& r) { return r.schema<ResponseModel>(); },
                  {},
                  std::move(error_statuses)},
        std::move(handler));
    return *this;
  }

  template <class RequestModel, class ResponseModel>
  Api& with_body(std::string method, std::string path, std::string summary, std::string tag,
                 int success_status, http::Handler handler, std::vector<int> error_statuses = {}) {
    add(Operation{std::move(method), std::move(path), std::move(summary), std::move(tag), success_status,
                  [](models::SchemaRegistry& r) { return r.schema<ResponseModel>(); },
                  [](models::SchemaRegistry& r) { return r.schema<RequestModel>(); },
                  std::move(error_statuses)},
        std::move(handler));
    return *this;
  }

  [[nodiscard]] const std::vector<Operation>& operations() const noexcept { return operations_; }

 private:
  void add(Operation operation, http::Handler handler);

  http::Router& router_;
  std::vector<Operation> operations_;
};

// The OpenAPI 3.1 document of the operations, with Problem responses for every error status.
[[nodiscard]] json::object openapi_document(const std::vector<Operation>& operations);

}  // namespace hub::handlers
