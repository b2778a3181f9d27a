#pragma once

#include <cstddef>
#include <memory>
#include <vector>

#include "http/request.hpp"
#include "http/response.hpp"
#include "http/router.hpp"

namespace hub::http {

class Pipeline;

// The rest of the pipeline after the current middleware. Cheap to copy; no allocation.
class Next {
 public:
  Response operator()(Request& request) const;

 private:
  friend class Pipeline;
  Next(const Pipeline& pipeline, std::size_t index) : pipeline_(&pipeline), index_(index) {}
  const Pipeline* pipeline_;
  std::size_t index_;
};

// A step around the request: configured at construction, no per-request state.
// `handle` may answer by itself or call next(request) and adjust what comes back.
class Middleware {
 public:
  virtual ~Middleware() = default;
  virtual Response handle(Request& request, const Next& next) const = 0;
};

// Middleware in order, outermost first, ending in the router.
class Pipeline {
 public:
  Pipeline(std::vector<std::shared_ptr<const Middleware>> middleware, std::shared_ptr<const Router> router);

  // Never throws: an exception escaping a middleware (a bug) becomes a bare 500 problem.
  [[nodiscard]] Response handle(Request& request) const noexcept;

  [[nodiscard]] const Router& router() const noexcept { return *router_; }

 private:
  friend class Next;
  Response call(std::size_t index, Request& request) const;

  std::vector<std::shared_ptr<const Middleware>> middleware_;
  std::shared_ptr<const Router> router_;
};

}  // namespace hub::http
