#pragma once

#include <optional>
#include <string>

#include "core/error.hpp"

namespace hub::data {

// Per-item outcomes of a repository's batch operations, in input order.

// A read: the entity, or nothing (no such item), or why it could not be read.
template <class T>
struct BatchRead {
  std::string id{};
  std::optional<T> item{};
  std::optional<Error> error{};
};

// A write (put or delete): no error when done.
struct BatchWrite {
  std::string id{};
  std::optional<Error> error{};
  [[nodiscard]] bool ok() const noexcept { return !error; }
};

}  // namespace hub::data
