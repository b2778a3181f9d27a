// hubctl auth env, hubctl token, hubctl roles: local sign-in and role assignment (kUsage in
// hubctl.cpp, docs/development-setup.md "Local sign-in"). Tokens go to stdout and nowhere else; every
// message goes to stderr, so `$(hubctl token ...)` and `export $(hubctl auth env)` capture only
// what they should.
#include <algorithm>
#include <array>
#include <chrono>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include "apps/common/cognito_groups.hpp"
#include "apps/common/local_user_pool.hpp"
#include "core/deadline.hpp"
#include "core/log.hpp"
#include "core/text.hpp"
#include "data/seed_data.hpp"
#include "hubctl_commands.hpp"
#include "services/role_service.hpp"

namespace hub::apps::hubctl {
namespace {

constexpr std::chrono::seconds kBudget{60};

constexpr std::string_view kAuthUsage =
    "usage: hubctl auth env [--user-pool-id ID]\n"
    "  Makes sure the local Cognito user pool (innovation-hub-local, or ID), its app client\n"
    "  innovation-hub-local-web and the groups admin, editor and member exist, then prints\n"
    "  COGNITO_USER_POOL_ID, COGNITO_APP_CLIENT_IDS and COGNITO_JWKS_URL, one per line:\n"
    "  export $(hubctl auth env). Refused when HUB_ENV is prod or production.\n";

constexpr std::string_view kTokenUsage =
    "usage: hubctl token (--user EMAIL | --role ROLE) [--password P] [--access]\n"
    "                    [--user-pool-id ID] [--client-id ID]\n"
    "  Signs the user in (InitiateAuth, USER_PASSWORD_AUTH) and prints their ID token, or with\n"
    "  --access their access token, and nothing else. --role picks a user who holds ROLE in the\n"
    "  table, a seeded one first. The password defaults to the seeded users' ({}). The pool is ID,\n"
    "  else COGNITO_USER_POOL_ID, else innovation-hub-local; the app client is ID, else\n"
    "  innovation-hub-local-web, else the first of COGNITO_APP_CLIENT_IDS.\n";

constexpr std::string_view kRolesUsage =
    "usage: hubctl roles show USER [--user-pool-id ID]\n"
    "       hubctl roles set USER --roles ROLE[,ROLE...] [--user-pool-id ID]\n"
    "       hubctl roles sync USER [--user-pool-id ID]\n"
    "  USER is an email address or a user id (the Cognito sub). show prints the roles the table\n"
    "  holds and the user's Cognito groups; set replaces the roles (admin, editor, member; an empty\n"
    "  list revokes all) in the table, which decides, then brings the role groups in step; sync\n"
    "  brings the groups in step with the table (after a mirroring failure).\n";

// Why a command stopped, for the operator.
struct Failure {
  std::string message;
};
template <class T>
using Outcome = Result<T, Failure>;

Failure failure(std::string message) { return Failure{std::move(message)}; }

// The service with storage connected and logging on stderr, or nullptr after printing why.
std::shared_ptr<Service> quiet_service() {
  auto service = service_with_storage();
  if (service)
    core::configure_logger(core::logger().settings(), std::make_shared<core::FdSink>(core::FdSink::kStderr));
  return service;
}

// ---- options -------------------------------------------------------------------------------

struct Options {
  std::vector<std::string> words;                          // what is not an option, in order
  std::map<std::string, std::string, std::less<>> values;  // --name VALUE or --name=VALUE
  bool access = false;                                     // --access
  bool help = false;

  [[nodiscard]] std::string value(std::string_view name) const {
    const auto found = values.find(name);
    return found == values.end() ? std::string{} : found->second;
  }
  [[nodiscard]] bool has(std::string_view name) const { return values.contains(name); }
};

// Parses `args` given the names of the options that take a value; nullopt after printing why.
std::optional<Options> parse_options(std::span<char* const> args, std::span<const std::string_view> valued,
                                     std::string_view command) {
  Options options;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string_view arg = args[i];
    if (arg == "-h" || arg == "--help") {
      options.help = true;
    } else if (arg == "--access") {
      options.access = true;
    } else if (!arg.starts_with("--")) {
      options.words.emplace_back(arg);
    } else {
      const std::string_view name = arg.substr(0, arg.find('='));
      if (std::ranges::find(valued, name) == valued.end()) {
        fmt::print(stderr, "hubctl {}: unknown option '{}'\n", command, arg);
        return std::nullopt;
      }
      if (name.size() < arg.size()) {
        options.values[std::string{name}] = arg.substr(name.size() + 1);
      } else if (i + 1 < args.size()) {
        options.values[std::string{name}] = args[++i];
      } else {
        fmt::print(stderr, "hubctl {}: no value for '{}'\n", command, arg);
        return std::nullopt;
      }
    }
  }
  return options;
}

// "admin, editor" / "admin,editor" -> {"admin", "editor"}; "" -> {}.
std::vector<std::string> split_roles(std::string_view text) {
  std::vector<std::string> roles;
  while (!text.empty()) {
    const auto comma = text.find(',');
    const auto role = core::trim(text.substr(0, comma));
    if (!role.empty()) roles.emplace_back(role);
    if (comma == std::string_view::npos) break;
    text.remove_prefix(comma + 1);
  }
  return roles;
}

std::string describe(const Error& error) {
  std::string text = fmt::format("{} ({})", error.detail, hub::name(error.code));
  for (const auto& field : error.fields) text += fmt::format("; {}: {}", field.pointer, field.message);
  return text;
}

std::string list_or_none(const std::vector<std::string>& names) {
  return names.empty() ? std::string{"(none)"} : fmt::format("{}", fmt::join(names, ", "));
}

// The pool the command works on: --user-pool-id, else COGNITO_USER_POOL_ID, else the local one.
std::string configured_pool_id(const Service& service, const Options& options) {
  const auto option = options.value("--user-pool-id");
  return option.empty() ? service.config.auth.user_pool_id : option;
}

// ---- auth env ------------------------------------------------------------------------------

int auth_env(const Options& options) {
  if (const auto env = core::process_environment()("HUB_ENV"); env && is_production_environment(*env)) {
    fmt::print(stderr,
               "hubctl auth env: refused: HUB_ENV is {}; the local user pool is for development only\n",
               *env);
    return 1;
  }
  const auto service = quiet_service();
  if (!service) return 1;
  const auto& storage = *service->storage;
  const core::ScopedDeadline deadline{core::Deadline::after(kBudget)};
  auto pool = local_user_pool(*storage.cognito, options.value("--user-pool-id"), PoolAccess::find_or_create);
  if (!pool) {
    fmt::print(stderr, "hubctl auth env: {}\n", pool.error().message);
    return 1;
  }
  fmt::print(stderr, "hubctl auth env: user pool {} {}, app client {} {}, {} groups created at {}\n",
             pool->pool_id, pool->pool_created ? "created" : "found", pool->client_id,
             pool->client_created ? "created" : "found", pool->groups_created,
             storage.aws.cognito_idp_endpoint);
  fmt::print("COGNITO_USER_POOL_ID={}\nCOGNITO_APP_CLIENT_IDS={}\nCOGNITO_JWKS_URL={}\n", pool->pool_id,
             pool->client_id, emulator_jwks_url(storage.aws.cognito_idp_endpoint, pool->pool_id));
  return 0;
}

// ---- token ---------------------------------------------------------------------------------

struct SignInTarget {
  std::string pool_id;
  std::string client_id;
};

Outcome<SignInTarget> sign_in_target(const Service& service, const Options& options) {
  const auto pool_id = configured_pool_id(service, options);
  const auto client_id = options.value("--client-id");
  if (!pool_id.empty() && !client_id.empty()) return SignInTarget{pool_id, client_id};
  auto pool = local_user_pool(*service.storage->cognito, pool_id, PoolAccess::find);
  if (pool) return SignInTarget{pool->pool_id, client_id.empty() ? pool->client_id : client_id};
  const auto& configured = service.config.auth.app_client_ids;
  if (!pool_id.empty() && !configured.empty()) return SignInTarget{pool_id, configured.front()};
  return failure(std::move(pool).error().message);
}

bool is_seeded(std::string_view email) {
  const auto& users = data::seed::development_data_set().users;
  return std::ranges::any_of(users,
                             [&](const auto& user) { return core::iequals(user.profile.email, email); });
}

// The sign-in name (email) of a user holding `role` in the table, a seeded user first.
Outcome<std::string> holder_of(const Storage& storage, std::string_view pool_id, std::string_view role) {
  if (std::ranges::find(models::role_names(), role) == models::role_names().end())
    return failure(fmt::format("no role '{}': one of {}", role, fmt::join(models::role_names(), ", ")));
  auto holders = storage.repositories.roles->holders(role, data::PageRequest{.limit = data::kMaxPageSize});
  if (!holders) return failure(fmt::format("reading the holders of {}: {}", role, describe(holders.error())));
  std::optional<std::string> fallback;
  for (const auto& holder : holders->items) {
    auto user = storage.cognito->find_user_by_sub(pool_id, holder.user_id);
    if (!user) return failure(fmt::format("finding user {}: {}", holder.user_id, user.error().describe()));
    if (!user->has_value()) continue;  // roles of a user another pool holds
    auto email = (*user)->attribute("email").value_or((*user)->username);
    if (is_seeded(email)) return email;
    if (!fallback) fallback = std::move(email);
  }
  if (fallback) return *fallback;
  return failure(
      fmt::format("nobody in user pool {} holds the role {} in the table (run hubctl seed)", pool_id, role));
}

int print_token(const Options& options) {
  const bool by_user = options.has("--user");
  if (by_user == options.has("--role") || !options.words.empty()) {
    fmt::print(stderr, "hubctl token: give exactly one of --user EMAIL and --role ROLE\n");
    fmt::print(stderr, kTokenUsage, data::seed::kDefaultPassword);
    return 2;
  }
  const auto service = quiet_service();
  if (!service) return 1;
  const core::ScopedDeadline deadline{core::Deadline::after(kBudget)};
  auto target = sign_in_target(*service, options);
  if (!target) {
    fmt::print(stderr, "hubctl token: {}\n", target.error().message);
    return 1;
  }
  auto username = by_user ? Outcome<std::string>{options.value("--user")}
                          : holder_of(*service->storage, target->pool_id, options.value("--role"));
  if (!username) {
    fmt::print(stderr, "hubctl token: {}\n", username.error().message);
    return 1;
  }
  const auto password =
      options.has("--password") ? options.value("--password") : std::string{data::seed::kDefaultPassword};
  auto signed_in = service->storage->cognito->sign_in_with_password(target->client_id, *username, password);
  if (!signed_in) {
    const auto& error = signed_in.error();
    const bool refused =
        error.code == aws::AwsErrc::access_denied || error.code == aws::AwsErrc::resource_not_found;
    fmt::print(stderr, "hubctl token: {}: {}\n", *username,
               refused ? "unknown user, wrong password or disabled user" : error.describe());
    return 1;
  }
  if (!signed_in->authentication) {
    fmt::print(stderr, "hubctl token: {} must first answer the {} challenge\n", *username,
               signed_in->challenge_name);
    return 1;
  }
  fmt::print("{}\n",
             options.access ? signed_in->authentication->access_token : signed_in->authentication->id_token);
  return 0;
}

// ---- roles ---------------------------------------------------------------------------------

struct KnownUser {
  std::string id;
  std::string email;
};

// USER as an email address (the table's profile, else the pool's user) or a user id.
Outcome<KnownUser> find_user(const Storage& storage, std::string_view pool_id,
                             std::string_view user_id_or_email) {
  const std::string_view user = user_id_or_email;
  const bool by_email = user.find('@') != std::string_view::npos;
  if (user.find_first_of("\"\\") != std::string_view::npos) return failure(fmt::format("no user {}", user));
  auto profile = by_email ? storage.repositories.profiles->find_by_email(user)
                          : storage.repositories.profiles->find(user);
  if (!profile) return failure(fmt::format("reading the profile of {}: {}", user, describe(profile.error())));
  if (profile->has_value()) return KnownUser{(*profile)->id, (*profile)->email};
  if (by_email) {
    auto users = storage.cognito->list_users(pool_id, fmt::format("email = \"{}\"", user));
    if (!users)
      return failure(fmt::format("finding {} in user pool {}: {}", user, pool_id, users.error().describe()));
    if (!users->empty() && !users->front().sub().empty())
      return KnownUser{users->front().sub(), std::string{user}};
  } else {
    auto found = storage.cognito->find_user_by_sub(pool_id, user_id_or_email);
    if (!found)
      return failure(fmt::format("finding {} in user pool {}: {}", user, pool_id, found.error().describe()));
    if (found->has_value()) return KnownUser{std::string{user}, (*found)->attribute("email").value_or("")};
  }
  return failure(fmt::format("no user {} in the table or in user pool {}", user, pool_id));
}

std::vector<std::string> role_names_of(const std::vector<models::RoleAssignment>& roles) {
  std::vector<std::string> names;
  std::ranges::transform(roles, std::back_inserter(names), &models::RoleAssignment::role);
  return names;
}

// Prints how the groups were mirrored; 0 when they are in step, 1 (after saying how to repair) when not.
int report_mirror(const services::GroupMirror& mirror, std::string_view user) {
  if (!mirror.added.empty() || !mirror.removed.empty()) {
    fmt::print("groups: added {}; removed {}\n", list_or_none(mirror.added), list_or_none(mirror.removed));
  } else if (mirror.in_step()) {
    fmt::print("groups: in step, nothing to change\n");
  }
  if (mirror.in_step()) return 0;
  fmt::print(stderr,
             "hubctl roles: the table holds the roles, but the Cognito groups are not in step: {}\n"
             "  (the table decides authorization; run `hubctl roles sync {}` to repair the groups)\n",
             describe(*mirror.failure), user);
  return 1;
}

int roles_command(const Service& service, const Options& options, std::string_view action) {
  const auto& storage = *service.storage;
  auto pool = local_user_pool(*storage.cognito, configured_pool_id(service, options), PoolAccess::find);
  const auto pool_id = pool ? pool->pool_id : configured_pool_id(service, options);
  if (pool_id.empty()) {
    fmt::print(stderr, "hubctl roles: {}\n", pool.error().message);
    return 1;
  }
  auto user = find_user(storage, pool_id, options.words[1]);
  if (!user) {
    fmt::print(stderr, "hubctl roles: {}\n", user.error().message);
    return 1;
  }
  const CognitoGroupDirectory directory(*storage.cognito, pool_id);
  const services::RoleService roles(*storage.repositories.roles, directory);
  fmt::print("user {} ({})\n", user->id, user->email.empty() ? "no email" : user->email);

  if (action == "show") {
    auto held = roles.roles_of(user->id);
    if (!held) {
      fmt::print(stderr, "hubctl roles: {}\n", describe(held.error()));
      return 1;
    }
    fmt::print("roles: {} (in the table; every signed-in user is a member)\n",
               list_or_none(role_names_of(*held)));
    auto groups = directory.groups_of(user->id);
    fmt::print("groups: {}\n",
               groups ? list_or_none(*groups) : fmt::format("unknown: {}", describe(groups.error())));
    return 0;
  }
  if (action == "sync") {
    auto mirror = roles.sync_groups(user->id);
    if (!mirror) {
      fmt::print(stderr, "hubctl roles: {}\n", describe(mirror.error()));
      return 1;
    }
    return report_mirror(*mirror, options.words[1]);
  }
  auto change = roles.replace_roles(user->id, split_roles(options.value("--roles")), "system");
  if (!change) {
    fmt::print(stderr, "hubctl roles: nothing changed: {}\n", describe(change.error()));
    return 1;
  }
  fmt::print("roles: {} (granted {}; revoked {})\n", list_or_none(role_names_of(change->roles)),
             list_or_none(change->granted), list_or_none(change->revoked));
  return report_mirror(change->groups, options.words[1]);
}

}  // namespace

int auth(std::span<char* const> args) {
  static constexpr std::array<std::string_view, 1> kValued{"--user-pool-id"};
  const auto options = parse_options(args, kValued, "auth");
  if (options && options->help) {
    fmt::print("{}", kAuthUsage);
    return 0;
  }
  if (!options || options->words != std::vector<std::string>{"env"}) {
    fmt::print(stderr, "{}", kAuthUsage);
    return 2;
  }
  return auth_env(*options);
}

int token(std::span<char* const> args) {
  static constexpr std::array<std::string_view, 5> kValued{"--user", "--role", "--password", "--user-pool-id",
                                                           "--client-id"};
  const auto options = parse_options(args, kValued, "token");
  if (options && options->help) {
    fmt::print(kTokenUsage, data::seed::kDefaultPassword);
    return 0;
  }
  if (!options) {
    fmt::print(stderr, kTokenUsage, data::seed::kDefaultPassword);
    return 2;
  }
  return print_token(*options);
}

int roles(std::span<char* const> args) {
  static constexpr std::array<std::string_view, 2> kValued{"--roles", "--user-pool-id"};
  const auto options = parse_options(args, kValued, "roles");
  if (options && options->help) {
    fmt::print("{}", kRolesUsage);
    return 0;
  }
  const std::string action = options && !options->words.empty() ? options->words[0] : std::string{};
  const bool known = action == "show" || action == "set" || action == "sync";
  if (!options || !known || options->words.size() != 2 || (action == "set") != options->has("--roles")) {
    fmt::print(stderr, "{}", kRolesUsage);
    return 2;
  }
  const auto service = quiet_service();
  if (!service) return 1;
  const core::ScopedDeadline deadline{core::Deadline::after(kBudget)};
  return roles_command(*service, *options, action);
}

}  // namespace hub::apps::hubctl
