#pragma once

#include <functional>

#include "core/result.hpp"
#include "http/request.hpp"
#include "http/response.hpp"

namespace hub::http {

// A route handler: expected failures come back as an Error, which the router turns into a
// problem response; exceptions mean a bug and become a 500.
using Handler = std::function<Result<Response>(const Request&)>;

}  // namespace hub::http
