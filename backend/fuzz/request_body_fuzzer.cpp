// Request bodies: any bytes as the body of every route that reads one (PUT /users/profile,
// PUT /users/preferences, POST /users/batch-get, PUT /users/{id}/roles, POST /feedback,
// PATCH /feedback/{id}), parsed as the body middleware does and read as each route's model.
//
// Invariants:
//  - parsing and reading never throw;
//  - a body read as a model writes back as the same document (same members, values equal; 5.0 may
//    come back as 5), and what it writes reads again to the same document;
//  - a refused body is VALIDATION_FAILED with at least one field; each names a JSON pointer whose
//    parent is in the body, and the problem+json response built from it is JSON listing them all;
//  - for each string a field with a format or a non-blank rule checks, the field's check and the
//    OpenAPI schema's pattern agree (public_https_url: the check refuses local-only names too).

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <regex>
#include <string>
#include <string_view>
#include <utility>

#include "core/json.hpp"
#include "fuzz_support.hpp"
#include "http/problem.hpp"
#include "models/codec.hpp"
#include "models/feedback_requests.hpp"
#include "models/formats.hpp"
#include "models/user_api.hpp"

namespace {

using hub::fuzz::require;
namespace json = hub::json;
namespace models = hub::models;

// Equal as JSON documents, numbers by value whatever their kind.
bool same_document(const json::value& a, const json::value& b) {
  if (a.is_number() && b.is_number()) {
    if (a.is_double() || b.is_double()) return a.to_number<double>() == b.to_number<double>();
    return a == b;
  }
  if (a.kind() != b.kind()) return false;
  if (const auto* array = a.if_array()) {
    const auto& other = b.get_array();
    return array->size() == other.size() &&
           std::equal(array->begin(), array->end(), other.begin(), same_document);
  }
  if (const auto* object = a.if_object()) {
    const auto& other = b.get_object();
    return object->size() == other.size() &&
           std::all_of(object->begin(), object->end(), [&](const auto& member) {
             const auto* value = other.if_contains(member.key());
             return value != nullptr && same_document(member.value(), *value);
           });
  }
  return a == b;
}

// The pointer without its last token: where a missing or unknown member's object is.
std::string_view parent_of(std::string_view pointer) { return pointer.substr(0, pointer.rfind('/')); }

void check_refusal(const hub::Error& error, const json::value& body) {
  require(error.code == hub::ErrorCode::VALIDATION_FAILED, "a refused body is VALIDATION_FAILED");
  require(!error.fields.empty(), "a refused body names at least one field");
  for (const auto& field : error.fields) {
    require(field.pointer.empty() || field.pointer.front() == '/', "a field is a JSON pointer");
    require(!field.message.empty(), "a field says what is wrong");
    if (field.pointer.empty()) continue;
    boost::system::error_code ec;
    require(body.find_pointer(parent_of(field.pointer), ec) != nullptr, "a field's parent is in the body");
  }
  const auto response = hub::http::problem_response(error, "fuzz-request", "/fuzz");
  require(response.status == hub::http_status(error.code), "the problem carries the code's status");
  const auto document = hub::parse_json(response.body);
  require(document.ok(), "the problem document is JSON");
  const auto* errors = document->as_object().if_contains("errors");
  require(errors != nullptr && errors->as_array().size() == error.fields.size(),
          "the problem document lists every field");
}

bool is_blank(std::string_view text) {
  return std::all_of(text.begin(), text.end(), [](char c) { return (c >= '\t' && c <= '\r') || c == ' '; });
}

// The schema's pattern of a rule, compiled once (ECMAScript, as OpenAPI's pattern is).
const std::regex* pattern_of(const models::FieldRule& rule) {
  static std::map<std::pair<models::Format, bool>, std::optional<std::regex>> compiled;
  const auto key = std::pair{rule.string_format, rule.not_blank};
  auto found = compiled.find(key);
  if (found == compiled.end()) {
    const auto pattern = models::formats::schema_pattern(rule.string_format, rule.not_blank);
    found =
        compiled.emplace(key, pattern ? std::optional<std::regex>(std::regex(*pattern)) : std::nullopt).first;
  }
  return found->second ? &*found->second : nullptr;
}

// libstdc++'s regex matcher recurses per character: long texts are left to the checks alone.
constexpr std::size_t kMaxPatternText = 256;

void check_format_agrees(const models::FieldRule& rule, std::string_view text) {
  if (text.empty() || text.size() > kMaxPatternText) return;
  const std::regex* pattern = pattern_of(rule);
  if (pattern == nullptr) return;
  const bool checked =
      models::formats::matches(rule.string_format, text) && !(rule.not_blank && is_blank(text));
  const bool by_pattern = std::regex_search(text.begin(), text.end(), *pattern);
  if (rule.string_format == models::Format::public_https_url) {
    require(!checked || by_pattern, "an accepted public https URL matches the schema's pattern");
  } else {
    require(checked == by_pattern, "a format's check and the schema's pattern agree");
  }
}

template <models::Model T>
void check_formats(const json::value& body) {
  const auto* object = body.if_object();
  if (object == nullptr) return;
  for (const auto& rule : models::ModelSpec<T>::rules()) {
    const auto* value = object->if_contains(rule.name);
    if (value == nullptr) continue;
    if (const auto* text = value->if_string()) check_format_agrees(rule, *text);
    if (const auto* items = value->if_array(); items != nullptr && rule.item) {
      for (const auto& item : *items) {
        if (const auto* text = item.if_string()) check_format_agrees(*rule.item, *text);
      }
    }
  }
}

template <models::Model T>
void check_model(const json::value& body) {
  check_formats<T>(body);
  auto decoded = models::from_json<T>(body);
  if (!decoded) {
    check_refusal(decoded.error(), body);
    return;
  }
  const json::value written = models::to_json(*decoded);
  require(same_document(written, body), "a body read as a model writes back as the same document");
  auto again = models::from_json<T>(written);
  require(again.ok(), "what a model writes reads again");
  require(models::to_json(*again) == written, "what a model writes reads again to the same document");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto body = hub::parse_json(hub::fuzz::as_text(data, size));
  if (!body) {
    require(body.error().code == hub::ErrorCode::MALFORMED_JSON,
            "a body that does not parse is MALFORMED_JSON");
    return 0;
  }
  check_model<models::ProfileUpdate>(*body);
  check_model<models::PreferencesUpdate>(*body);
  check_model<models::UserBatchRequest>(*body);
  check_model<models::RolesUpdate>(*body);
  check_model<models::FeedbackSubmission>(*body);
  check_model<models::FeedbackStatusChange>(*body);
  return 0;
}
