#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "http/request.hpp"
#include "http/response.hpp"

namespace hub::handlers::health {

// One file the /docs page loads, as served: its bytes, and a gzip of them when one was staged
// beside it (<name>.gz), so clients that accept gzip get that instead.
struct DocsFile {
  std::string name;          // the last path segment: /docs/<name>
  std::string content_type;  // with its charset when textual
  std::string body;
  std::string gzip_body;  // empty: served uncompressed only
  std::string version;    // a digest of body: ETag and the ?v= of the page's links
};

// The files of Swagger UI (npm swagger-ui-dist) that /docs needs, read once at start from a
// folder (HUB_DOCS_DIR). When one is missing, `missing` names what is absent and /docs answers 503.
struct DocsAssets {
  std::vector<DocsFile> files;
  std::vector<std::string> missing;

  [[nodiscard]] bool complete() const noexcept { return missing.empty(); }
  [[nodiscard]] const DocsFile* find(std::string_view name) const noexcept;
};

// The Swagger UI files /docs serves, by name.
[[nodiscard]] const std::vector<std::string_view>& docs_vendor_file_names();

// Reads docs_vendor_file_names() (and each one's .gz when present) from `dir`.
[[nodiscard]] DocsAssets load_docs_assets(const std::filesystem::path& dir);

// A file built from bytes the binary holds (the page's own script).
[[nodiscard]] DocsFile docs_file(std::string name, std::string content_type, std::string body);

// Content-Type of a docs file by its extension.
[[nodiscard]] std::string_view docs_content_type(std::string_view name) noexcept;

// A short, stable digest of `bytes` (16 hex digits): the version of a docs file.
[[nodiscard]] std::string docs_digest(std::string_view bytes);

// How a file is cached once it is fetched.
enum class DocsCaching : unsigned char {
  revalidate,  // the page: reused only after an If-None-Match round trip (Cache-Control: no-cache)
  immutable,   // scripts, styles, images: linked with ?v=<version>, so a URL's bytes never change
};

// The response for `file`: 304 when the request's If-None-Match names its ETag; the gzip bytes
// (Content-Encoding: gzip, Vary: Accept-Encoding) when the client accepts gzip and they exist.
[[nodiscard]] http::Response docs_file_response(const http::Request& request, const DocsFile& file,
                                                DocsCaching caching);

// True when Accept-Encoding lists gzip with a non-zero q value.
[[nodiscard]] bool accepts_gzip(const http::Request& request);

}  // namespace hub::handlers::health
