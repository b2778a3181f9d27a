// hubctl seed: see kUsage in hubctl.cpp and docs/operations.md. Loads the development data set
// (data/seed_data.hpp) into the local user pool and the table. Everything is found before it is
// made, so a second run changes nothing and says so.
#include <algorithm>
#include <chrono>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include "apps/common/local_user_pool.hpp"
#include "core/deadline.hpp"
#include "core/text.hpp"
#include "data/repositories.hpp"
#include "data/seed_data.hpp"
#include "hubctl_commands.hpp"

namespace hub::apps::hubctl {
namespace {

namespace seed = data::seed;

constexpr std::chrono::minutes kBudget{5};

constexpr std::string_view kSeedUsage =
    "usage: hubctl seed [--user-pool-id ID] [--password P]\n"
    "  Loads the development data set: users of every role in the Cognito user pool (found or created\n"
    "  by name: innovation-hub-local, with the app client innovation-hub-local-web and the groups\n"
    "  admin, editor and member) and their profiles, preferences, roles, activity and feedback in the\n"
    "  table. What exists already is left as it is. Refused when HUB_ENV is prod or production.\n"
    "  --user-pool-id ID  use this existing user pool instead\n"
    "  --password P       every seeded user's password (default {})\n";

// Why seeding stopped, for the operator.
struct Failure {
  std::string message;
};
template <class T>
using Outcome = Result<T, Failure>;

struct Options {
  std::string user_pool_id;
  std::string password{seed::kDefaultPassword};
};

// The options, or nullopt once the usage is printed: `exit_code` is then 0 (--help) or 2 (bad usage).
std::optional<Options> parse_options(std::span<char* const> args, int& exit_code) {
  Options options;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string_view arg = args[i];
    if (arg == "-h" || arg == "--help") {
      fmt::print(kSeedUsage, seed::kDefaultPassword);
      exit_code = 0;
      return std::nullopt;
    }
    std::string* target = nullptr;
    std::string_view name = arg.substr(0, arg.find('='));
    if (name == "--user-pool-id") target = &options.user_pool_id;
    if (name == "--password") target = &options.password;
    if (target != nullptr && name.size() < arg.size()) {
      *target = arg.substr(name.size() + 1);
    } else if (target != nullptr && i + 1 < args.size()) {
      *target = args[++i];
    } else {
      fmt::print(stderr, "hubctl seed: {} '{}'\n", target == nullptr ? "unknown option" : "no value for",
                 arg);
      fmt::print(stderr, kSeedUsage, seed::kDefaultPassword);
      exit_code = 2;
      return std::nullopt;
    }
  }
  return options;
}

Failure aws_failure(std::string_view what, const aws::AwsError& error) {
  return Failure{fmt::format("{}: {}", what, error.describe())};
}

Failure data_failure(std::string_view what, const Error& error) {
  return Failure{fmt::format("{}: {} ({})", what, error.detail, hub::name(error.code))};
}

// ---- one user -----------------------------------------------------------------------------

struct UserOutcome {
  std::string email;
  std::string sub;
  std::vector<std::string> roles;  // as stored
  bool created = false;            // in Cognito or in the table
  int changes = 0;
};

// Creates the Cognito user unless present, sets the password (so what is printed is true) and
// reads back the `sub`.
Outcome<std::string> cognito_user(const aws::CognitoIdpClient& cognito, std::string_view pool_id,
                                  const models::UserProfile& profile, std::string_view password,
                                  UserOutcome& out) {
  auto existing = cognito.admin_get_user(pool_id, profile.email);
  if (!existing && existing.error().code != aws::AwsErrc::resource_not_found)
    return aws_failure(fmt::format("reading user {}", profile.email), existing.error());
  if (!existing) {
    auto created =
        cognito.admin_create_user({.user_pool_id = std::string{pool_id},
                                   .username = profile.email,
                                   .attributes = {{"email", profile.email},
                                                  {"email_verified", "true"},
                                                  {"given_name", profile.given_name.value_or("")},
                                                  {"family_name", profile.family_name.value_or("")},
                                                  {"name", profile.display_name}}});
    if (!created) return aws_failure(fmt::format("creating user {}", profile.email), created.error());
    out.created = true;
    ++out.changes;
  }
  if (auto set = cognito.admin_set_user_password(pool_id, profile.email, password); !set)
    return aws_failure(fmt::format("setting the password of {}", profile.email), set.error());
  auto user = existing ? std::move(existing) : cognito.admin_get_user(pool_id, profile.email);
  if (!user) return aws_failure(fmt::format("reading user {}", profile.email), user.error());
  if (user->sub().empty()) return Failure{fmt::format("user {} has no sub attribute", profile.email)};
  return user->sub();
}

// The profile, preferences, roles and activity of one user, each unless present.
Outcome<std::vector<std::string>> table_user(const data::Repositories& repos, const seed::SeedUser& seeded,
                                             const std::string& sub, UserOutcome& out) {
  auto profile = seeded.profile;
  profile.id = sub;
  if (auto created = repos.profiles->create(profile); created) {
    out.created = true;
    ++out.changes;
  } else if (created.error().code == ErrorCode::EMAIL_TAKEN) {
    return Failure{
        fmt::format("{} has a profile under another id than its sub {} (was the user pool made "
                    "again?): seed an empty table, or remove that profile",
                    profile.email, sub)};
  } else if (created.error().code != ErrorCode::ALREADY_EXISTS) {
    return data_failure(fmt::format("creating the profile of {}", profile.email), created.error());
  }

  auto preferences = repos.preferences->find(sub);
  if (!preferences) return data_failure("reading preferences", preferences.error());
  if (!preferences->has_value()) {
    auto fresh = seeded.preferences;
    fresh.user_id = sub;
    if (auto saved = repos.preferences->save(fresh); !saved)
      return data_failure("saving preferences", saved.error());
    ++out.changes;
  }

  auto held = repos.roles->roles_of(sub);
  if (!held) return data_failure("reading roles", held.error());
  if (held->empty()) {
    held = repos.roles->replace(sub, seeded.roles, "system");
    if (!held) return data_failure("assigning roles", held.error());
    ++out.changes;
  }
  std::vector<std::string> roles;
  std::ranges::transform(*held, std::back_inserter(roles), &models::RoleAssignment::role);

  auto recent = repos.activity->list(sub, data::PageRequest{.limit = 1});
  if (!recent) return data_failure("reading activity", recent.error());
  if (recent->items.empty()) {
    for (auto entry : seeded.activity) {
      entry.user_id = sub;
      if (auto recorded = repos.activity->record(entry); !recorded)
        return data_failure("recording activity", recorded.error());
      ++out.changes;
    }
  }
  return roles;
}

// Puts the user in the group of each role they hold (groups mirror roles; none is taken away).
aws::AwsStatus cognito_groups(const aws::CognitoIdpClient& cognito, std::string_view pool_id,
                              std::string_view email, const std::vector<std::string>& roles,
                              UserOutcome& out) {
  auto groups = cognito.admin_list_groups_for_user(pool_id, email);
  if (!groups) return std::move(groups).error();
  for (const auto& role : roles) {
    if (std::ranges::find(*groups, role, &aws::Group::name) != groups->end()) continue;
    if (auto added = cognito.admin_add_user_to_group(pool_id, email, role); !added) return added;
    ++out.changes;
  }
  return {};
}

Outcome<UserOutcome> seed_user(const Storage& storage, const LocalUserPool& pool,
                               const seed::SeedUser& seeded, std::string_view password) {
  UserOutcome out;
  out.email = seeded.profile.email;
  auto sub = cognito_user(*storage.cognito, pool.pool_id, seeded.profile, password, out);
  if (!sub) return std::move(sub).error();
  out.sub = *sub;
  auto roles = table_user(storage.repositories, seeded, out.sub, out);
  if (!roles) return std::move(roles).error();
  out.roles = std::move(roles).value();
  if (auto grouped = cognito_groups(*storage.cognito, pool.pool_id, out.email, out.roles, out); !grouped)
    return aws_failure(fmt::format("putting {} in groups", out.email), grouped.error());
  return out;
}

// ---- feedback and the report --------------------------------------------------------------

// How many feedback items were created (the rest were present).
Outcome<int> seed_feedback(const data::Repositories& repos,
                           const std::map<std::string, std::string>& sub_of) {
  int created = 0;
  for (const auto& seeded : seed::development_data_set().feedback) {
    auto feedback = seeded.feedback;
    feedback.user_id = sub_of.at(seeded.author_email);
    auto stored = repos.feedback->create(feedback);
    if (stored) {
      ++created;
    } else if (stored.error().code != ErrorCode::ALREADY_EXISTS) {
      return data_failure(fmt::format("creating feedback {}", feedback.id), stored.error());
    }
  }
  return created;
}

void print_report(const Storage& storage, const LocalUserPool& pool, const std::vector<UserOutcome>& users,
                  int feedback_created, std::string_view password) {
  const auto created = std::ranges::count_if(users, &UserOutcome::created);
  int changes =
      feedback_created + (pool.pool_created ? 1 : 0) + (pool.client_created ? 1 : 0) + pool.groups_created;
  for (const auto& u : users) changes += u.changes;
  const auto feedback_total = static_cast<int>(seed::development_data_set().feedback.size());

  fmt::print("user pool  {} {} at {}\n", pool.pool_id, pool.pool_created ? "created" : "found",
             storage.aws.cognito_idp_endpoint);
  fmt::print("app client {} ({}) {}\n", pool.client_id, kLocalAppClientName,
             pool.client_created ? "created" : "found");
  fmt::print("groups     {} ({} created)\n", fmt::join(models::role_names(), ", "), pool.groups_created);
  fmt::print("{} users present, {} created; {} feedback present, {} created\n",
             static_cast<std::ptrdiff_t>(users.size()) - created, created, feedback_total - feedback_created,
             feedback_created);
  fmt::print("{}\n\n", changes == 0 ? "nothing changed: the data set was present already"
                                    : fmt::format("{} changes made", changes));

  std::size_t width = 5;
  for (const auto& u : users) width = std::max(width, u.email.size());
  fmt::print("{:<{}}  {:<8}  {}\n", "email", width, "roles", "password");
  for (const auto& u : users)
    fmt::print("{:<{}}  {:<8}  {}\n", u.email, width, fmt::join(u.roles, ","), password);
}

}  // namespace

int seed(std::span<char* const> args) {
  int exit_code = 0;
  const auto options = parse_options(args, exit_code);
  if (!options) return exit_code;
  if (const auto env = core::process_environment()("HUB_ENV"); env && is_production_environment(*env)) {
    fmt::print(stderr, "hubctl seed: refused: HUB_ENV is {}; seeding is for development and test data only\n",
               *env);
    return 1;
  }
  const auto service = service_with_storage();
  if (!service) return 1;
  const auto& storage = *service->storage;
  const core::ScopedDeadline deadline{core::Deadline::after(kBudget)};

  auto pool = local_user_pool(*storage.cognito, options->user_pool_id, PoolAccess::find_or_create);
  if (!pool) {
    fmt::print(stderr, "hubctl seed: {}\n", pool.error().message);
    return 1;
  }
  std::vector<UserOutcome> users;
  std::map<std::string, std::string> sub_of;
  for (const auto& seeded : seed::development_data_set().users) {
    auto user = seed_user(storage, *pool, seeded, options->password);
    if (!user) {
      fmt::print(stderr, "hubctl seed: {}\n", user.error().message);
      return 1;
    }
    sub_of.emplace(user->email, user->sub);
    users.push_back(std::move(user).value());
  }
  auto feedback = seed_feedback(storage.repositories, sub_of);
  if (!feedback) {
    fmt::print(stderr, "hubctl seed: {}\n", feedback.error().message);
    return 1;
  }
  print_report(storage, *pool, users, *feedback, options->password);
  return 0;
}

}  // namespace hub::apps::hubctl
