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

// The document for people and diffs: two-space indentation, object keys sorted (byte order), a
// trailing newline. Equal values print the same text whatever their key order, and it is the
// text Python's json.dumps(v, indent=2, sort_keys=True, ensure_ascii=False) writes.
[[nodiscard]] std::string to_pretty_json_text(const json::value& v);

}  // namespace hub
