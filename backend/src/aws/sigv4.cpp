#include "aws/sigv4.hpp"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <map>

#include <fmt/format.h>

#include "aws/crypto.hpp"

namespace hub::aws {
namespace {

constexpr std::string_view kAlgorithm = "AWS4-HMAC-SHA256";

bool is_unreserved(char c) noexcept {
  return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '-' || c == '_' || c == '.' || c == '~';
}

int hex_value(char c) noexcept {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Decodes %XX escapes; anything that is not a valid escape is kept as it is.
std::string percent_decode(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size()) {
      const int hi = hex_value(text[i + 1]);
      const int lo = hex_value(text[i + 2]);
      if (hi >= 0 && lo >= 0) {
        out.push_back(static_cast<char>(hi * 16 + lo));
        i += 2;
        continue;
      }
    }
    out.push_back(text[i]);
  }
  return out;
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

std::string canonical_query(std::string_view query) {
  std::vector<std::pair<std::string, std::string>> pairs;
  while (!query.empty()) {
    const auto amp = query.find('&');
    const auto item = query.substr(0, amp);
    if (!item.empty()) {
      const auto eq = item.find('=');
      const auto key = item.substr(0, eq);
      const auto value = eq == std::string_view::npos ? std::string_view{} : item.substr(eq + 1);
      pairs.emplace_back(uri_encode(percent_decode(key)), uri_encode(percent_decode(value)));
    }
    if (amp == std::string_view::npos) break;
    query.remove_prefix(amp + 1);
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

std::string lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

std::string amz_date(core::SystemTime time) {
  using std::chrono::days;
  using std::chrono::floor;
  using std::chrono::hh_mm_ss;
  using std::chrono::seconds;
  const auto secs = floor<seconds>(time);
  const auto day = floor<days>(secs);
  const std::chrono::year_month_day ymd{day};
  const hh_mm_ss hms{secs - day};
  return fmt::format("{:04}{:02}{:02}T{:02}{:02}{:02}Z", static_cast<int>(ymd.year()),
                     static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                     hms.hours().count(), hms.minutes().count(), hms.seconds().count());
}

std::string_view as_text(const Sha256Digest& digest) {
  // NOLINTNEXTLINE(cppcoreguidelines-pro-type-reinterpret-cast): the digest's bytes as chars
  return {reinterpret_cast<const char*>(digest.data()), digest.size()};
}

}  // namespace

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
    auto& slot = canonical_headers[lower(name)];
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
