#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace hub::handlers::feedback {

// The strong entity tag of a stored version: version 3 is "\"3\"" (quotes included).
[[nodiscard]] std::string entity_tag(std::int64_t version);

// Whether an If-Match field value admits the entity tag `current` (RFC 9110 §13.1.1): "*" admits
// any, otherwise one of its comma-separated entity tags must equal `current` by strong comparison,
// so a weak tag (W/"3") never matches. A member that is not an entity tag matches nothing, and a
// value without any tag admits nothing. Absent (std::nullopt): no precondition, admits all.
[[nodiscard]] bool if_match_admits(std::optional<std::string_view> if_match, std::string_view current);

}  // namespace hub::handlers::feedback
