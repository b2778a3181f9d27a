#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "core/json.hpp"
#include "core/result.hpp"

namespace hub::core::auth {

// Why a document was refused: where (an RFC 6901 pointer into it, "" for the document itself)
// and what is wrong there (fixed text, never a piece of the document).
struct JsonProblem {
  std::string pointer;
  std::string_view message;
};

// Parses JSON that an attacker may have written (token headers and claims, signing-key
// documents), more strictly than boost::json::parse: a member name appearing twice in one object
// is refused (Boost.JSON would silently keep the last one, and two readers of the same token
// could then disagree on its claims), every number must be finite (Boost.JSON reads 1e309 as
// infinity), nesting deeper than `max_depth` is refused, and so are comments, trailing commas,
// invalid UTF-8 and anything after the value.
[[nodiscard]] Result<json::value, JsonProblem> parse_strict_json(std::string_view text,
                                                                 std::size_t max_depth);

}  // namespace hub::core::auth
