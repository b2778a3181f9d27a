#include "core/json.hpp"

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

}  // namespace hub
