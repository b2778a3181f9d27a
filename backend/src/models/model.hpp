#pragma once

#include <cstddef>
#include <optional>
#include <string_view>
#include <vector>

#include <boost/describe.hpp>
#include <boost/mp11/algorithm.hpp>

namespace hub::models {

// Formats a string field may declare; each is checked on input and named in the schema.
// app_path: a path within the app, as a browser shows it after the host ("/resources?q=x#top"):
// one leading '/', not "//" (which a browser reads as another host), no spaces, control
// characters or backslashes.
enum class Format : unsigned char { none, date_time, email, uri, ulid, app_path };

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
  Format string_format = Format::none;
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
