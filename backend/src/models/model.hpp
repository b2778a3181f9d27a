#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string_view>
#include <vector>

#include <boost/describe.hpp>
#include <boost/mp11/algorithm.hpp>

namespace hub::models {

// Formats a string field may declare; each is checked on input and named in the schema (as a
// format or an anchored pattern that accepts exactly what the check accepts).
enum class Format : unsigned char {
  none,
  date_time,
  email,
  uri,
  ulid,
  single_line,       // text without control characters
  multi_line,        // text whose only control characters are tab, line feed and carriage return
  phone_e164,        // +<country code><number>, 2-15 digits
  language_tag,      // BCP 47 shape: en, sw-KE, zh-Hant-TW
  public_https_url,  // https://<DNS name>[:port][path]; no IP literals, no local-only names
  // A path within the app, as a browser shows it after the host ("/resources?q=x#top"): one
  // leading '/', not "//" (which a browser reads as another host), no spaces, control characters
  // or backslashes.
  app_path,
};

// The constraints and documentation of one field. Built fluently:
//   field("display_name").describe("Shown to other members").min_length(1).max_length(80)
struct FieldRule {
  std::string_view name;
  std::string_view description;
  std::optional<std::size_t> min_len;
  std::optional<std::size_t> max_len;
  std::optional<double> min_value;
  std::optional<double> max_value;
  std::vector<std::string_view> allowed;  // enum values
  std::string_view allowed_hint;          // the message for a value not allowed, when the list is long
  Format string_format = Format::none;
  bool not_blank = false;                 // must contain a non-whitespace character
  bool unique_items = false;              // arrays: no value twice
  std::shared_ptr<const FieldRule> item;  // arrays: the rule of each item
  std::optional<std::string_view> example;

  FieldRule describe(std::string_view text) const {
    auto r = *this;
    r.description = text;
    return r;
  }
  FieldRule min_length(std::size_t n) const {
    auto r = *this;
    r.min_len = n;
    return r;
  }
  FieldRule max_length(std::size_t n) const {
    auto r = *this;
    r.max_len = n;
    return r;
  }
  FieldRule minimum(double v) const {
    auto r = *this;
    r.min_value = v;
    return r;
  }
  FieldRule maximum(double v) const {
    auto r = *this;
    r.max_value = v;
    return r;
  }
  FieldRule one_of(std::vector<std::string_view> values) const {
    auto r = *this;
    r.allowed = std::move(values);
    return r;
  }
  // A long list of allowed values (countries, time zones): the message names `hint` instead.
  FieldRule one_of(const std::vector<std::string_view>& values, std::string_view hint) const {
    auto r = *this;
    r.allowed = values;
    r.allowed_hint = hint;
    return r;
  }
  FieldRule non_blank() const {
    auto r = *this;
    r.not_blank = true;
    return r;
  }
  FieldRule distinct() const {
    auto r = *this;
    r.unique_items = true;
    return r;
  }
  FieldRule each(FieldRule item_rule) const {
    auto r = *this;
    r.item = std::make_shared<const FieldRule>(std::move(item_rule));
    return r;
  }
  FieldRule format(Format f) const {
    auto r = *this;
    r.string_format = f;
    return r;
  }
  FieldRule example_value(std::string_view v) const {
    auto r = *this;
    r.example = v;
    return r;
  }
};

[[nodiscard]] inline FieldRule field(std::string_view name) {
  FieldRule rule;
  rule.name = name;
  return rule;
}

// A model is a plain struct described with BOOST_DESCRIBE_STRUCT plus a ModelSpec
// specialisation (use HUB_MODEL) giving its schema name, description and field rules.
// That one declaration drives validation, JSON in and out, and the OpenAPI schema.
template <class T>
struct ModelSpec;

template <class T>
concept Model = boost::describe::has_describe_members<T>::value && requires {
  { ModelSpec<T>::name } -> std::convertible_to<std::string_view>;
  ModelSpec<T>::rules();
};

// Finds the rule of a member; a member without one has no constraints.
template <class T>
[[nodiscard]] const FieldRule* rule_for(std::string_view member) {
  for (const auto& r : ModelSpec<T>::rules()) {
    if (r.name == member) return &r;
  }
  return nullptr;
}

}  // namespace hub::models

// Declares the ModelSpec of `Type`; use inside namespace hub::models, after BOOST_DESCRIBE_STRUCT.
#define HUB_MODEL(Type, Description, ...)                        \
  template <>                                                    \
  struct ModelSpec<Type> {                                       \
    static constexpr std::string_view name = #Type;              \
    static constexpr std::string_view description = Description; \
    static const std::vector<FieldRule>& rules() {               \
      static const std::vector<FieldRule> all{__VA_ARGS__};      \
      return all;                                                \
    }                                                            \
  }

// Declares the ModelSpec of `Type` whose rules come from an expression (a function returning
// std::vector<FieldRule>): for models that share their fields' rules with another.
#define HUB_MODEL_WITH_RULES(Type, Description, RulesExpression) \
  template <>                                                    \
  struct ModelSpec<Type> {                                       \
    static constexpr std::string_view name = #Type;              \
    static constexpr std::string_view description = Description; \
    static const std::vector<FieldRule>& rules() {               \
      static const std::vector<FieldRule> all = RulesExpression; \
      return all;                                                \
    }                                                            \
  }
