#include "aws/secrets.hpp"

#include <fmt/format.h>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

#include "core/base64.hpp"
#include "core/json.hpp"

namespace hub::aws {
namespace {

using boost::json::object;

constexpr std::size_t kGetParametersLimit = 10;

AwsResult<const object*> body_object(const boost::json::value& response) {
  if (!response.is_object())
    return AwsError::make(AwsErrc::malformed_response, "the response is not a JSON object");
  return &response.as_object();
}

std::optional<std::string> string_field(const object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  if (v == nullptr || !v->is_string()) return std::nullopt;
  return std::string{v->as_string()};
}

}  // namespace

AwsResult<std::string> SecretsManagerClient::get_secret_value(std::string_view secret_id,
                                                              core::Deadline deadline) const {
  const object request{{"SecretId", secret_id}};
  auto response = client_.call("GetSecretValue", boost::json::serialize(request), deadline);
  if (!response) return std::move(response).error();
  auto o = body_object(*response);
  if (!o) return std::move(o).error();
  if (auto text = string_field(**o, "SecretString")) return *text;
  if (auto binary = string_field(**o, "SecretBinary")) {
    if (auto bytes = core::base64_decode(*binary)) return *bytes;
    return AwsError::make(AwsErrc::malformed_response, "SecretBinary is not base64");
  }
  return AwsError::make(AwsErrc::malformed_response, "the secret has neither SecretString nor SecretBinary");
}

AwsResult<std::string> SsmClient::get_parameter(std::string_view name, core::Deadline deadline) const {
  const object request{{"Name", name}, {"WithDecryption", true}};
  auto response = client_.call("GetParameter", boost::json::serialize(request), deadline);
  if (!response) return std::move(response).error();
  auto o = body_object(*response);
  if (!o) return std::move(o).error();
  const auto* parameter = (*o)->if_contains("Parameter");
  if (parameter != nullptr && parameter->is_object()) {
    if (auto value = string_field(parameter->as_object(), "Value")) return *value;
  }
  return AwsError::make(AwsErrc::malformed_response, "GetParameter answered without Parameter.Value");
}

AwsResult<std::map<std::string, std::string>> SsmClient::get_parameters(const std::vector<std::string>& names,
                                                                        core::Deadline deadline) const {
  std::map<std::string, std::string> values;
  for (std::size_t start = 0; start < names.size(); start += kGetParametersLimit) {
    boost::json::array chunk;
    for (std::size_t i = start; i < std::min(names.size(), start + kGetParametersLimit); ++i)
      chunk.emplace_back(names[i]);
    const object request{{"Names", std::move(chunk)}, {"WithDecryption", true}};
    auto response = client_.call("GetParameters", boost::json::serialize(request), deadline);
    if (!response) return std::move(response).error();
    auto o = body_object(*response);
    if (!o) return std::move(o).error();
    if (const auto* invalid = (*o)->if_contains("InvalidParameters");
        invalid != nullptr && invalid->is_array() && !invalid->as_array().empty()) {
      const auto& first = invalid->as_array().front();
      auto error = AwsError::make(AwsErrc::resource_not_found,
                                  fmt::format("SSM parameter {} does not exist",
                                              first.is_string() ? std::string_view{first.as_string()} : "?"));
      error.type = "ParameterNotFound";
      return error;
    }
    if (const auto* found = (*o)->if_contains("Parameters"); found != nullptr && found->is_array()) {
      for (const auto& p : found->as_array()) {
        if (!p.is_object()) continue;
        auto name = string_field(p.as_object(), "Name");
        auto value = string_field(p.as_object(), "Value");
        if (name && value) values.emplace(std::move(*name), std::move(*value));
      }
    }
  }
  return values;
}

std::optional<SecretReference> parse_secret_reference(std::string_view text) {
  SecretReference reference;
  if (text.starts_with("secretsmanager:")) {
    text.remove_prefix(15);
    if (const auto hash = text.rfind('#'); hash != std::string_view::npos) {
      reference.json_key = std::string{text.substr(hash + 1)};
      text = text.substr(0, hash);
    }
  } else if (text.starts_with("ssm:")) {
    text.remove_prefix(4);
    reference.store = SecretReference::Store::ssm;
  } else {
    return std::nullopt;
  }
  if (text.empty()) return std::nullopt;
  reference.id = std::string{text};
  return reference;
}

AwsResult<std::string> SecretResolver::fetch(const SecretReference& reference,
                                             core::Deadline deadline) const {
  if (reference.store == SecretReference::Store::ssm) return ssm_.get_parameter(reference.id, deadline);
  auto secret = secrets_.get_secret_value(reference.id, deadline);
  if (!secret || reference.json_key.empty()) return secret;
  auto parsed = parse_json(*secret);
  if (!parsed || !parsed->is_object()) {
    return AwsError::make(
        AwsErrc::validation,
        fmt::format("secret {} is not a JSON object, so it has no key {}", reference.id, reference.json_key));
  }
  const auto* field = parsed->as_object().if_contains(reference.json_key);
  if (field == nullptr || !field->is_string()) {
    return AwsError::make(AwsErrc::resource_not_found,
                          fmt::format("secret {} has no string key {}", reference.id, reference.json_key));
  }
  return std::string{field->as_string()};
}

AwsResult<std::string> SecretResolver::resolve(const SecretReference& reference, core::Deadline deadline) {
  const std::string cache_key =
      fmt::format("{}:{}#{}", reference.store == SecretReference::Store::ssm ? "ssm" : "sm", reference.id,
                  reference.json_key);
  {
    const std::scoped_lock lock{mutex_};
    if (auto it = cache_.find(cache_key); it != cache_.end() && now_() - it->second.fetched < ttl_) {
      return it->second.value;
    }
  }
  auto value = fetch(reference, deadline);  // outside the lock: a slow store must not block cached reads
  if (!value) return value;
  const std::scoped_lock lock{mutex_};
  cache_[cache_key] = Entry{*value, now_()};
  return value;
}

}  // namespace hub::aws
