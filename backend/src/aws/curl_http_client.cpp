#include "aws/curl_http_client.hpp"

#include <algorithm>
#include <array>
#include <atomic>
#include <chrono>
#include <memory>
#include <mutex>
#include <new>
#include <stdexcept>
#include <string_view>
#include <system_error>
#include <utility>
#include <vector>

#include <curl/curl.h>
#include <fmt/format.h>

#include "core/deadline.hpp"
#include "core/text.hpp"

namespace hub::aws {
namespace {

using std::chrono::milliseconds;
using CurlLong = long;  // NOLINT(google-runtime-int): the integer type of libcurl's API

struct EasyDeleter {
  void operator()(CURL* handle) const noexcept { curl_easy_cleanup(handle); }
};
using EasyHandle = std::unique_ptr<CURL, EasyDeleter>;

struct SlistDeleter {
  void operator()(curl_slist* list) const noexcept { curl_slist_free_all(list); }
};
using Slist = std::unique_ptr<curl_slist, SlistDeleter>;

void global_init_once() {
  static std::once_flag once;
  std::call_once(once, [] {
    if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK)
      throw std::runtime_error("curl_global_init failed");
  });
}

// libcurl's setters are variadic; this is the one place that calls them, remembering the first
// failure so that a request is never sent half-configured (TLS checks off, say).
class Options {
 public:
  explicit Options(CURL* handle) noexcept : handle_(handle) {}

  template <class T>
  void set(CURLoption option, T value) noexcept {
    // NOLINTNEXTLINE(cppcoreguidelines-pro-type-vararg)
    const CURLcode rc = curl_easy_setopt(handle_, option, value);
    if (first_error_ == CURLE_OK) first_error_ = rc;
  }
  [[nodiscard]] CURLcode first_error() const noexcept { return first_error_; }

 private:
  CURL* handle_;
  CURLcode first_error_ = CURLE_OK;
};

template <class T>
T info(CURL* handle, CURLINFO what, T fallback) noexcept {
  T value = fallback;
  // NOLINTNEXTLINE(cppcoreguidelines-pro-type-vararg)
  if (curl_easy_getinfo(handle, what, &value) != CURLE_OK) return fallback;
  return value;
}

// What the callbacks fill in during one transfer.
struct Exchange {
  HeaderList headers;
  std::string body;
  std::size_t max_body_bytes = 0;  // 0: no limit
  bool body_too_large = false;
};

// The callbacks run inside libcurl's C code, which no exception may cross: out of memory ends
// the transfer instead (CURLE_WRITE_ERROR).
std::size_t on_body(char* data, std::size_t size, std::size_t count, void* user) noexcept {
  try {
    auto& exchange = *static_cast<Exchange*>(user);
    if (exchange.max_body_bytes != 0 && size * count > exchange.max_body_bytes - exchange.body.size()) {
      exchange.body_too_large = true;
      return 0;  // ends the transfer (CURLE_WRITE_ERROR) instead of reading on
    }
    exchange.body.append(data, size * count);
    return size * count;
  } catch (const std::bad_alloc&) {
    return 0;
  }
}

// Called once per header line, status lines included. A new status line starts a new header
// block (after 100 Continue, say), so only the final response's headers are kept.
void add_header_line(HeaderList& headers, std::string_view line) {
  while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.remove_suffix(1);
  if (line.starts_with("HTTP/")) {
    headers.clear();
  } else if (!line.empty() && (line.front() == ' ' || line.front() == '\t')) {
    if (!headers.empty()) {  // obsolete line folding: continues the previous value
      headers.back().second += ' ';
      headers.back().second += core::trim(line);
    }
  } else if (const auto colon = line.find(':'); colon != std::string_view::npos) {
    headers.emplace_back(std::string(core::trim(line.substr(0, colon))),
                         std::string(core::trim(line.substr(colon + 1))));
  }
}

std::size_t on_header(char* data, std::size_t size, std::size_t count, void* user) noexcept {
  try {
    add_header_line(static_cast<Exchange*>(user)->headers, std::string_view(data, size * count));
    return size * count;
  } catch (const std::bad_alloc&) {
    return 0;
  }
}

// "scheme://host:port" of a URL, for messages (never the path or query).
std::string endpoint_of(const std::string& url) {
  CURLU* parsed = curl_url();
  std::string out;
  if (parsed != nullptr && curl_url_set(parsed, CURLUPART_URL, url.c_str(), 0) == CURLUE_OK) {
    char* scheme = nullptr;
    char* host = nullptr;
    char* port = nullptr;
    if (curl_url_get(parsed, CURLUPART_SCHEME, &scheme, 0) == CURLUE_OK &&
        curl_url_get(parsed, CURLUPART_HOST, &host, 0) == CURLUE_OK &&
        curl_url_get(parsed, CURLUPART_PORT, &port, CURLU_DEFAULT_PORT) == CURLUE_OK) {
      out = fmt::format("{}://{}:{}", scheme, host, port);
    }
    curl_free(scheme);
    curl_free(host);
    curl_free(port);
  }
  curl_url_cleanup(parsed);
  return out;
}

bool has_line_break(std::string_view text) noexcept {
  return text.find_first_of("\r\n") != std::string_view::npos;
}

std::string_view failure_phrase(CURLcode rc) noexcept {
  switch (rc) {
    case CURLE_COULDNT_RESOLVE_HOST:
      return "could not resolve the host of";
    case CURLE_COULDNT_CONNECT:
      return "could not connect to";
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_ISSUER_ERROR:
      return "TLS handshake failed with";
    case CURLE_GOT_NOTHING:
      return "connection closed without a response by";
    case CURLE_SEND_ERROR:
    case CURLE_RECV_ERROR:
    case CURLE_PARTIAL_FILE:
      return "connection lost with";
    default:
      return "request failed to";
  }
}

// The per-request header list: the caller's headers, minus libcurl's unwanted defaults.
Slist header_list(const HeaderList& headers, bool& ok) {
  Slist list;
  ok = true;
  const auto append = [&](const std::string& line) {
    curl_slist* grown = curl_slist_append(list.get(), line.c_str());
    if (grown == nullptr) ok = false;
    if (!list) list.reset(grown);  // else `grown` is the same list, one item longer
  };
  bool has_content_type = false;
  for (const auto& [name, value] : headers) {
    if (core::to_lower(name) == "content-type") has_content_type = true;
    // "Name;" is libcurl's spelling of a header with an empty value ("Name:" would remove it).
    std::string line = name;
    line += value.empty() ? ";" : ": ";
    line += value;
    append(line);
  }
  append("Expect:");                               // no 100-continue round trip before large bodies
  if (!has_content_type) append("Content-Type:");  // rather than libcurl's form-urlencoded
  return list;
}

struct Limits {
  milliseconds connect;
  milliseconds total;
};

// Everything one transfer needs, on a handle fresh from curl_easy_reset.
CURLcode configure(CURL* curl, const HttpRequest& request, const CurlHttpClientOptions& client,
                   const Limits& limits, curl_slist* headers, Exchange& exchange, char* error_text) {
  Options set(curl);
  set.set(CURLOPT_URL, request.url.c_str());
  set.set(CURLOPT_PROTOCOLS_STR, "http,https");
  set.set(CURLOPT_NOSIGNAL, CurlLong{1});
  set.set(CURLOPT_HTTP_VERSION, static_cast<CurlLong>(CURL_HTTP_VERSION_1_1));
  set.set(CURLOPT_SSL_VERIFYPEER, CurlLong{1});
  set.set(CURLOPT_SSL_VERIFYHOST, CurlLong{2});
  if (!client.ca_bundle.empty()) set.set(CURLOPT_CAINFO, client.ca_bundle.c_str());
  set.set(CURLOPT_TCP_NODELAY, CurlLong{1});
  set.set(CURLOPT_TCP_KEEPALIVE, CurlLong{1});
  set.set(CURLOPT_TCP_KEEPIDLE, CurlLong{30});
  set.set(CURLOPT_TCP_KEEPINTVL, CurlLong{15});
  if (!client.reuse_connections) {
    set.set(CURLOPT_FRESH_CONNECT, CurlLong{1});
    set.set(CURLOPT_FORBID_REUSE, CurlLong{1});
  }
  if (!client.user_agent.empty()) set.set(CURLOPT_USERAGENT, client.user_agent.c_str());
  set.set(CURLOPT_CONNECTTIMEOUT_MS, static_cast<CurlLong>(limits.connect.count()));
  set.set(CURLOPT_TIMEOUT_MS, static_cast<CurlLong>(limits.total.count()));
  set.set(CURLOPT_HTTPHEADER, headers);
  set.set(CURLOPT_ERRORBUFFER, error_text);
  set.set(CURLOPT_WRITEFUNCTION, &on_body);
  set.set(CURLOPT_WRITEDATA, static_cast<void*>(&exchange));
  set.set(CURLOPT_HEADERFUNCTION, &on_header);
  set.set(CURLOPT_HEADERDATA, static_cast<void*>(&exchange));
  if (exchange.max_body_bytes != 0) {  // refuses an announced Content-Length before reading the body
    set.set(CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(exchange.max_body_bytes));
  }

  const bool has_body = !request.body.empty();
  if (request.method == "GET" && !has_body) {
    set.set(CURLOPT_HTTPGET, CurlLong{1});
  } else if (request.method == "HEAD") {
    set.set(CURLOPT_NOBODY, CurlLong{1});
  } else {
    if (request.method == "POST" || has_body) {
      // Not copied by libcurl: `request` outlives the transfer. Exact size: bodies may hold NULs.
      set.set(CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.body.size()));
      set.set(CURLOPT_POSTFIELDS, request.body.data());
    }
    if (request.method != "POST") set.set(CURLOPT_CUSTOMREQUEST, request.method.c_str());
  }
  return set.first_error();
}

// A failed transfer as an AwsError naming the endpoint (never the body or the headers).
AwsError transfer_error(CURLcode rc, CurlLong os_errno, const char* error_text, const std::string& endpoint,
                        bool deadline_cut_it_short) {
  // The OS's words say it best for socket failures ("Connection refused", "Connection reset by
  // peer"); libcurl's for the rest. (CURLINFO_OS_ERRNO is not cleared between transfers.)
  const bool socket_failure = rc == CURLE_COULDNT_CONNECT || rc == CURLE_SEND_ERROR || rc == CURLE_RECV_ERROR;
  std::string detail = socket_failure && os_errno != 0
                           ? std::system_category().message(static_cast<int>(os_errno))
                           : std::string(error_text);
  if (detail.empty()) detail = curl_easy_strerror(rc);
  switch (rc) {
    case CURLE_OPERATION_TIMEDOUT:
      if (deadline_cut_it_short) {
        return AwsError::make(AwsErrc::deadline_exceeded,
                              fmt::format("deadline reached waiting for {} ({})", endpoint, detail));
      }
      return AwsError::make(AwsErrc::timeout, fmt::format("timed out waiting for {} ({})", endpoint, detail));
    case CURLE_UNSUPPORTED_PROTOCOL:
    case CURLE_URL_MALFORMAT:
      return AwsError::make(AwsErrc::validation, fmt::format("cannot send to {} ({})", endpoint, detail));
    case CURLE_WEIRD_SERVER_REPLY:
    case CURLE_BAD_CONTENT_ENCODING:
      return AwsError::make(AwsErrc::malformed_response,
                            fmt::format("unreadable response from {} ({})", endpoint, detail));
    default:  // could not resolve, connect, send, receive, complete a TLS handshake, ...
      return AwsError::make(AwsErrc::connection_failed,
                            fmt::format("{} {} ({})", failure_phrase(rc), endpoint, detail));
  }
}

}  // namespace

struct CurlHttpClient::Impl {
  CurlHttpClientOptions options;
  std::mutex mutex;
  std::vector<EasyHandle> idle;  // most recently used last: its connection is the likeliest alive
  std::atomic<std::uint64_t> requests{0};
  std::atomic<std::uint64_t> connections_opened{0};

  EasyHandle acquire() {
    {
      const std::lock_guard lock(mutex);
      if (!idle.empty()) {
        EasyHandle handle = std::move(idle.back());
        idle.pop_back();
        return handle;
      }
    }
    return EasyHandle(curl_easy_init());
  }

  void release(EasyHandle handle) {
    // Forgets every option (and so every pointer into the finished call) but keeps the live
    // connection and the DNS and TLS session caches.
    curl_easy_reset(handle.get());
    const std::lock_guard lock(mutex);
    if (idle.size() < options.max_idle_connections) idle.push_back(std::move(handle));
  }
};

CurlHttpClient::CurlHttpClient(CurlHttpClientOptions options) : impl_(std::make_unique<Impl>()) {
  global_init_once();
  impl_->options = std::move(options);
}

CurlHttpClient::~CurlHttpClient() = default;

CurlHttpClientStats CurlHttpClient::stats() const {
  return {impl_->requests.load(), impl_->connections_opened.load()};
}

AwsResult<HttpResponse> CurlHttpClient::send(const HttpRequest& request, const SendOptions& options) {
  const std::string endpoint = endpoint_of(request.url);
  if (endpoint.empty()) return AwsError::make(AwsErrc::validation, "invalid request URL");
  for (const auto& [name, value] : request.headers) {
    if (name.empty() || has_line_break(name) || has_line_break(value) || name.find(':') != std::string::npos)
      return AwsError::make(AwsErrc::validation, fmt::format("invalid header for {}", endpoint));
  }

  // The attempt gets the smaller of its own limits and what the caller's deadline leaves.
  const auto start = std::chrono::steady_clock::now();
  // The thread's current deadline (set by the transport serving the request) binds too.
  const core::Deadline deadline = options.deadline.earliest(core::current_deadline());
  const milliseconds remaining = deadline.remaining_ms(start);
  if (remaining <= milliseconds::zero()) {
    return AwsError::make(AwsErrc::deadline_exceeded,
                          fmt::format("deadline reached before sending to {}", endpoint));
  }
  const bool deadline_limited = remaining < options.total_timeout;
  const milliseconds one{1};  // 0 would mean "no limit" to libcurl
  const Limits limits{std::max(std::min(options.connect_timeout, remaining), one),
                      std::max(std::min(options.total_timeout, remaining), one)};

  bool headers_ok = false;
  const Slist headers = header_list(request.headers, headers_ok);
  EasyHandle handle = headers_ok ? impl_->acquire() : nullptr;
  if (!handle) return AwsError::make(AwsErrc::connection_failed, "out of memory preparing a request");

  CURL* curl = handle.get();
  Exchange exchange;
  exchange.max_body_bytes = options.max_response_bytes;
  std::array<char, CURL_ERROR_SIZE> error_text{};
  if (const CURLcode rc =
          configure(curl, request, impl_->options, limits, headers.get(), exchange, error_text.data());
      rc != CURLE_OK) {
    impl_->release(std::move(handle));
    return AwsError::make(AwsErrc::connection_failed, fmt::format("could not configure a request to {} ({})",
                                                                  endpoint, curl_easy_strerror(rc)));
  }

  const CURLcode rc = curl_easy_perform(curl);
  impl_->requests.fetch_add(1, std::memory_order_relaxed);
  const auto opened = info(curl, CURLINFO_NUM_CONNECTS, CurlLong{0});
  impl_->connections_opened.fetch_add(static_cast<std::uint64_t>(opened), std::memory_order_relaxed);
  const CurlLong status = info(curl, CURLINFO_RESPONSE_CODE, CurlLong{0});
  const CurlLong os_errno = info(curl, CURLINFO_OS_ERRNO, CurlLong{0});
  impl_->release(std::move(handle));

  if (exchange.body_too_large || rc == CURLE_FILESIZE_EXCEEDED) {
    return AwsError::make(AwsErrc::malformed_response, fmt::format("response from {} is larger than {} bytes",
                                                                   endpoint, options.max_response_bytes));
  }
  if (rc != CURLE_OK) {
    // Blame the deadline only when it, not the configured timeout, cut this attempt short.
    const bool deadline_cut_it_short =
        deadline.expired() || (deadline_limited && std::chrono::steady_clock::now() - start >= limits.total);
    return transfer_error(rc, os_errno, error_text.data(), endpoint, deadline_cut_it_short);
  }
  HttpResponse response;
  response.status = static_cast<int>(status);
  response.headers = std::move(exchange.headers);
  response.body = std::move(exchange.body);
  return response;
}

}  // namespace hub::aws
