#pragma once

#include <chrono>
#include <cstddef>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "core/clock.hpp"

namespace hub::middleware {

// Counter keys this process saw refused, until their window ends. A fixed-window count only
// grows until then, so a remembered refusal is exactly what the store would answer: a client
// that keeps hammering costs no further writes to the table (one hot key), and a refused
// address is known before its next token is verified. Bounded: when full, expired entries go,
// and if none has expired the memory starts afresh (refusals are then asked of the store again).
class RefusalMemory {
 public:
  explicit RefusalMemory(const core::Clock& clock, std::size_t capacity = 10'000)
      : clock_(clock), capacity_(capacity) {}

  // `key` is refused for `reset` from now.
  void remember(std::string_view key, std::chrono::seconds reset);

  // How long `key` stays refused, rounded up to whole seconds; std::nullopt when it is not.
  [[nodiscard]] std::optional<std::chrono::seconds> refused_for(std::string_view key) const;

 private:
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
  };
  const core::Clock& clock_;
  std::size_t capacity_;
  mutable std::mutex mutex_;
  std::unordered_map<std::string, core::SystemTime, Hash, std::equal_to<>> until_;
};

}  // namespace hub::middleware
