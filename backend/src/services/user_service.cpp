#include "services/user_service.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "core/text.hpp"

namespace hub::services {
namespace {

constexpr std::string_view kMember = "member";

// Roles as the API shows them: those held, with member (everyone's), sorted, each once.
std::vector<std::string> effective_roles(std::vector<std::string> held) {
  held.emplace_back(kMember);
  std::ranges::sort(held);
  const auto [first, last] = std::ranges::unique(held);
  held.erase(first, last);
  return held;
}

models::Profile view_of(const models::UserProfile& p, std::vector<std::string> roles) {
  return {.id = p.id,
          .email = p.email,
          .display_name = p.display_name,
          .given_name = p.given_name,
          .family_name = p.family_name,
          .organisation = p.organisation,
          .job_title = p.job_title,
          .country = p.country,
          .bio = p.bio,
          .expertise = p.expertise,
          .languages = p.languages,
          .avatar_url = p.avatar_url,
          .phone = p.phone,
          .roles = effective_roles(std::move(roles)),
          .created_at = p.created_at,
          .updated_at = p.updated_at,
          .version = p.version};
}

models::UserSummary summary_of(const models::UserProfile& p, std::vector<std::string> roles) {
  return {.id = p.id,
          .email = p.email,
          .display_name = p.display_name,
          .organisation = p.organisation,
          .country = p.country,
          .roles = effective_roles(std::move(roles)),
          .created_at = p.created_at};
}

models::Preferences view_of(const models::UserPreferences& p) {
  return {.language = p.language,
          .timezone = p.timezone,
          .theme = p.theme,
          .notifications = p.notifications,
          .updated_at = p.version > 0 ? std::optional<std::string>(p.updated_at) : std::nullopt,
          .version = p.version};
}

Error precondition_failed(std::int64_t current) {
  return Error::make(ErrorCode::PRECONDITION_FAILED,
                     fmt::format("If-Match does not match the current ETag \"{}\"; read it again.", current));
}

// A display name for a new profile: the given and family names, else the email's local part,
// else the username.
std::string initial_display_name(const core::auth::UserContext& caller, const DirectoryUser& known) {
  std::string name;
  if (known.given_name && known.family_name) {
    name = fmt::format("{} {}", *known.given_name, *known.family_name);
  } else if (const auto at = known.email.find('@'); at != std::string::npos && at > 0) {
    name = known.email.substr(0, at);
  } else {
    name = caller.username.empty() ? caller.user_id : caller.username;
  }
  // At most 100 characters, cut on a character boundary.
  name.resize(core::utf8_prefix(name, 100).size());
  return name;
}

// The names of the editable fields an update changes.
std::vector<std::string_view> changed_fields(const models::UserProfile& before,
                                             const models::UserProfile& after) {
  std::vector<std::string_view> changed;
  auto compare = [&](std::string_view name, const auto& a, const auto& b) {
    if (a != b) changed.push_back(name);
  };
  compare("display_name", before.display_name, after.display_name);
  compare("given_name", before.given_name, after.given_name);
  compare("family_name", before.family_name, after.family_name);
  compare("organisation", before.organisation, after.organisation);
  compare("job_title", before.job_title, after.job_title);
  compare("country", before.country, after.country);
  compare("bio", before.bio, after.bio);
  compare("expertise", before.expertise, after.expertise);
  compare("languages", before.languages, after.languages);
  compare("avatar_url", before.avatar_url, after.avatar_url);
  compare("phone", before.phone, after.phone);
  return changed;
}

Status check_role_filter(const std::string& role) {
  if (std::ranges::find(models::role_names(), role) != models::role_names().end()) return {};
  return Error{ErrorCode::INVALID_PARAMETER,
               "A parameter is malformed.",
               {{"/query/role", fmt::format("must be one of: {}", fmt::join(models::role_names(), ", "))}},
               {}};
}

}  // namespace

Result<models::UserProfile> UserService::stored_or_created(const core::auth::UserContext& caller,
                                                           const Actor& actor) const {
  auto found = d_.profiles.find(caller.user_id);
  if (!found) return std::move(found).error();
  if (*found) return std::move(**found);

  DirectoryUser known{.email = caller.email};
  if (known.email.empty() && d_.directory != nullptr) {
    auto listed = d_.directory->find(caller.user_id);
    if (!listed) return std::move(listed).error();
    if (*listed) known = std::move(**listed);
  }
  if (known.email.empty()) {
    return Error::make(ErrorCode::BAD_REQUEST,
                       "The profile is created from the sign-in email, and neither the token nor the user "
                       "pool gives one; call once with an ID token.");
  }
  models::UserProfile profile{.id = caller.user_id,
                              .email = known.email,
                              .display_name = initial_display_name(caller, known),
                              .given_name = known.given_name,
                              .family_name = known.family_name};
  auto created = d_.profiles.create(std::move(profile));
  if (!created && created.error().code == ErrorCode::ALREADY_EXISTS) {
    // A concurrent first call created it: use theirs.
    auto again = d_.profiles.find(caller.user_id);
    if (!again) return std::move(again).error();
    if (*again) return std::move(**again);
    return Error::make(ErrorCode::INTERNAL, "The profile vanished while being created.");
  }
  if (!created) {
    if (created.error().code == ErrorCode::EMAIL_TAKEN) {
      return Error::make(ErrorCode::EMAIL_TAKEN,
                         "Another profile holds this sign-in email; an administrator can resolve it.");
    }
    return std::move(created).error();
  }
  d_.recorder.record(actor, "profile.created");
  return std::move(created).value();
}

Result<models::Profile> UserService::own_profile(const core::auth::UserContext& caller,
                                                 const Actor& actor) const {
  auto stored = stored_or_created(caller, actor);
  if (!stored) return std::move(stored).error();
  return view_of(*stored, caller.roles);
}

Result<models::Profile> UserService::update_own_profile(const core::auth::UserContext& caller,
                                                        const Actor& actor,
                                                        const models::ProfileUpdate& update,
                                                        const VersionPrecondition& expected) const {
  auto stored = stored_or_created(caller, actor);
  if (!stored) return std::move(stored).error();
  const models::UserProfile& current = *stored;
  if (!expected.allows(current.version)) return precondition_failed(current.version);

  models::UserProfile next = current;
  next.display_name = update.display_name;
  next.given_name = update.given_name;
  next.family_name = update.family_name;
  next.organisation = update.organisation;
  next.job_title = update.job_title;
  next.country = update.country;
  next.bio = update.bio;
  next.expertise = update.expertise.value_or(std::vector<std::string>{});
  next.languages = update.languages.value_or(std::vector<std::string>{});
  next.avatar_url = update.avatar_url;
  next.phone = update.phone;
  const auto changed = changed_fields(current, next);
  if (changed.empty()) return view_of(current, caller.roles);  // nothing to store: same version

  auto written = d_.profiles.update(current, std::move(next));
  if (!written) return std::move(written).error();
  d_.recorder.record(actor, "profile.updated", std::nullopt,
                     fmt::format("changed {}", fmt::join(changed, ", ")));
  return view_of(*written, caller.roles);
}

Result<models::Preferences> UserService::preferences(std::string_view user_id) const {
  auto found = d_.preferences.find(user_id);
  if (!found) return std::move(found).error();
  if (*found) return view_of(**found);
  return view_of(models::UserPreferences{.user_id = std::string(user_id)});
}

Result<models::Preferences> UserService::update_preferences(const Actor& actor,
                                                            const models::PreferencesUpdate& update,
                                                            const VersionPrecondition& expected) const {
  auto found = d_.preferences.find(actor.user_id);
  if (!found) return std::move(found).error();
  const models::UserPreferences defaults{.user_id = actor.user_id};
  const models::UserPreferences current = found->value_or(defaults);
  if (!expected.allows(current.version, found->has_value())) return precondition_failed(current.version);

  models::UserPreferences next = current;
  next.language = update.language.value_or(defaults.language);
  next.timezone = update.timezone.value_or(defaults.timezone);
  next.theme = update.theme.value_or(defaults.theme);
  next.notifications = update.notifications.value_or(defaults.notifications);
  auto saved = d_.preferences.save(std::move(next));
  if (!saved) return std::move(saved).error();
  d_.recorder.record(actor, "preferences.updated");
  return view_of(*saved);
}

Result<models::UserPage> UserService::list_users(const std::optional<std::string>& role,
                                                 const data::PageRequest& page) const {
  if (auto valid = data::check_page_request(page); !valid) return std::move(valid).error();
  if (role) {
    if (auto valid = check_role_filter(*role); !valid) return std::move(valid).error();
  }
  std::vector<models::UserProfile> profiles;
  std::optional<std::string> next_cursor;
  // Everyone is a member: that filter is the whole directory.
  if (role && *role != kMember) {
    auto holders = d_.roles.holders(*role, page);
    if (!holders) return std::move(holders).error();
    std::vector<std::string> ids;
    for (const auto& holder : holders->items) ids.push_back(holder.user_id);
    auto reads = d_.profiles.batch_get(ids);
    if (!reads) return std::move(reads).error();
    for (auto& read : *reads) {
      if (read.error) return std::move(*read.error);
      // A role can be assigned (hubctl) before its holder's first sign-in creates the profile.
      if (read.item) profiles.push_back(std::move(*read.item));
    }
    next_cursor = std::move(holders->next_cursor);
  } else {
    auto listed = d_.profiles.list(page);
    if (!listed) return std::move(listed).error();
    profiles = std::move(listed->items);
    next_cursor = std::move(listed->next_cursor);
  }
  std::vector<std::string> ids;
  ids.reserve(profiles.size());
  for (const auto& p : profiles) ids.push_back(p.id);
  auto roles = d_.roles.roles_of_users(ids);
  if (!roles) return std::move(roles).error();
  models::UserPage out{.next_cursor = std::move(next_cursor)};
  for (const auto& p : profiles) {
    const auto held = roles->find(p.id);
    out.items.push_back(summary_of(p, held == roles->end() ? std::vector<std::string>{} : held->second));
  }
  return out;
}

Result<models::Profile> UserService::user(std::string_view user_id) const {
  auto found = d_.profiles.find(user_id);
  if (!found) return std::move(found).error();
  if (!*found) return Error::make(ErrorCode::USER_NOT_FOUND, "No user with this id has a profile.");
  auto roles = d_.role_service.roles_of(user_id);
  if (!roles) return std::move(roles).error();
  std::vector<std::string> names;
  for (const auto& assignment : *roles) names.push_back(assignment.role);
  return view_of(**found, std::move(names));
}

Result<models::UserBatchResult> UserService::users(const std::vector<std::string>& ids) const {
  auto reads = d_.profiles.batch_get(ids);
  if (!reads) return std::move(reads).error();
  models::UserBatchResult out;
  for (auto& read : *reads) {
    if (read.error) return std::move(*read.error);
    if (read.item) {
      out.users.push_back(std::move(*read.item));
    } else {
      out.missing.push_back(std::move(read.id));
    }
  }
  return out;
}

Result<models::RolesResult> UserService::assign_roles(const Actor& actor, std::string_view user_id,
                                                      const std::vector<std::string>& roles) const {
  auto found = d_.profiles.find(user_id);
  if (!found) return std::move(found).error();
  if (!*found) return Error::make(ErrorCode::USER_NOT_FOUND, "No user with this id has a profile.");

  const bool drops_own_admin = actor.user_id == user_id && std::ranges::find(roles, "admin") == roles.end();
  if (drops_own_admin) {
    auto admins = d_.roles.holders("admin", data::PageRequest{.limit = 2});
    if (!admins) return std::move(admins).error();
    const bool holds_admin =
        std::ranges::any_of(admins->items, [&](const auto& a) { return a.user_id == user_id; });
    const bool another_admin =
        std::ranges::any_of(admins->items, [&](const auto& a) { return a.user_id != user_id; });
    if (holds_admin && !another_admin) {
      return Error::make(ErrorCode::LAST_ADMIN,
                         "You are the only administrator: give another user the admin role first.");
    }
  }
  // Everyone is a member: the role is kept whatever the request says, and never reported as a change.
  std::vector<std::string> wanted = roles;
  if (std::ranges::find(wanted, kMember) == wanted.end()) wanted.emplace_back(kMember);
  auto change = d_.role_service.replace_roles(user_id, wanted, actor.user_id);
  if (!change) return std::move(change).error();
  std::erase(change->granted, kMember);
  std::erase(change->revoked, kMember);
  if (d_.roles_changed) d_.roles_changed(user_id);
  if (!change->granted.empty() || !change->revoked.empty()) {
    d_.recorder.record(actor, "roles.changed", std::string(user_id),
                       fmt::format("granted [{}], revoked [{}]", fmt::join(change->granted, ", "),
                                   fmt::join(change->revoked, ", ")));
  }
  std::vector<std::string> held;
  for (const auto& assignment : change->roles) held.push_back(assignment.role);
  return models::RolesResult{.user_id = std::string(user_id),
                             .roles = effective_roles(std::move(held)),
                             .granted = change->granted,
                             .revoked = change->revoked,
                             .groups_in_step = change->groups.in_step()};
}

Result<models::ActivityPage> UserService::activity(std::string_view user_id,
                                                   const data::PageRequest& page) const {
  if (auto valid = data::check_page_request(page); !valid) return std::move(valid).error();
  auto listed = d_.activity.list(user_id, page);
  if (!listed) return std::move(listed).error();
  return models::ActivityPage{.items = std::move(listed->items),
                              .next_cursor = std::move(listed->next_cursor)};
}

}  // namespace hub::services
