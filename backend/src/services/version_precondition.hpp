#pragma once

#include <algorithm>
#include <cstdint>
#include <vector>

namespace hub::services {

// What a change expects the item's current version to be (HTTP's If-Match, in versions): nothing
// (any version, the change applies to whatever it read), any existing version (`*`), or one of
// a list. A tag that names no version of ours is kept as "matches nothing".
struct VersionPrecondition {
  bool present = false;  // false: no expectation
  bool any = false;      // `*`
  std::vector<std::int64_t> versions{};

  [[nodiscard]] bool allows(std::int64_t current, bool exists = true) const {
    if (!present) return true;
    if (any) return exists;
    return std::ranges::find(versions, current) != versions.end();
  }
};

}  // namespace hub::services
