#pragma once

#include "handlers/api.hpp"
#include "services/user_service.hpp"

namespace hub::handlers::users {

// /users/...: the caller's profile, preferences and activity (members), and the directory, batch
// reads, role assignment and others' activity (administrators). docs/api.md describes each.
void register_user_routes(Api& api, const services::UserService& users);

}  // namespace hub::handlers::users
