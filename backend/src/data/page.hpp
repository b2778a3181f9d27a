#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"

namespace hub::data {

inline constexpr int kDefaultPageSize = 20;
inline constexpr int kMaxPageSize = 100;

// What a client asks of a listing: how many items (1-100) and where to go on from.
struct PageRequest {
  int limit = kDefaultPageSize;
  std::string cursor{};  // empty: from the start
};

// One page: `next_cursor` is absent on the last one.
template <class T>
struct Page {
  std::vector<T> items{};
  std::optional<std::string> next_cursor{};
};

// INVALID_PARAMETER naming /query/limit when the limit is out of range.
[[nodiscard]] Status check_page_request(const PageRequest& request);

}  // namespace hub::data
