#pragma once

#include <string>
#include <type_traits>

#include "core/json.hpp"
#include "models/model.hpp"
#include "models/traits.hpp"

namespace hub::models {

// Collects OpenAPI 3.1 (JSON Schema 2020-12) schemas for models, each once, under
// components/schemas, and hands out $refs to them.
class SchemaRegistry {
 public:
  template <class T>
  json::value schema();

  [[nodiscard]] const json::object& components() const noexcept { return components_; }

 private:
  template <Model T>
  json::value model_ref();
  template <Model T>
  json::object model_schema();

  json::object components_;
};

namespace detail {
// Adds a rule's constraints and documentation to a property schema.
void apply_rule(const FieldRule& rule, json::object& schema, bool is_collection);
}  // namespace detail

template <class T>
json::value SchemaRegistry::schema() {
  if constexpr (Model<T>) {
    return model_ref<T>();
  } else if constexpr (std::is_same_v<T, json::value>) {
    return json::object{};
  } else if constexpr (std::is_same_v<T, std::string>) {
    return json::object{{"type", "string"}};
  } else if constexpr (std::is_same_v<T, bool>) {
    return json::object{{"type", "boolean"}};
  } else if constexpr (detail::is_integer_v<T>) {
    json::object s{{"type", "integer"}};
    if constexpr (std::is_unsigned_v<T>) s["minimum"] = 0;
    return s;
  } else if constexpr (std::is_floating_point_v<T>) {
    return json::object{{"type", "number"}};
  } else if constexpr (detail::is_optional<T>::value) {
    return schema<typename T::value_type>();
  } else if constexpr (detail::is_vector<T>::value) {
    return json::object{{"type", "array"}, {"items", schema<typename T::value_type>()}};
  } else if constexpr (detail::is_string_map<T>::value) {
    return json::object{{"type", "object"}, {"additionalProperties", schema<typename T::mapped_type>()}};
  } else {
    static_assert(sizeof(T) == 0, "type has no schema mapping");
  }
}

template <Model T>
json::value SchemaRegistry::model_ref() {
  const std::string name(ModelSpec<T>::name);
  if (!components_.contains(name)) {
    components_[name] = nullptr;  // reserve first: recursive models terminate
    components_[name] = model_schema<T>();
  }
  return json::object{{"$ref", "#/components/schemas/" + name}};
}

template <Model T>
json::object SchemaRegistry::model_schema() {
  json::object properties;
  json::array required;
  boost::mp11::mp_for_each<boost::describe::describe_members<T, boost::describe::mod_public>>(
      [&](auto member) {
        using F = std::remove_cvref_t<decltype(std::declval<T&>().*member.pointer)>;
        json::value property = schema<F>();
        if (const FieldRule* rule = rule_for<T>(member.name)) {
          if (property.as_object().contains("$ref")) {
            // Siblings of $ref are allowed in 3.1; only the description applies.
            if (!rule->description.empty()) property.as_object()["description"] = rule->description;
          } else {
            using Bare = detail::without_optional_t<F>;
            detail::apply_rule(*rule, property.as_object(),
                               detail::is_vector<Bare>::value || detail::is_string_map<Bare>::value);
          }
        }
        properties[member.name] = std::move(property);
        if constexpr (!detail::is_optional<F>::value) required.emplace_back(member.name);
      });
  json::object out{{"type", "object"},
                   {"description", ModelSpec<T>::description},
                   {"properties", std::move(properties)},
                   {"additionalProperties", false}};
  if (!required.empty()) out["required"] = std::move(required);
  return out;
}

}  // namespace hub::models
