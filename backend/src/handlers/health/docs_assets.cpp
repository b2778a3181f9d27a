#include "handlers/health/docs_assets.hpp"

#include <algorithm>
#include <cstdint>
#include <fstream>
#include <iterator>
#include <utility>

#include <fmt/format.h>

#include "core/text.hpp"

namespace hub::handlers::health {
namespace {

std::optional<std::string> read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::string bytes{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  if (in.bad()) return std::nullopt;
  return bytes;
}

// The entity tags of If-None-Match, weak ones compared by their opaque part (RFC 9110 §13.1.2).
bool none_match_names(std::string_view header, std::string_view etag) {
  while (!header.empty()) {
    const auto comma = header.find(',');
    auto tag = core::trim(header.substr(0, comma));
    if (tag.starts_with("W/")) tag.remove_prefix(2);
    if (tag == "*" || tag == etag) return true;
    if (comma == std::string_view::npos) break;
    header.remove_prefix(comma + 1);
  }
  return false;
}

std::string_view cache_control(DocsCaching caching) {
  return caching == DocsCaching::immutable ? "public, max-age=31536000, immutable" : "no-cache";
}

}  // namespace

const DocsFile* DocsAssets::find(std::string_view name) const noexcept {
  const auto found = std::ranges::find(files, name, &DocsFile::name);
  return found == files.end() ? nullptr : &*found;
}

const std::vector<std::string_view>& docs_vendor_file_names() {
  static const std::vector<std::string_view> names{"swagger-ui.css", "swagger-ui-bundle.js",
                                                   "favicon-32x32.png"};
  return names;
}

std::string_view docs_content_type(std::string_view name) noexcept {
  if (name.ends_with(".css")) return "text/css; charset=utf-8";
  if (name.ends_with(".js")) return "text/javascript; charset=utf-8";
  if (name.ends_with(".png")) return "image/png";
  if (name.ends_with(".html")) return "text/html; charset=utf-8";
  return "application/octet-stream";
}

std::string docs_digest(std::string_view bytes) {
  // FNV-1a, 64 bits: tells versions of a file apart; nothing relies on it resisting forgery.
  std::uint64_t hash = 0xcbf29ce484222325ULL;
  for (const char c : bytes) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 0x100000001b3ULL;
  }
  return fmt::format("{:016x}", hash);
}

DocsFile docs_file(std::string name, std::string content_type, std::string body) {
  auto version = docs_digest(body);
  return DocsFile{.name = std::move(name),
                  .content_type = std::move(content_type),
                  .body = std::move(body),
                  .gzip_body = {},
                  .version = std::move(version)};
}

DocsAssets load_docs_assets(const std::filesystem::path& dir) {
  DocsAssets assets;
  for (const auto name : docs_vendor_file_names()) {
    auto body = read_file(dir / name);
    if (!body || body->empty()) {
      assets.missing.emplace_back(name);
      continue;
    }
    auto file = docs_file(std::string(name), std::string(docs_content_type(name)), std::move(body).value());
    file.gzip_body = read_file(dir / fmt::format("{}.gz", name)).value_or("");
    assets.files.push_back(std::move(file));
  }
  return assets;
}

bool accepts_gzip(const http::Request& request) {
  auto header = request.header("Accept-Encoding").value_or("");
  while (!header.empty()) {
    const auto comma = header.find(',');
    const auto item = header.substr(0, comma);
    const auto semicolon = item.find(';');
    if (core::iequals(core::trim(item.substr(0, semicolon)), "gzip")) {
      if (semicolon == std::string_view::npos) return true;
      // "gzip;q=0" refuses it; any other weight accepts it.
      const auto params = core::trim(item.substr(semicolon + 1));
      const bool refused =
          params.starts_with("q=") && params.substr(2).find_first_not_of("0.") == std::string_view::npos;
      return !refused;
    }
    if (comma == std::string_view::npos) break;
    header.remove_prefix(comma + 1);
  }
  return false;
}

http::Response docs_file_response(const http::Request& request, const DocsFile& file, DocsCaching caching) {
  const bool gzip = !file.gzip_body.empty() && accepts_gzip(request);
  const auto etag = gzip ? fmt::format("\"{}-gzip\"", file.version) : fmt::format("\"{}\"", file.version);
  http::Response response;
  response.headers.set("ETag", etag);
  response.headers.set("Cache-Control", cache_control(caching));
  if (!file.gzip_body.empty()) response.headers.set("Vary", "Accept-Encoding");
  if (none_match_names(request.header("If-None-Match").value_or(""), etag)) {
    response.status = 304;
    return response;
  }
  response.headers.set("Content-Type", file.content_type);
  if (gzip) {
    response.headers.set("Content-Encoding", "gzip");
    response.body = file.gzip_body;
  } else {
    response.body = file.body;
  }
  return response;
}

}  // namespace hub::handlers::health
