#include "aws/sigv4.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <chrono>
#include <map>

#include <fmt/format.h>

#include "aws/crypto.hpp"
#include "core/text.hpp"

namespace hub::aws {
namespace {

constexpr std::string_view kAlgorithm = "AWS4-HMAC-SHA256";

bool is_unreserved(char c) noexcept {
  return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '-' || c == '_' || c == '.' || c == '~';
}

std::string canonical_path(std::string_view path, bool normalize) {
  std::vector<std::string_view> segments;
  const bool trailing_slash = path.size() > 1 && path.back() == '/';
  std::string_view rest = path;
  while (true) {
    const auto slash = rest.find('/');
    const auto segment = rest.substr(0, slash);
    if (normalize && segment == "..") {
      if (!segments.empty()) segments.pop_back();
    } else if (!normalize || (!segment.empty() && segment != ".")) {
      segments.push_back(segment);
    }
    if (slash == std::string_view::npos) break;
    rest.remove_prefix(slash + 1);
  }
  std::string out;
  if (!normalize) {
    // Every segment as it was, including empty ones: "//example//" stays as is.
    for (std::size_t i = 0; i < segments.size(); ++i) {
      if (i > 0) out.push_back('/');
      out += uri_encode(segments[i]);
    }
    return out.empty() ? "/" : out;
  }
  for (const auto segment : segments) {
    out.push_back('/');
    out += uri_encode(segment);
  }
  if (out.empty()) return "/";
  if (trailing_slash) out.push_back('/');
  return out;
}

// Keys and values decoded, then encoded the one canonical way; a component with a malformed
// escape is taken as it stands.
std::string canonical_query_component(std::string_view raw) {
  return uri_encode(core::percent_decode(raw, false).value_or(std::string(raw)));
}

std::string canonical_query(std::string_view query) {
  std::vector<std::pair<std::string, std::string>> pairs;
  for (const auto& [key, value] : core::split_query(query)) {
    pairs.emplace_back(canonical_query_component(key), canonical_query_component(value));
  }
  std::sort(pairs.begin(), pairs.end());
  std::string out;
  for (const auto& [key, value] : pairs) {
    if (!out.empty()) out.push_back('&');
    out += key;
    out.push_back('=');
    out += value;
  }
  return out;
}

// Trims and collapses runs of whitespace (including folded lines) into one space.
std::string canonical_header_value(std::string_view value) {
  std::string out;
  bool pending_space = false;
  for (const char c : value) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) out.push_back(' ');
    pending_space = false;
    out.push_back(c);
  }
  return out;
}

std::string amz_date(core::SystemTime time) {
  const core::CivilTime c = core::to_civil(time);
  return fmt::format("{:04}{:02}{:02}T{:02}{:02}{:02}Z", c.year, c.month, c.day, c.hour, c.minute, c.second);
}

std::string_view as_text(const Sha256Digest& digest) {
  // NOLINTNEXTLINE(cppcoreguidelines-pro-type-reinterpret-cast): the digest's bytes as chars
  return {reinterpret_cast<const char*>(digest.data()), digest.size()};
}

}  // namespace

bool is_unsigned_header(std::string_view name) noexcept {
  static constexpr std::array<std::string_view, 5> kUnsigned{"authorization", "user-agent", "x-amzn-trace-id",
                                                             "expect", "transfer-encoding"};
  return std::ranges::any_of(kUnsigned,
                             [name](std::string_view header) { return core::iequals(name, header); });
}

std::string uri_encode(std::string_view text) {
  static constexpr std::string_view kDigits = "0123456789ABCDEF";
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    if (is_unreserved(c)) {
      out.push_back(c);
    } else {
      const auto byte = static_cast<unsigned char>(c);
      out.push_back('%');
      out.push_back(kDigits[byte >> 4U]);
      out.push_back(kDigits[byte & 0x0FU]);
    }
  }
  return out;
}

Signature sign_v4(const RequestToSign& request, const SigningParams& params) {
  const std::string date_time = amz_date(params.time);
  const std::string date = date_time.substr(0, 8);
  const std::string payload_hash = sha256_hex(request.body);
  const bool has_token = !params.credentials.session_token.empty();

  Signature result;
  if (has_token) result.headers_to_add.emplace_back("X-Amz-Security-Token", params.credentials.session_token);
  result.headers_to_add.emplace_back("X-Amz-Date", date_time);
  if (params.add_content_sha256) result.headers_to_add.emplace_back("x-amz-content-sha256", payload_hash);

  // Header names lower-cased and sorted; repeated names joined with ',' in their order.
  std::map<std::string, std::string> canonical_headers;
  const auto add = [&canonical_headers](std::string_view name, std::string_view value) {
    if (is_unsigned_header(name)) return;
    auto& slot = canonical_headers[core::to_lower(name)];
    if (!slot.empty()) slot.push_back(',');
    slot += canonical_header_value(value);
  };
  for (const auto& [name, value] : request.headers) add(name, value);
  for (const auto& [name, value] : result.headers_to_add) {
    if (name == "X-Amz-Security-Token" && !params.sign_session_token) continue;
    add(name, value);
  }

  std::string header_block;
  std::string signed_headers;
  for (const auto& [name, value] : canonical_headers) {
    header_block += fmt::format("{}:{}\n", name, value);
    if (!signed_headers.empty()) signed_headers.push_back(';');
    signed_headers += name;
  }

  result.canonical_request = fmt::format(
      "{}\n{}\n{}\n{}\n{}\n{}", request.method, canonical_path(request.path, params.normalize_path),
      canonical_query(request.query), header_block, signed_headers, payload_hash);
  const std::string scope = fmt::format("{}/{}/{}/aws4_request", date, params.region, params.service);
  result.string_to_sign =
      fmt::format("{}\n{}\n{}\n{}", kAlgorithm, date_time, scope, sha256_hex(result.canonical_request));

  const auto k_date = hmac_sha256("AWS4" + params.credentials.secret_access_key, date);
  const auto k_region = hmac_sha256(as_text(k_date), params.region);
  const auto k_service = hmac_sha256(as_text(k_region), params.service);
  const auto k_signing = hmac_sha256(as_text(k_service), "aws4_request");
  result.signature = hex(hmac_sha256(as_text(k_signing), result.string_to_sign));

  result.headers_to_add.emplace_back(
      "Authorization",
      fmt::format("{} Credential={}/{}, SignedHeaders={}, Signature={}", kAlgorithm,
                  params.credentials.access_key_id, scope, signed_headers, result.signature));
  return result;
}

}  // namespace hub::aws
