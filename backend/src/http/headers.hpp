#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/text.hpp"

namespace hub::http {

// HTTP header fields: names compared case-insensitively, insertion order kept, repeated
// names allowed (add) or replaced (set).
class Headers {
 public:
  using Field = std::pair<std::string, std::string>;

  [[nodiscard]] std::optional<std::string_view> get(std::string_view name) const noexcept;
  [[nodiscard]] bool contains(std::string_view name) const noexcept { return get(name).has_value(); }
  // How many fields carry `name` (a repeated field counts once per occurrence).
  [[nodiscard]] std::size_t count(std::string_view name) const noexcept;
  void set(std::string_view name, std::string_view value);
  void add(std::string_view name, std::string_view value);
  void erase(std::string_view name);

  [[nodiscard]] auto begin() const noexcept { return fields_.begin(); }
  [[nodiscard]] auto end() const noexcept { return fields_.end(); }
  [[nodiscard]] std::size_t size() const noexcept { return fields_.size(); }
  [[nodiscard]] bool empty() const noexcept { return fields_.empty(); }

 private:
  std::vector<Field> fields_;
};

using core::iequals;

}  // namespace hub::http
