#pragma once

#include <string>
#include <string_view>

#include <boost/json/value.hpp>

#include "core/result.hpp"

namespace hub {

namespace json = boost::json;

// Parses a JSON document. A syntax error becomes MALFORMED_JSON whose detail names the
// line, column and byte offset of the first bad character.
[[nodiscard]] Result<json::value> parse_json(std::string_view text);

[[nodiscard]] std::string to_json_text(const json::value& v);

}  // namespace hub
