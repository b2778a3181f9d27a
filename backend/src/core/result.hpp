#pragma once

#include <cassert>
#include <type_traits>
#include <utility>
#include <variant>

#include "core/error.hpp"

namespace hub {

// An expected failure travels as a value: Result<T> holds either a T or an Error.
// A lower layer with its own failure vocabulary names it as E (aws/ uses AwsError); the layer
// above translates it into an Error at its boundary.
// Exceptions are kept for bugs and broken invariants (see docs/architecture.md).
template <class T, class E = Error>
class [[nodiscard]] Result {  // NOLINT(bugprone-exception-escape): moves of T may throw, as for std::variant
 public:
  using value_type = T;

  // Implicit on purpose: `return value;` and `return error;` both make a Result.
  // NOLINTNEXTLINE(google-explicit-constructor)
  Result(T value) : state_(std::in_place_index<0>, std::move(value)) {}
  // NOLINTNEXTLINE(google-explicit-constructor)
  Result(E error) : state_(std::in_place_index<1>, std::move(error)) {}

  [[nodiscard]] bool ok() const noexcept { return state_.index() == 0; }
  explicit operator bool() const noexcept { return ok(); }

  [[nodiscard]] T& value() & {
    assert(ok());
    return std::get<0>(state_);
  }
  [[nodiscard]] const T& value() const& {
    assert(ok());
    return std::get<0>(state_);
  }
  [[nodiscard]] T&& value() && {
    assert(ok());
    return std::get<0>(std::move(state_));
  }

  [[nodiscard]] const E& error() const& {
    assert(!ok());
    return std::get<1>(state_);
  }
  [[nodiscard]] E&& error() && {
    assert(!ok());
    return std::get<1>(std::move(state_));
  }

  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

 private:
  std::variant<T, E> state_;
};

// Result<void>: success carries nothing.
template <class E>
class [[nodiscard]] Result<void, E> {
 public:
  Result() = default;
  // NOLINTNEXTLINE(google-explicit-constructor)
  Result(E error) : error_(std::move(error)), failed_(true) {}

  [[nodiscard]] bool ok() const noexcept { return !failed_; }
  explicit operator bool() const noexcept { return ok(); }
  [[nodiscard]] const E& error() const& {
    assert(failed_);
    return error_;
  }
  [[nodiscard]] E&& error() && {
    assert(failed_);
    return std::move(error_);
  }

 private:
  E error_{};
  bool failed_ = false;
};

using Status = Result<void>;

}  // namespace hub
