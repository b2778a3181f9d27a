#include "fake_runtime_api.hpp"

#include <chrono>
#include <optional>
#include <utility>

#include <fmt/format.h>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>

namespace hub::runtime::lambda::test_support {
namespace {

namespace asio = boost::asio;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;
using boost::system::error_code;

constexpr std::string_view kInvocationPrefix = "/2018-06-01/runtime/invocation/";

using Request = bhttp::request<bhttp::string_body>;
using Response = bhttp::response<bhttp::string_body>;

Response reply(const Request& request, bhttp::status status, std::string body = {}) {
  Response response{status, request.version()};
  response.body() = std::move(body);
  response.prepare_payload();
  return response;
}

}  // namespace

// The Asio side; a nested class, so it may touch FakeRuntimeApi's guarded state.
struct FakeRuntimeApi::Server {
  asio::io_context io;
  tcp::acceptor acceptor{io, tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0)};

  // std::nullopt: the API goes away (no more events).
  static std::optional<Response> route(FakeRuntimeApi* api, const Request& request) {
    const std::lock_guard lock(api->mutex_);
    const std::string_view target = request.target();
    if (request.method() == bhttp::verb::get && target == "/2018-06-01/runtime/invocation/next") {
      if (api->next_status_ != 200) return reply(request, static_cast<bhttp::status>(api->next_status_));
      if (api->queue_.empty()) return std::nullopt;
      Event event = std::move(api->queue_.front());
      api->queue_.pop_front();
      auto response = reply(request, bhttp::status::ok, std::move(event.body));
      const auto deadline = std::chrono::duration_cast<std::chrono::milliseconds>(
          (std::chrono::system_clock::now() + std::chrono::seconds(30)).time_since_epoch());
      response.set("Lambda-Runtime-Aws-Request-Id", event.request_id);
      response.set("Lambda-Runtime-Deadline-Ms", std::to_string(deadline.count()));
      response.set("Lambda-Runtime-Invoked-Function-Arn",
                   "arn:aws:lambda:us-east-1:123456789012:function:test");
      if (!event.trace_id.empty()) response.set("Lambda-Runtime-Trace-Id", event.trace_id);
      response.set(bhttp::field::content_type, "application/json");
      return response;
    }
    if (request.method() != bhttp::verb::post) return reply(request, bhttp::status::method_not_allowed);
    const auto error_type_it = request.find("Lambda-Runtime-Function-Error-Type");
    const std::string error_type = error_type_it == request.end() ? "" : std::string(error_type_it->value());
    if (target == "/2018-06-01/runtime/init/error") {
      api->init_errors_.push_back({"", request.body(), error_type});
      return reply(request, bhttp::status::accepted, R"({"status":"OK"})");
    }
    if (target.starts_with(kInvocationPrefix)) {
      auto rest = target.substr(kInvocationPrefix.size());
      const auto slash = rest.find('/');
      const std::string id(rest.substr(0, slash));
      const auto action = slash == std::string_view::npos ? std::string_view{} : rest.substr(slash + 1);
      if (action == "response") {
        api->responses_.push_back({id, request.body(), ""});
        return reply(request, bhttp::status::accepted, R"({"status":"OK"})");
      }
      if (action == "error") {
        api->errors_.push_back({id, request.body(), error_type});
        return reply(request, bhttp::status::accepted, R"({"status":"OK"})");
      }
    }
    return reply(request, bhttp::status::not_found);
  }

  static asio::awaitable<void> session(FakeRuntimeApi* api, tcp::socket socket) {
    boost::beast::flat_buffer buffer;
    for (;;) {
      Request request;
      error_code ec;
      co_await bhttp::async_read(socket, buffer, request, asio::redirect_error(asio::use_awaitable, ec));
      if (ec) co_return;
      auto response = route(api, request);
      if (!response) {
        error_code ignored;
        api->server_->acceptor.close(ignored);
        socket.close(ignored);
        co_return;
      }
      bool close_each = false;
      {
        const std::lock_guard lock(api->mutex_);
        close_each = api->close_each_;
      }
      response->keep_alive(!close_each && request.keep_alive());
      co_await bhttp::async_write(socket, *response, asio::redirect_error(asio::use_awaitable, ec));
      if (ec || !response->keep_alive()) {
        error_code ignored;
        socket.shutdown(tcp::socket::shutdown_send, ignored);
        co_return;
      }
    }
  }

  static asio::awaitable<void> listen(FakeRuntimeApi* api) {
    for (;;) {
      error_code ec;
      tcp::socket socket =
          co_await api->server_->acceptor.async_accept(asio::redirect_error(asio::use_awaitable, ec));
      if (ec) co_return;
      {
        const std::lock_guard lock(api->mutex_);
        ++api->connections_;
      }
      asio::co_spawn(api->server_->io, session(api, std::move(socket)), asio::detached);
    }
  }
};

FakeRuntimeApi::FakeRuntimeApi()
    : server_(std::make_unique<Server>()),
      endpoint_(fmt::format("127.0.0.1:{}", server_->acceptor.local_endpoint().port())) {
  asio::co_spawn(server_->io, Server::listen(this), asio::detached);
  thread_ = std::thread([this] { server_->io.run(); });
}

FakeRuntimeApi::~FakeRuntimeApi() {
  server_->io.stop();
  thread_.join();
}

void FakeRuntimeApi::enqueue(Event event) {
  const std::lock_guard lock(mutex_);
  queue_.push_back(std::move(event));
}

void FakeRuntimeApi::answer_next_with_status(int status) {
  const std::lock_guard lock(mutex_);
  next_status_ = status;
}

void FakeRuntimeApi::close_after_each_response() {
  const std::lock_guard lock(mutex_);
  close_each_ = true;
}

std::vector<FakeRuntimeApi::Post> FakeRuntimeApi::responses() const {
  const std::lock_guard lock(mutex_);
  return responses_;
}

std::vector<FakeRuntimeApi::Post> FakeRuntimeApi::errors() const {
  const std::lock_guard lock(mutex_);
  return errors_;
}

std::vector<FakeRuntimeApi::Post> FakeRuntimeApi::init_errors() const {
  const std::lock_guard lock(mutex_);
  return init_errors_;
}

int FakeRuntimeApi::connections_accepted() const {
  const std::lock_guard lock(mutex_);
  return connections_;
}

}  // namespace hub::runtime::lambda::test_support
