#include "aws/aws_environment.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>
#include <utility>

#include <fmt/format.h>

#include "core/text.hpp"

namespace hub::aws {
namespace {

using Section = std::map<std::string, std::string, std::less<>>;
using Ini = std::map<std::string, Section, std::less<>>;

constexpr std::array<ServiceInfo, 4> kServices{{
    {"DYNAMODB", "dynamodb"},
    {"SECRETS_MANAGER", "secretsmanager"},
    {"SSM", "ssm"},
    {"COGNITO_IDENTITY_PROVIDER", "cognito-idp"},
}};

AwsError invalid(std::string message) { return AwsError::make(AwsErrc::validation, std::move(message)); }

// A variable's value without surrounding blanks; unset and blank are the same, as for the SDKs.
std::optional<std::string> lookup(const core::EnvLookup& env, std::string_view name) {
  const auto value = env(name);
  if (!value) return std::nullopt;
  const auto trimmed = core::trim(*value);
  if (trimmed.empty()) return std::nullopt;
  return std::string(trimmed);
}

// "[profile  dev]" and "[profile dev]" name the same section.
std::string section_name(std::string_view inside) {
  inside = core::trim(inside);
  if (inside.starts_with("profile") && inside.size() > 7 && (inside[7] == ' ' || inside[7] == '\t'))
    return "profile " + std::string(core::trim(inside.substr(7)));
  return std::string(inside);
}

// Cuts a comment that follows a value after a blank ("region = x  # note").
std::string_view without_inline_comment(std::string_view value) {
  for (std::size_t i = 1; i < value.size(); ++i) {
    if ((value[i] == '#' || value[i] == ';') && (value[i - 1] == ' ' || value[i - 1] == '\t'))
      return core::trim(value.substr(0, i));
  }
  return value;
}

// The AWS shared file dialect of INI: [sections], `key = value`, whole-line # and ; comments, and
// indented sub-properties under a key with no value (`s3 =`), which are skipped.
Ini parse_ini(std::string_view text) {
  Ini ini;
  Section* section = nullptr;
  bool in_nested = false;
  while (!text.empty()) {
    const auto end = text.find('\n');
    std::string_view line = text.substr(0, end);
    text = end == std::string_view::npos ? std::string_view{} : text.substr(end + 1);
    if (line.ends_with('\r')) line.remove_suffix(1);
    const bool indented = !line.empty() && (line.front() == ' ' || line.front() == '\t');
    line = core::trim(line);
    if (line.empty() || line.front() == '#' || line.front() == ';') continue;
    if (line.front() == '[') {
      section = line.back() == ']' ? &ini[section_name(line.substr(1, line.size() - 2))] : nullptr;
      in_nested = false;
      continue;
    }
    if (section == nullptr || (indented && in_nested)) continue;
    const auto equals = line.find('=');
    if (equals == std::string_view::npos) continue;
    const std::string_view value = without_inline_comment(core::trim(line.substr(equals + 1)));
    in_nested = value.empty();
    (*section)[core::to_lower(core::trim(line.substr(0, equals)))] = std::string(value);
  }
  return ini;
}

struct SharedFile {
  std::string path;        // as resolved; empty when `~` could not be (no HOME)
  std::optional<Ini> ini;  // std::nullopt when the file could not be read
  std::string where;       // for messages: the path, or why there is none
};

SharedFile load_shared_file(const core::EnvLookup& env, std::string_view variable,
                            std::string_view fallback) {
  SharedFile file;
  std::string path = lookup(env, variable).value_or(std::string(fallback));
  if (path == "~" || path.starts_with("~/")) {
    const auto home = lookup(env, "HOME");
    if (!home) {
      file.where = fmt::format("{} (HOME is not set)", path);
      return file;
    }
    path = *home + path.substr(1);
  }
  file.path = path;
  file.where = path;
  std::ifstream in(path, std::ios::binary);
  if (!in) return file;
  std::ostringstream text;
  text << in.rdbuf();
  file.ini = parse_ini(text.str());
  return file;
}

const Section* find_section(const SharedFile& file, const std::string& name) {
  if (!file.ini) return nullptr;
  const auto it = file.ini->find(name);
  return it == file.ini->end() ? nullptr : &it->second;
}

// The config file names profiles "[profile x]", except the default one, "[default]".
const Section* config_profile(const SharedFile& file, const std::string& profile) {
  if (profile == "default") {
    if (const auto* section = find_section(file, "default")) return section;
  }
  return find_section(file, "profile " + profile);
}

std::optional<std::string> value_in(const Section* section, std::string_view key) {
  if (section == nullptr) return std::nullopt;
  const auto it = section->find(key);
  if (it == section->end() || it->second.empty()) return std::nullopt;
  return it->second;
}

// Keys and tokens are printable ASCII without blanks; anything else is a paste gone wrong.
bool is_visible_ascii(char c) noexcept { return c > ' ' && c <= '~'; }

bool is_key_text(std::string_view text) noexcept { return std::ranges::all_of(text, is_visible_ascii); }

AwsResult<Credentials> environment_credentials(const core::EnvLookup& env, std::string& source) {
  const auto key_id = lookup(env, "AWS_ACCESS_KEY_ID");
  const auto secret = lookup(env, "AWS_SECRET_ACCESS_KEY");
  if (key_id.has_value() != secret.has_value()) {
    return invalid(fmt::format("{} is set but {} is not",
                               key_id ? "AWS_ACCESS_KEY_ID" : "AWS_SECRET_ACCESS_KEY",
                               key_id ? "AWS_SECRET_ACCESS_KEY" : "AWS_ACCESS_KEY_ID"));
  }
  Credentials credentials;
  if (!key_id) return credentials;  // none here: the shared file is next
  credentials = {*key_id, *secret, lookup(env, "AWS_SESSION_TOKEN").value_or("")};
  for (const auto& [name, value] : {std::pair{"AWS_ACCESS_KEY_ID", &credentials.access_key_id},
                                    std::pair{"AWS_SECRET_ACCESS_KEY", &credentials.secret_access_key},
                                    std::pair{"AWS_SESSION_TOKEN", &credentials.session_token}}) {
    if (!is_key_text(*value)) return invalid(fmt::format("{} contains blanks or non-ASCII characters", name));
  }
  source = "environment";
  return credentials;
}

AwsResult<Credentials> shared_file_credentials(const core::EnvLookup& env, const std::string& profile,
                                               std::string& source) {
  const SharedFile file = load_shared_file(env, "AWS_SHARED_CREDENTIALS_FILE", "~/.aws/credentials");
  const Section* section = find_section(file, profile);
  if (section == nullptr) {
    return AwsError::make(
        AwsErrc::missing_credentials,
        fmt::format(
            "no AWS credentials: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not set, and {} {}",
            file.where,
            file.ini ? fmt::format("has no profile [{}]", profile) : "does not exist or cannot be read"));
  }
  Credentials credentials;
  for (const auto& [key, value] : {std::pair{"aws_access_key_id", &credentials.access_key_id},
                                   std::pair{"aws_secret_access_key", &credentials.secret_access_key},
                                   std::pair{"aws_session_token", &credentials.session_token}}) {
    *value = value_in(section, key).value_or("");
    if (value->empty() && key != std::string_view("aws_session_token")) {
      return invalid(fmt::format("{}: profile [{}] has no {}", file.where, profile, key));
    }
    if (!is_key_text(*value)) {
      return invalid(fmt::format("{}: {} of profile [{}] contains blanks or non-ASCII characters", file.where,
                                 key, profile));
    }
  }
  source = fmt::format("shared credentials file (profile {})", profile);
  return credentials;
}

// Lower-case letters, digits and dashes, starting with a letter: "us-east-1", "eu-central-2".
bool is_region(std::string_view text) noexcept {
  if (text.empty() || text.size() > 64 || text.front() < 'a' || text.front() > 'z' || text.back() == '-')
    return false;
  return std::ranges::all_of(
      text, [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'; });
}

AwsResult<std::string> find_region(const core::EnvLookup& env, const std::string& profile) {
  std::string from = "AWS_REGION";
  std::optional<std::string> region = lookup(env, from);
  if (!region) {
    from = "AWS_DEFAULT_REGION";
    region = lookup(env, from);
  }
  if (!region) {
    const SharedFile config = load_shared_file(env, "AWS_CONFIG_FILE", "~/.aws/config");
    region = value_in(config_profile(config, profile), "region");
    if (!region) {
      return invalid(fmt::format("no AWS region: AWS_REGION and AWS_DEFAULT_REGION are not set, and {} {}",
                                 config.where,
                                 config.ini ? fmt::format("has no region for profile {}", profile)
                                            : "does not exist or cannot be read"));
    }
    from = fmt::format("region of profile {} in {}", profile, config.where);
  }
  if (!is_region(*region)) {
    return invalid(fmt::format(
        "{} \"{}\" is not a region (lower-case letters, digits and dashes, like us-east-1)", from, *region));
  }
  return *region;
}

bool is_host_text(std::string_view host) noexcept {
  if (host.empty()) return false;
  if (host.front() == '[') return host.size() > 2 && host.back() == ']';  // an IPv6 literal
  return std::ranges::all_of(host, [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
           c == '-' || c == '_';
  });
}

// http(s)://host[:port][/path], returned with a lower-case scheme and no trailing slash.
AwsResult<std::string> endpoint_url(std::string_view url, std::string_view variable) {
  const auto bad = [&](std::string_view why) {
    // A URL with user information may carry a password: not repeated.
    const std::string shown = url.find('@') == std::string_view::npos ? fmt::format(" \"{}\"", url) : "";
    return invalid(fmt::format("{}{} is not a usable endpoint URL: {}", variable, shown, why));
  };
  const auto scheme_end = url.find("://");
  const std::string scheme =
      core::to_lower(url.substr(0, scheme_end == std::string_view::npos ? 0 : scheme_end));
  if (scheme != "http" && scheme != "https") return bad("it must start with http:// or https://");
  const std::string_view rest = url.substr(scheme_end + 3);
  if (!std::ranges::all_of(rest, is_visible_ascii)) return bad("it contains blanks or non-ASCII characters");
  if (rest.find_first_of("?#") != std::string_view::npos) return bad("it must not have a query or fragment");
  const std::string_view authority = rest.substr(0, rest.find('/'));
  std::string_view path = rest.substr(authority.size());
  if (authority.find('@') != std::string_view::npos) return bad("it must not hold user information");
  const auto colon = authority.rfind(':');
  const bool has_port =
      colon != std::string_view::npos && authority.find(']', colon) == std::string_view::npos;
  const std::string_view host = has_port ? authority.substr(0, colon) : authority;
  if (!is_host_text(host)) return bad("it has no valid host");
  if (has_port) {
    const std::string_view digits = authority.substr(colon + 1);
    unsigned port = 0;
    const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), port);
    if (digits.empty() || ec != std::errc{} || end != digits.data() + digits.size() || port == 0 ||
        port > 65535)
      return bad("its port must be a number from 1 to 65535");
  }
  while (path.ends_with('/')) path.remove_suffix(1);
  return fmt::format("{}://{}{}", scheme, authority, path);
}

AwsResult<bool> ignore_configured_endpoints(const core::EnvLookup& env) {
  const auto value = lookup(env, "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS");
  if (!value) return false;
  const std::string lower = core::to_lower(*value);
  if (lower == "true") return true;
  if (lower == "false") return false;
  return invalid(fmt::format("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS \"{}\" must be true or false", *value));
}

AwsResult<std::string> service_endpoint(const core::EnvLookup& env, Service service,
                                        const std::string& region, bool ignore_configured) {
  const ServiceInfo& info = service_info(service);
  if (!ignore_configured) {
    const std::string specific = fmt::format("AWS_ENDPOINT_URL_{}", info.env_suffix);
    if (const auto url = lookup(env, specific)) return endpoint_url(*url, specific);
    if (const auto url = lookup(env, "AWS_ENDPOINT_URL")) return endpoint_url(*url, "AWS_ENDPOINT_URL");
  }
  const std::string_view domain = region.starts_with("cn-") ? "amazonaws.com.cn" : "amazonaws.com";
  return fmt::format("https://{}.{}.{}", info.endpoint_prefix, region, domain);
}

AwsResult<int> max_attempts(const core::EnvLookup& env) {
  const auto value = lookup(env, "AWS_MAX_ATTEMPTS");
  if (!value) return 3;
  int attempts = 0;
  const auto [end, ec] = std::from_chars(value->data(), value->data() + value->size(), attempts);
  if (ec != std::errc{} || end != value->data() + value->size() || attempts < 1 || attempts > 10)
    return invalid(fmt::format("AWS_MAX_ATTEMPTS \"{}\" must be a whole number from 1 to 10", *value));
  return attempts;
}

}  // namespace

const ServiceInfo& service_info(Service service) noexcept {
  return kServices[static_cast<std::size_t>(service)];
}

const std::string& AwsEnvironment::endpoint(Service service) const noexcept {
  switch (service) {
    case Service::dynamodb:
      return dynamodb_endpoint;
    case Service::secrets_manager:
      return secrets_manager_endpoint;
    case Service::ssm:
      return ssm_endpoint;
    case Service::cognito_idp:
      return cognito_idp_endpoint;
  }
  return dynamodb_endpoint;
}

AwsResult<AwsEnvironment> load_aws_environment(const core::EnvLookup& env) {
  AwsEnvironment out;
  const std::string profile = lookup(env, "AWS_PROFILE").value_or("default");

  auto credentials = environment_credentials(env, out.credentials_source);
  if (credentials.ok() && out.credentials_source.empty())
    credentials = shared_file_credentials(env, profile, out.credentials_source);
  if (!credentials.ok()) return std::move(credentials).error();
  out.credentials = std::move(credentials).value();

  auto region = find_region(env, profile);
  if (!region.ok()) return std::move(region).error();
  out.region = std::move(region).value();

  const auto ignore = ignore_configured_endpoints(env);
  if (!ignore.ok()) return ignore.error();
  for (const auto& [service, field] : {std::pair{Service::dynamodb, &out.dynamodb_endpoint},
                                       std::pair{Service::secrets_manager, &out.secrets_manager_endpoint},
                                       std::pair{Service::ssm, &out.ssm_endpoint},
                                       std::pair{Service::cognito_idp, &out.cognito_idp_endpoint}}) {
    auto url = service_endpoint(env, service, out.region, ignore.value());
    if (!url.ok()) return std::move(url).error();
    *field = std::move(url).value();
  }

  const auto attempts = max_attempts(env);
  if (!attempts.ok()) return attempts.error();
  out.max_attempts = attempts.value();
  return out;
}

}  // namespace hub::aws
