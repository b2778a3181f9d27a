#pragma once

#include <memory>
#include <span>
#include <string_view>

#include "apps/common/service.hpp"

// hubctl's commands, one file each. Every command returns the process exit code: 0 success,
// 1 failure, 2 bad usage.
namespace hub::apps::hubctl {

// The service with storage connected, or nullptr after printing why it cannot be.
[[nodiscard]] std::shared_ptr<Service> service_with_storage();

// Whether HUB_ENV names production ("prod" or "production", any case): development-only
// commands refuse to run there.
[[nodiscard]] bool is_production_environment(std::string_view hub_env);

// `args` are the words after the command's name.
int migrate(std::span<char* const> args);  // hubctl_migrate.cpp
int backup(std::span<char* const> args);   // hubctl_backup.cpp
int restore(std::span<char* const> args);  // hubctl_backup.cpp
int seed(std::span<char* const> args);     // hubctl_seed.cpp
int auth(std::span<char* const> args);     // hubctl_auth.cpp: auth env
int token(std::span<char* const> args);    // hubctl_auth.cpp
int roles(std::span<char* const> args);    // hubctl_auth.cpp: roles show / set / sync

}  // namespace hub::apps::hubctl
