#pragma once

#include <string>

namespace hub::services {

// Who is making a change, and under which request: what activity entries record.
struct Actor {
  std::string user_id{};     // the caller's Cognito `sub`
  std::string request_id{};  // the request's id, for tracing an entry back to its log lines
};

}  // namespace hub::services
