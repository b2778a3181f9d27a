#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/json.hpp"
#include "http/headers.hpp"

namespace hub::http {

struct Response {
  int status = 200;
  Headers headers;
  std::vector<std::string> cookies;  // Set-Cookie values
  std::string body;

  [[nodiscard]] static Response json(int status, const json::value& body);
  [[nodiscard]] static Response empty(int status);
};

}  // namespace hub::http
