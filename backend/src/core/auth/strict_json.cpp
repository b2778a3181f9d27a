#include "core/auth/strict_json.hpp"

#include <cmath>
#include <cstdint>
#include <limits>
#include <optional>
#include <utility>
#include <vector>

#include <boost/json/basic_parser_impl.hpp>

namespace hub::core::auth {
namespace {

using boost::system::error_code;

// Appends one RFC 6901 reference token ('~' and '/' escaped).
void append_token(std::string& pointer, std::string_view token) {
  pointer += '/';
  for (const char c : token) {
    if (c == '~') {
      pointer += "~0";
    } else if (c == '/') {
      pointer += "~1";
    } else {
      pointer += c;
    }
  }
}

// A boost::json::basic_parser handler that builds the value itself, so that it sees every
// member name as it arrives and can refuse a repeated one.
class StrictBuilder {
 public:
  static constexpr std::size_t max_object_size = std::numeric_limits<std::size_t>::max();
  static constexpr std::size_t max_array_size = std::numeric_limits<std::size_t>::max();
  static constexpr std::size_t max_key_size = std::numeric_limits<std::size_t>::max();
  static constexpr std::size_t max_string_size = std::numeric_limits<std::size_t>::max();

  static bool on_document_begin(error_code& /*ec*/) { return true; }
  static bool on_document_end(error_code& /*ec*/) { return true; }

  bool on_object_begin(error_code& /*ec*/) {
    frames_.push_back(Frame{json::object{}, {}});
    return true;
  }
  bool on_object_end(std::size_t /*n*/, error_code& ec) { return close(ec); }
  bool on_array_begin(error_code& /*ec*/) {
    frames_.push_back(Frame{json::array{}, {}});
    return true;
  }
  bool on_array_end(std::size_t /*n*/, error_code& ec) { return close(ec); }

  bool on_key_part(json::string_view part, std::size_t /*n*/, error_code& /*ec*/) {
    text_.append(part.data(), part.size());
    return true;
  }
  bool on_key(json::string_view part, std::size_t /*n*/, error_code& ec) {
    text_.append(part.data(), part.size());
    Frame& top = frames_.back();
    top.key = std::move(text_);
    text_.clear();
    if (top.container.as_object().contains(top.key)) return fail("is a duplicate member name", ec);
    return true;
  }

  bool on_string_part(json::string_view part, std::size_t /*n*/, error_code& /*ec*/) {
    text_.append(part.data(), part.size());
    return true;
  }
  bool on_string(json::string_view part, std::size_t /*n*/, error_code& ec) {
    text_.append(part.data(), part.size());
    const bool added = add(json::string(text_), ec);
    text_.clear();
    return added;
  }

  static bool on_number_part(json::string_view /*part*/, error_code& /*ec*/) { return true; }
  bool on_int64(std::int64_t value, json::string_view /*text*/, error_code& ec) { return add(value, ec); }
  bool on_uint64(std::uint64_t value, json::string_view /*text*/, error_code& ec) { return add(value, ec); }
  bool on_double(double value, json::string_view /*text*/, error_code& ec) {
    if (!std::isfinite(value)) return fail("is a number out of range", ec);
    return add(value, ec);
  }
  bool on_bool(bool value, error_code& ec) { return add(value, ec); }
  bool on_null(error_code& ec) { return add(nullptr, ec); }
  static bool on_comment_part(json::string_view /*part*/, error_code& /*ec*/) { return true; }
  static bool on_comment(json::string_view /*part*/, error_code& /*ec*/) { return true; }

  [[nodiscard]] const std::optional<JsonProblem>& problem() const noexcept { return problem_; }
  [[nodiscard]] json::value release() { return std::move(root_); }

  // Where the parser is now, as a JSON pointer.
  [[nodiscard]] std::string pointer() const {
    std::string out;
    for (const Frame& frame : frames_) {
      if (frame.container.is_object()) {
        append_token(out, frame.key);
      } else {
        out += '/';
        out += std::to_string(frame.container.as_array().size());
      }
    }
    return out;
  }

 private:
  struct Frame {
    json::value container;  // an object or an array being filled
    std::string key;        // an object's member whose value comes next
  };

  bool add(json::value value, error_code& /*ec*/) {
    if (frames_.empty()) {
      root_ = std::move(value);
    } else if (Frame& top = frames_.back(); top.container.is_array()) {
      top.container.as_array().push_back(std::move(value));
    } else {
      top.container.as_object().emplace(top.key, std::move(value));
    }
    return true;
  }

  bool close(error_code& ec) {
    json::value done = std::move(frames_.back().container);
    frames_.pop_back();
    return add(std::move(done), ec);
  }

  bool fail(std::string_view message, error_code& ec) {
    problem_ = JsonProblem{pointer(), message};
    ec = boost::json::error::syntax;
    return false;
  }

  std::vector<Frame> frames_;
  std::string text_;  // a key or string arriving in parts
  json::value root_;
  std::optional<JsonProblem> problem_;
};

std::string_view syntax_message(const error_code& ec) {
  return ec == boost::json::error::too_deep ? "nests too deeply" : "is not valid JSON";
}

}  // namespace

Result<json::value, JsonProblem> parse_strict_json(std::string_view text, std::size_t max_depth) {
  json::parse_options options;
  options.max_depth = max_depth;
  boost::json::basic_parser<StrictBuilder> parser(options);
  error_code ec;
  const std::size_t consumed = parser.write_some(false, text.data(), text.size(), ec);
  if (!ec && consumed < text.size()) ec = boost::json::error::extra_data;
  if (ec) {
    if (const auto& problem = parser.handler().problem()) return *problem;
    return JsonProblem{"", syntax_message(ec)};
  }
  return parser.handler().release();
}

}  // namespace hub::core::auth
