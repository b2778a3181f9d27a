#pragma once

#include <cmath>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include "core/error.hpp"
#include "core/json.hpp"
#include "core/result.hpp"
#include "models/model.hpp"
#include "models/traits.hpp"

namespace hub::models {

// ---- writing -------------------------------------------------------------------------------

template <class T>
[[nodiscard]] json::value to_json(const T& value);

namespace detail {

template <class T>
json::value write_value(const T& v) {
  if constexpr (Model<T>) {
    json::object out;
    boost::mp11::mp_for_each<boost::describe::describe_members<T, boost::describe::mod_public>>(
        [&](auto member) {
          const auto& field = v.*member.pointer;
          using F = std::remove_cvref_t<decltype(field)>;
          if constexpr (is_optional<F>::value) {
            if (field) out[member.name] = write_value(*field);
          } else {
            out[member.name] = write_value(field);
          }
        });
    return out;
  } else if constexpr (std::is_same_v<T, json::value>) {
    return v;
  } else if constexpr (std::is_same_v<T, std::string> || std::is_same_v<T, bool> || std::is_arithmetic_v<T>) {
    return json::value(v);
  } else if constexpr (is_vector<T>::value) {
    json::array out;
    out.reserve(v.size());
    for (const auto& item : v) out.push_back(write_value(item));
    return out;
  } else if constexpr (is_string_map<T>::value) {
    json::object out;
    for (const auto& [key, item] : v) out[key] = write_value(item);
    return out;
  } else {
    static_assert(sizeof(T) == 0, "type has no JSON mapping");
  }
}

// ---- reading -------------------------------------------------------------------------------

std::string escape_pointer_token(std::string_view token);
std::string_view json_kind(const json::value& v) noexcept;
// Checks a string against a rule (length, enum, format); appends problems.
void check_string(const FieldRule& rule, std::string_view text, const std::string& pointer,
                  std::vector<FieldError>& errors);
void check_number(const FieldRule& rule, double number, const std::string& pointer,
                  std::vector<FieldError>& errors);
void check_count(const FieldRule& rule, std::size_t count, const std::string& pointer,
                 std::vector<FieldError>& errors);
// Reports each item equal to an earlier one (JSON equality, as uniqueItems means).
void check_unique(const json::array& items, const std::string& pointer, std::vector<FieldError>& errors);

template <class T>
bool read_value(const json::value& in, T& out, const FieldRule* rule, const std::string& pointer,
                std::vector<FieldError>& errors);

template <class T>
bool read_model(const json::value& in, T& out, const std::string& pointer, std::vector<FieldError>& errors) {
  const auto* object = in.if_object();
  if (object == nullptr) {
    errors.push_back(
        {pointer.empty() ? "" : pointer, fmt::format("must be an object, not {}", json_kind(in))});
    return false;
  }
  const std::size_t before = errors.size();
  // Unknown fields are rejected, never ignored.
  for (const auto& entry : *object) {
    bool known = false;
    boost::mp11::mp_for_each<boost::describe::describe_members<T, boost::describe::mod_public>>(
        [&](auto member) { known = known || entry.key() == member.name; });
    if (!known) {
      errors.push_back({pointer + "/" + escape_pointer_token(entry.key()), "is not a known field"});
    }
  }
  boost::mp11::mp_for_each<boost::describe::describe_members<T, boost::describe::mod_public>>(
      [&](auto member) {
        auto& field = out.*member.pointer;
        using F = std::remove_cvref_t<decltype(field)>;
        const std::string child = pointer + "/" + escape_pointer_token(member.name);
        const FieldRule* child_rule = rule_for<T>(member.name);
        const auto* found = object->if_contains(member.name);
        if constexpr (is_optional<F>::value) {
          // Left out is absent; null is refused, as the schema (no "null" type) says.
          if (found == nullptr) {
            field.reset();
          } else {
            typename F::value_type inner{};
            if (read_value(*found, inner, child_rule, child, errors)) field = std::move(inner);
          }
        } else {
          if (found == nullptr) {
            errors.push_back({child, "is required"});
          } else {
            read_value(*found, field, child_rule, child, errors);
          }
        }
      });
  return errors.size() == before;
}

// One branch per kind of C++ type: long, but each branch is a few flat lines.
template <class T>
// NOLINTNEXTLINE(readability-function-cognitive-complexity)
bool read_value(const json::value& in, T& out, const FieldRule* rule, const std::string& pointer,
                std::vector<FieldError>& errors) {
  if constexpr (Model<T>) {
    return read_model(in, out, pointer, errors);
  } else if constexpr (std::is_same_v<T, json::value>) {
    out = in;
    return true;
  } else if constexpr (std::is_same_v<T, std::string>) {
    if (!in.is_string()) {
      errors.push_back({pointer, fmt::format("must be a string, not {}", json_kind(in))});
      return false;
    }
    const auto& s = in.get_string();
    out.assign(s.data(), s.size());
    if (rule != nullptr) check_string(*rule, out, pointer, errors);
    return true;
  } else if constexpr (std::is_same_v<T, bool>) {
    if (!in.is_bool()) {
      errors.push_back({pointer, fmt::format("must be a boolean, not {}", json_kind(in))});
      return false;
    }
    out = in.get_bool();
    return true;
  } else if constexpr (detail::is_integer_v<T>) {
    const auto* i64 = in.if_int64();
    const auto* u64 = in.if_uint64();
    // JSON Schema's integer is a number without a fractional part: 5.0 is the integer 5.
    const auto* real = in.if_double();
    const bool whole = real != nullptr && std::trunc(*real) == *real && std::abs(*real) <= 9.0e15;
    const bool fits = (i64 != nullptr && std::in_range<T>(*i64)) ||
                      (u64 != nullptr && std::in_range<T>(*u64)) ||
                      (whole && std::in_range<T>(static_cast<std::int64_t>(*real)));
    if (!fits) {
      errors.push_back({pointer, in.is_number() ? std::string("must be an integer in range")
                                                : fmt::format("must be an integer, not {}", json_kind(in))});
      return false;
    }
    if (i64 != nullptr) {
      out = static_cast<T>(*i64);
    } else if (u64 != nullptr) {
      out = static_cast<T>(*u64);
    } else {
      out = static_cast<T>(static_cast<std::int64_t>(*real));
    }
    if (rule != nullptr) check_number(*rule, static_cast<double>(out), pointer, errors);
    return true;
  } else if constexpr (std::is_floating_point_v<T>) {
    if (!in.is_number()) {
      errors.push_back({pointer, fmt::format("must be a number, not {}", json_kind(in))});
      return false;
    }
    out = static_cast<T>(in.to_number<double>());
    if (rule != nullptr) check_number(*rule, static_cast<double>(out), pointer, errors);
    return true;
  } else if constexpr (is_vector<T>::value) {
    const auto* array = in.if_array();
    if (array == nullptr) {
      errors.push_back({pointer, fmt::format("must be an array, not {}", json_kind(in))});
      return false;
    }
    out.clear();
    out.reserve(array->size());
    bool ok = true;
    const FieldRule* item_rule = rule != nullptr ? rule->item.get() : nullptr;
    for (std::size_t i = 0; i < array->size(); ++i) {
      typename T::value_type item{};
      ok = read_value(array->at(i), item, item_rule, pointer + "/" + std::to_string(i), errors) && ok;
      out.push_back(std::move(item));
    }
    if (rule != nullptr) {
      check_count(*rule, out.size(), pointer, errors);
      if (rule->unique_items) check_unique(*array, pointer, errors);
    }
    return ok;
  } else if constexpr (is_string_map<T>::value) {
    const auto* object = in.if_object();
    if (object == nullptr) {
      errors.push_back({pointer, fmt::format("must be an object, not {}", json_kind(in))});
      return false;
    }
    bool ok = true;
    for (const auto& entry : *object) {
      typename T::mapped_type item{};
      ok = read_value(entry.value(), item, nullptr, pointer + "/" + escape_pointer_token(entry.key()),
                      errors) &&
           ok;
      out.emplace(std::string(entry.key()), std::move(item));
    }
    if (rule != nullptr) check_count(*rule, out.size(), pointer, errors);
    return ok;
  } else {
    static_assert(sizeof(T) == 0, "type has no JSON mapping");
  }
}

}  // namespace detail

template <class T>
json::value to_json(const T& value) {
  return detail::write_value(value);
}

// Reads and validates a model: every problem is reported (not just the first), each as a
// JSON pointer into `in` and a message; the error is VALIDATION_FAILED.
template <Model T>
[[nodiscard]] Result<T> from_json(const json::value& in) {
  T out{};
  std::vector<FieldError> errors;
  detail::read_model(in, out, "", errors);
  if (!errors.empty()) {
    return Error::validation(std::move(errors));
  }
  return out;
}

// Checks an already-built model against its rules (for values we produce ourselves).
template <Model T>
[[nodiscard]] Status validate(const T& value) {
  auto round_trip = from_json<T>(to_json(value));
  if (!round_trip) return std::move(round_trip).error();
  return {};
}

}  // namespace hub::models
