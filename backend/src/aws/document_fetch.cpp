#include "aws/document_fetch.hpp"

#include <utility>

#include <fmt/format.h>

namespace hub::aws {
namespace {

// The URL as it may be logged: no query string, no fragment.
std::string_view without_query(const std::string& url) {
  return std::string_view{url}.substr(0, url.find_first_of("?#"));
}

Error unavailable(const std::string& url, std::string_view why) {
  return Error::make(ErrorCode::DEPENDENCY_UNAVAILABLE,
                     fmt::format("GET {} failed: {}", without_query(url), why));
}

}  // namespace

Result<std::string> fetch_document(HttpTransport& http, const std::string& url,
                                   std::chrono::milliseconds timeout, std::size_t max_bytes) {
  HttpRequest request;
  request.method = "GET";
  request.url = url;
  request.headers = {{"Accept", "application/json"}};
  SendOptions options;
  options.connect_timeout = timeout;
  options.total_timeout = timeout;
  options.max_response_bytes = max_bytes;
  auto response = http.send(request, options);
  if (!response) return unavailable(url, response.error().message);
  if (response->status != 200) return unavailable(url, fmt::format("HTTP {}", response->status));
  if (response->body.size() > max_bytes) {
    return unavailable(url, fmt::format("the document is larger than {} bytes", max_bytes));
  }
  return std::move(response->body);
}

}  // namespace hub::aws
