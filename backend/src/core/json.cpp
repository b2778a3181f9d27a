#include "core/json.hpp"

#include <algorithm>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <boost/json/serialize.hpp>
#include <boost/json/stream_parser.hpp>

namespace hub {
namespace {

struct Position {
  std::size_t line = 1;
  std::size_t column = 1;
};

Position position_of(std::string_view text, std::size_t offset) {
  Position pos;
  for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++pos.line;
      pos.column = 1;
    } else {
      ++pos.column;
    }
  }
  return pos;
}

void write_pretty(const json::value& v, std::size_t depth, std::string& out) {
  const auto newline = [&out](std::size_t level) {
    out.push_back('\n');
    out.append(2 * level, ' ');
  };
  if (const auto* object = v.if_object(); object != nullptr && !object->empty()) {
    std::vector<const json::key_value_pair*> entries;
    entries.reserve(object->size());
    for (const auto& entry : *object) entries.push_back(&entry);
    std::ranges::sort(entries, {}, [](const json::key_value_pair* e) { return e->key(); });
    out.push_back('{');
    for (std::size_t i = 0; i < entries.size(); ++i) {
      if (i > 0) out.push_back(',');
      newline(depth + 1);
      out += boost::json::serialize(json::value(entries[i]->key()));
      out += ": ";
      write_pretty(entries[i]->value(), depth + 1, out);
    }
    newline(depth);
    out.push_back('}');
  } else if (const auto* array = v.if_array(); array != nullptr && !array->empty()) {
    out.push_back('[');
    for (std::size_t i = 0; i < array->size(); ++i) {
      if (i > 0) out.push_back(',');
      newline(depth + 1);
      write_pretty((*array)[i], depth + 1, out);
    }
    newline(depth);
    out.push_back(']');
  } else if (v.is_double()) {
    // Shortest text that reads back the same, with ".0" on whole numbers, as Python writes floats
    // (Boost.JSON would write 0E0).
    const auto text = fmt::format("{}", v.get_double());
    out += text;
    if (text.find_first_of(".eEin") == std::string::npos) out += ".0";
  } else {
    out += boost::json::serialize(v);  // other scalars, {} and []
  }
}

}  // namespace

Result<json::value> parse_json(std::string_view text) {
  boost::json::parse_options options;
  options.max_depth = 64;
  boost::json::stream_parser parser({}, options);
  boost::system::error_code ec;
  std::size_t consumed = parser.write_some(text.data(), text.size(), ec);
  if (!ec && consumed < text.size()) {
    ec = boost::json::error::extra_data;
  }
  if (!ec) {
    parser.finish(ec);
    consumed = text.size();
  }
  if (ec) {
    if (text.find_first_not_of(" \t\r\n") == std::string_view::npos) {
      return Error::make(ErrorCode::MALFORMED_JSON, "The body is empty; a JSON document was expected.");
    }
    const auto pos = position_of(text, consumed);
    return Error::make(ErrorCode::MALFORMED_JSON,
                       fmt::format("Malformed JSON at line {}, column {} (byte {}): {}.", pos.line,
                                   pos.column, consumed, ec.message()));
  }
  return parser.release();
}

std::string to_json_text(const json::value& v) { return boost::json::serialize(v); }

std::string to_pretty_json_text(const json::value& v) {
  std::string out;
  write_pretty(v, 0, out);
  out.push_back('\n');
  return out;
}

}  // namespace hub
