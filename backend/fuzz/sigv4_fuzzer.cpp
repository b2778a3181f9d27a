// SigV4 canonicalisation and signing (aws::sign_v4). The input is an HTTP request in the layout of
// AWS's test suite (shared/vectors/sigv4/*/request.txt): request line, header lines (a line
// starting with a space or tab continues the previous value), a blank line, the body. It is signed
// with the suite's credentials and time twice: path normalised, no session token; and path as
// sent, with a session token and the body's hash as a header.
//
// Invariants (header names are HTTP tokens, as every request this code signs has):
//  - signing never throws and gives the same result twice;
//  - the canonical request is method, path, query, one line per header, a blank line, the signed
//    header list and the body's SHA-256: the path and query hold only unreserved characters and
//    upper-case %XX escapes (the query's pairs sorted by name then value, each with one '='), a
//    normalised path has no empty, "." or ".." segment; header names are lower case, sorted,
//    unique, none of the unsigned ones, X-Amz-Date among them; values trimmed, without line breaks
//    or double spaces;
//  - signing a request whose query is a canonical query gives that query again;
//  - the string to sign ends with the canonical request's SHA-256, the signature is 64 lower-case
//    hex digits, and Authorization names the scope, the signed headers and the signature.

#include <algorithm>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "aws/crypto.hpp"
#include "aws/sigv4.hpp"
#include "core/text.hpp"
#include "fuzz_support.hpp"

namespace {

using hub::fuzz::require;
namespace aws = hub::aws;

constexpr std::string_view kDateTime = "20150830T123600Z";
constexpr std::string_view kScope = "20150830/us-east-1/service/aws4_request";

// RFC 9110 tchar: what a header name is made of.
bool is_token_char(char c) noexcept {
  constexpr std::string_view kMarks = "!#$%&'*+-.^_`|~";
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
         kMarks.find(c) != std::string_view::npos;
}

bool is_unreserved(char c) noexcept {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
         c == '.' || c == '~';
}

bool is_upper_hex(char c) noexcept { return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'F'); }

// Unreserved characters, '%XX' escapes with upper-case hex and the characters in `also`.
bool is_encoded(std::string_view text, std::string_view also) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%') {
      if (i + 2 >= text.size() || !is_upper_hex(text[i + 1]) || !is_upper_hex(text[i + 2])) return false;
      i += 2;
    } else if (!is_unreserved(text[i]) && also.find(text[i]) == std::string_view::npos) {
      return false;
    }
  }
  return true;
}

std::vector<std::string_view> split(std::string_view text, char separator) {
  std::vector<std::string_view> pieces;
  for (std::size_t start = 0;;) {
    const auto at = text.find(separator, start);
    pieces.push_back(text.substr(start, at == std::string_view::npos ? at : at - start));
    if (at == std::string_view::npos) return pieces;
    start = at + 1;
  }
}

// The request in the test suite's layout; nothing when a header name is not a token.
std::optional<aws::RequestToSign> parse_request(std::string_view text, std::string& body) {
  const auto head_end = text.find("\n\n");
  const auto head = text.substr(0, head_end);
  body = head_end == std::string_view::npos ? std::string() : std::string(text.substr(head_end + 2));
  auto lines = split(head, '\n');
  aws::RequestToSign request;
  const auto request_line = lines.front();
  const auto first_space = request_line.find(' ');
  request.method = std::string(request_line.substr(0, first_space));
  if (first_space != std::string_view::npos) {
    auto target = request_line.substr(first_space + 1);
    if (const auto version = target.rfind(" HTTP/"); version != std::string_view::npos) {
      target = target.substr(0, version);
    }
    const auto question = target.find('?');
    request.path = std::string(target.substr(0, question));
    if (question != std::string_view::npos) request.query = std::string(target.substr(question + 1));
  }
  for (std::size_t i = 1; i < lines.size(); ++i) {
    const auto line = lines[i];
    if (!line.empty() && (line.front() == ' ' || line.front() == '\t')) {
      if (request.headers.empty()) return std::nullopt;
      request.headers.back().second += "\n" + std::string(line);
      continue;
    }
    const auto colon = line.find(':');
    const auto name = line.substr(0, colon);
    if (name.empty() || !std::all_of(name.begin(), name.end(), is_token_char)) return std::nullopt;
    request.headers.emplace_back(name, colon == std::string_view::npos ? "" : line.substr(colon + 1));
  }
  return request;
}

aws::SigningParams params(bool normalize, bool with_token, bool sign_token) {
  using namespace std::chrono;  // NOLINT(google-build-using-namespace): calendar literals
  aws::SigningParams out;
  out.credentials = {"AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
                     with_token ? "AQoDYXdzEPT//////////wEXAMPLEtc764bNrC9SAPBSM22wDOk4x4HIZ8j4FZTwdQW" : ""};
  out.region = "us-east-1";
  out.service = "service";
  out.time = sys_days{2015y / August / 30} + 12h + 36min;
  out.normalize_path = normalize;
  out.add_content_sha256 = with_token;
  out.sign_session_token = sign_token;
  return out;
}

void check_path(std::string_view path, bool normalized) {
  require(is_encoded(path, "/"), "the canonical path holds only unreserved characters and escapes");
  if (!normalized) return;
  require(path.starts_with('/'), "a normalised path is absolute");
  const auto segments = split(path.substr(1), '/');
  for (std::size_t i = 0; i < segments.size(); ++i) {
    const bool last = i + 1 == segments.size();
    require((!segments[i].empty() || last) && segments[i] != "." && segments[i] != "..",
            "a normalised path has no empty, '.' or '..' segment");
  }
}

void check_query(std::string_view query) {
  if (query.empty()) return;
  require(is_encoded(query, "&="), "the canonical query holds only unreserved characters and escapes");
  std::vector<std::pair<std::string_view, std::string_view>> pairs;
  for (const auto pair : split(query, '&')) {
    require(std::count(pair.begin(), pair.end(), '=') == 1, "each query pair has one '='");
    const auto equals = pair.find('=');
    pairs.emplace_back(pair.substr(0, equals), pair.substr(equals + 1));
  }
  require(std::is_sorted(pairs.begin(), pairs.end()), "the query's pairs are sorted by name, then value");
}

// The header lines and the signed header list; returns the names.
std::vector<std::string_view> check_headers(const std::vector<std::string_view>& lines, std::size_t blank,
                                            const aws::RequestToSign& request) {
  std::vector<std::string_view> names;
  for (std::size_t i = 3; i < blank; ++i) {
    const auto line = lines[i];
    const auto colon = line.find(':');
    require(colon != std::string_view::npos, "a header line is name:value");
    const auto name = line.substr(0, colon);
    const auto value = line.substr(colon + 1);
    require(std::none_of(name.begin(), name.end(), [](char c) { return c >= 'A' && c <= 'Z'; }),
            "header names are lower case");
    require(!aws::is_unsigned_header(name), "unsigned headers stay out of the signature");
    require(names.empty() || names.back() < name, "header names are sorted and unique");
    require(!value.starts_with(' ') && !value.ends_with(' ') && value.find("  ") == std::string_view::npos &&
                value.find_first_of("\t\r\n") == std::string_view::npos,
            "header values are trimmed, single-spaced, on one line");
    names.push_back(name);
  }
  require(std::find(names.begin(), names.end(), "x-amz-date") != names.end(), "X-Amz-Date is signed");
  const bool has_host = std::any_of(request.headers.begin(), request.headers.end(), [](const auto& header) {
    return hub::core::iequals(header.first, "host");
  });
  require(has_host == (std::find(names.begin(), names.end(), "host") != names.end()),
          "Host is signed when the request has it");
  return names;
}

void check_signature(const aws::RequestToSign& request, const aws::SigningParams& signing) {
  const aws::Signature signature = aws::sign_v4(request, signing);
  const aws::Signature again = aws::sign_v4(request, signing);
  require(signature.canonical_request == again.canonical_request && signature.signature == again.signature,
          "signing is deterministic");

  const auto lines = split(signature.canonical_request, '\n');
  require(lines.size() >= 7, "the canonical request has all its lines");
  require(lines[0] == request.method, "the canonical request starts with the method");
  check_path(lines[1], signing.normalize_path);
  check_query(lines[2]);
  const std::size_t blank = lines.size() - 3;
  require(lines[blank].empty(), "a blank line ends the headers");
  const auto names = check_headers(lines, blank, request);
  require(lines[blank + 1] == fmt::format("{}", fmt::join(names, ";")),
          "the signed headers are the header names");
  require(lines[blank + 2] == aws::sha256_hex(request.body),
          "the canonical request ends with the body's hash");

  require(signature.string_to_sign == fmt::format("AWS4-HMAC-SHA256\n{}\n{}\n{}", kDateTime, kScope,
                                                  aws::sha256_hex(signature.canonical_request)),
          "the string to sign names the time, the scope and the canonical request's hash");
  require(signature.signature.size() == 64 &&
              std::all_of(signature.signature.begin(), signature.signature.end(),
                          [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); }),
          "the signature is 64 lower-case hex digits");
  require(!signature.headers_to_add.empty() && signature.headers_to_add.back().first == "Authorization" &&
              signature.headers_to_add.back().second ==
                  fmt::format("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/{}, SignedHeaders={}, Signature={}",
                              kScope, lines[blank + 1], signature.signature),
          "Authorization names the scope, the signed headers and the signature");

  // A canonical query is its own canonical form.
  aws::RequestToSign canonical = request;
  canonical.query = std::string(lines[2]);
  require(aws::sign_v4(canonical, signing).canonical_request == signature.canonical_request,
          "a canonical query canonicalises to itself");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string body;
  auto request = parse_request(hub::fuzz::as_text(data, size), body);
  if (!request) return 0;
  request->body = body;
  check_signature(*request, params(true, false, true));
  check_signature(*request, params(false, true, size % 2 == 0));
  return 0;
}
