#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/auth/permissions.hpp"
#include "core/json.hpp"
#include "http/handler.hpp"
#include "http/router.hpp"
#include "models/schema.hpp"

namespace hub::handlers {

// Who may call an operation: anyone, or a signed-in caller whose roles grant a permission.
// Every operation says which; there is no default.
class Access {
 public:
  [[nodiscard]] static constexpr Access public_route() noexcept { return Access{std::nullopt}; }
  [[nodiscard]] static constexpr Access require(core::auth::Permission permission) noexcept {
    return Access{permission};
  }

  // nullopt: public.
  [[nodiscard]] constexpr std::optional<core::auth::Permission> permission() const noexcept {
    return permission_;
  }
  [[nodiscard]] constexpr bool is_public() const noexcept { return !permission_.has_value(); }

 private:
  constexpr explicit Access(std::optional<core::auth::Permission> permission) noexcept
      : permission_(permission) {}
  std::optional<core::auth::Permission> permission_;
};

// A query parameter an operation reads, for its OpenAPI description.
struct QueryParameter {
  std::string name;
  std::string description;
  json::object schema;  // JSON Schema of the value, e.g. {"type":"integer","minimum":1}
  bool required = false;
};

// What an operation declares beyond its models and access.
struct OperationDetails {
  std::vector<int> errors{};  // statuses besides those every operation may return
  std::vector<QueryParameter> query{};
  bool etag = false;         // the success response carries an ETag
  bool if_match = false;     // honours If-Match (412 on mismatch)
  std::string rate_class{};  // empty: http::default_rate_class()
  std::string media_type{};  // of the success response; empty: application/json
};

// What OpenAPI needs to know of one operation.
struct Operation {
  std::string method;
  std::string path;
  std::string summary;
  std::string tag;
  Access access;
  int success_status = 200;
  std::function<json::value(models::SchemaRegistry&)> response_schema;
  std::function<json::value(models::SchemaRegistry&)> request_schema;  // empty: no body
  OperationDetails details;
};

// Registers routes on a Router and records each one's contract, typed by its models, so
// /openapi.json is generated from the same declarations that serve the requests.
class Api {
 public:
  explicit Api(http::Router& router) : router_(router) {}

  template <class ResponseModel>
  Api& get(std::string path, std::string summary, std::string tag, Access access, http::Handler handler,
           OperationDetails details = {}) {
    add(Operation{"GET",
                  std::move(path),
                  std::move(summary),
                  std::move(tag),
                  access,
                  200,
                  [](models::SchemaRegistry& r) { return r.schema<ResponseModel>(); },
                  {},
                  std::move(details)},
        std::move(handler));
    return *this;
  }

  template <class RequestModel, class ResponseModel>
  Api& with_body(std::string method, std::string path, std::string summary, std::string tag, Access access,
                 int success_status, http::Handler handler, OperationDetails details = {}) {
    add(Operation{std::move(method), std::move(path), std::move(summary), std::move(tag), access,
                  success_status, [](models::SchemaRegistry& r) { return r.schema<ResponseModel>(); },
                  [](models::SchemaRegistry& r) { return r.schema<RequestModel>(); }, std::move(details)},
        std::move(handler));
    return *this;
  }

  [[nodiscard]] const std::vector<Operation>& operations() const noexcept { return operations_; }
  // For routes kept out of the description (the files the /docs page loads).
  [[nodiscard]] http::Router& router() const noexcept { return router_; }

 private:
  void add(Operation operation, http::Handler handler);

  http::Router& router_;
  std::vector<Operation> operations_;
};

// The OpenAPI 3.1 document of the operations, with Problem responses for every error status.
// Protected operations name the bearerAuth scheme and their permission (x-required-permission)
// and list 401 and 403; public ones say `security: []`.
[[nodiscard]] json::object openapi_document(const std::vector<Operation>& operations);

}  // namespace hub::handlers
