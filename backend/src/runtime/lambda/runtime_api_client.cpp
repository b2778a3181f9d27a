#include "runtime/lambda/runtime_api_client.hpp"

#include <charconv>
#include <cstdint>
#include <optional>
#include <utility>

#include <fmt/format.h>
#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>

#include "core/json.hpp"

namespace hub::runtime::lambda {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;
using boost::system::error_code;

constexpr std::string_view kApiVersion = "/2018-06-01";
// Lambda payloads are at most 6 MB (20 MB streamed); the parser's 8 MB default is too tight
// for a base64-grown event, so allow headroom.
constexpr std::uint64_t kMaxEventBytes = 64ULL * 1024 * 1024;
// The Runtime API is local to the sandbox; a POST that takes this long means it is gone.
constexpr std::chrono::seconds kPostTimeout{30};

Error unavailable(std::string detail) {
  return Error::make(ErrorCode::DEPENDENCY_UNAVAILABLE, std::move(detail));
}

}  // namespace

std::chrono::milliseconds Invocation::remaining_time() const noexcept {
  return std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::system_clock::now());
}

std::string runtime_error_document(std::string_view error_type, std::string_view message) {
  json::object document;
  document["errorMessage"] = message;
  document["errorType"] = error_type;
  document["stackTrace"] = json::array{};
  return to_json_text(document);
}

// One TCP connection, driven by running the io_context until each step completes, so that a
// deadline (beast::tcp_stream::expires_after) can apply to POSTs while /next waits forever.
class RuntimeApiClient::Connection {
 public:
  using Response = bhttp::response<bhttp::string_body>;

  Connection(std::string host, std::string port) : host_(std::move(host)), port_(std::move(port)) {}

  // Sends the request; a failure on a reused connection (closed while idle) is retried once
  // on a fresh one. A failure on a fresh connection is final.
  Result<Response> exchange(bhttp::request<bhttp::string_body> request,
                            std::optional<std::chrono::seconds> timeout) {
    request.set(bhttp::field::host, host_);
    request.keep_alive(true);
    request.prepare_payload();
    const bool reused = stream_.socket().is_open();
    auto response = attempt(request, timeout);
    if (!response && reused) response = attempt(request, timeout);
    return response;
  }

 private:
  Result<Response> attempt(const bhttp::request<bhttp::string_body>& request,
                           std::optional<std::chrono::seconds> timeout) {
    auto fail = [&](std::string_view step, const error_code& ec) -> Error {
      close();
      return unavailable(fmt::format("Runtime API {}:{} {} failed: {}", host_, port_, step, ec.message()));
    };
    const auto arm = [&] {
      if (timeout) {
        stream_.expires_after(*timeout);
      } else {
        stream_.expires_never();
      }
    };
    if (!stream_.socket().is_open()) {
      error_code ec;
      const auto endpoints = resolver_.resolve(host_, port_, ec);
      if (ec) return fail("resolve", ec);
      arm();
      stream_.async_connect(endpoints, [&](const error_code& e, const tcp::endpoint&) { ec = e; });
      if (run(ec); ec) return fail("connect", ec);
    }
    error_code ec;
    arm();
    bhttp::async_write(stream_, request, [&](const error_code& e, std::size_t) { ec = e; });
    if (run(ec); ec) return fail("write", ec);

    bhttp::response_parser<bhttp::string_body> parser;
    parser.body_limit(kMaxEventBytes);
    arm();
    bhttp::async_read(stream_, buffer_, parser, [&](const error_code& e, std::size_t) { ec = e; });
    if (run(ec); ec) return fail("read", ec);
    Response response = parser.release();
    if (!response.keep_alive()) close();
    return response;
  }

  // Runs the io_context until the one pending operation has completed and set `ec`.
  void run(error_code& ec) {
    ec = asio::error::would_block;
    io_.restart();
    io_.run();
    if (ec == asio::error::would_block) ec = asio::error::operation_aborted;  // io_context stopped early
  }

  void close() {
    error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_both, ignored);
    stream_.socket().close(ignored);
    buffer_.clear();
  }

  std::string host_;
  std::string port_;
  asio::io_context io_;
  tcp::resolver resolver_{io_};
  beast::tcp_stream stream_{io_};
  beast::flat_buffer buffer_;
};

namespace {

std::pair<std::string, std::string> split_endpoint(std::string_view endpoint) {
  const auto colon = endpoint.rfind(':');
  if (colon == std::string_view::npos) return {std::string(endpoint), "80"};
  return {std::string(endpoint.substr(0, colon)), std::string(endpoint.substr(colon + 1))};
}

bhttp::request<bhttp::string_body> make_request(bhttp::verb verb, const std::string& target,
                                                std::string body = {}) {
  bhttp::request<bhttp::string_body> request{verb, target, 11};
  request.set(bhttp::field::user_agent, "innovation-hub-lambda-runtime");
  if (verb == bhttp::verb::post) request.set(bhttp::field::content_type, "application/json");
  request.body() = std::move(body);
  return request;
}

Status expect_accepted(const Result<bhttp::response<bhttp::string_body>>& response, std::string_view what) {
  if (!response) return response.error();
  if (response->result_int() != 202) {
    return unavailable(fmt::format("Runtime API rejected {}: HTTP {}", what, response->result_int()));
  }
  return {};
}

// Request ids are UUIDs, but they end up in a request target: escape anything unexpected.
std::string path_segment(std::string_view text) {
  std::string out;
  for (const char c : text) {
    const auto u = static_cast<unsigned char>(c);
    const bool safe = (u >= '0' && u <= '9') || (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') ||
                      c == '-' || c == '_' || c == '.' || c == '~';
    if (safe) {
      out.push_back(c);
    } else {
      out += fmt::format("%{:02X}", u);
    }
  }
  return out;
}

std::string header_text(const bhttp::response<bhttp::string_body>& response, std::string_view name) {
  const auto it = response.find(name);
  return it == response.end() ? std::string{} : std::string(it->value());
}

}  // namespace

RuntimeApiClient::RuntimeApiClient(std::string endpoint) : endpoint_(std::move(endpoint)) {
  auto [host, port] = split_endpoint(endpoint_);
  connection_ = std::make_unique<Connection>(std::move(host), std::move(port));
}

RuntimeApiClient::~RuntimeApiClient() = default;

Result<NextInvocation> RuntimeApiClient::next_invocation() {
  auto response = connection_->exchange(
      make_request(bhttp::verb::get, fmt::format("{}/runtime/invocation/next", kApiVersion)), std::nullopt);
  if (!response) return std::move(response).error();
  if (response->result_int() != 200) {
    return unavailable(fmt::format("Runtime API /next answered HTTP {}", response->result_int()));
  }
  NextInvocation next;
  next.context.request_id = header_text(*response, "Lambda-Runtime-Aws-Request-Id");
  if (next.context.request_id.empty())
    return unavailable("Runtime API /next sent no Lambda-Runtime-Aws-Request-Id");
  next.context.function_arn = header_text(*response, "Lambda-Runtime-Invoked-Function-Arn");
  next.context.trace_id = header_text(*response, "Lambda-Runtime-Trace-Id");
  const auto deadline_text = header_text(*response, "Lambda-Runtime-Deadline-Ms");
  std::int64_t deadline_ms = 0;
  const auto* end = deadline_text.data() + deadline_text.size();
  if (const auto [ptr, ec] = std::from_chars(deadline_text.data(), end, deadline_ms);
      ec != std::errc{} || ptr != end) {
    return unavailable(
        fmt::format("Runtime API /next sent a bad Lambda-Runtime-Deadline-Ms: '{}'", deadline_text));
  }
  next.context.deadline = std::chrono::system_clock::time_point{std::chrono::milliseconds{deadline_ms}};
  next.event = std::move(response->body());
  return next;
}

Status RuntimeApiClient::post_response(std::string_view request_id, std::string_view body) {
  auto request =
      make_request(bhttp::verb::post,
                   fmt::format("{}/runtime/invocation/{}/response", kApiVersion, path_segment(request_id)),
                   std::string(body));
  return expect_accepted(connection_->exchange(std::move(request), kPostTimeout), "the response");
}

Status RuntimeApiClient::post_error(std::string_view request_id, std::string_view error_type,
                                    std::string_view message) {
  auto request = make_request(
      bhttp::verb::post, fmt::format("{}/runtime/invocation/{}/error", kApiVersion, path_segment(request_id)),
      runtime_error_document(error_type, message));
  request.set("Lambda-Runtime-Function-Error-Type", error_type);
  return expect_accepted(connection_->exchange(std::move(request), kPostTimeout), "the invocation error");
}

Status RuntimeApiClient::post_init_error(std::string_view error_type, std::string_view message) {
  auto request = make_request(bhttp::verb::post, fmt::format("{}/runtime/init/error", kApiVersion),
                              runtime_error_document(error_type, message));
  request.set("Lambda-Runtime-Function-Error-Type", error_type);
  return expect_accepted(connection_->exchange(std::move(request), kPostTimeout), "the init error");
}

}  // namespace hub::runtime::lambda
