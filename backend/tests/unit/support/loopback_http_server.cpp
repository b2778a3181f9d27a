#include "support/loopback_http_server.hpp"

#include <sys/socket.h>

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <exception>
#include <list>
#include <mutex>
#include <thread>

#include <boost/algorithm/string/predicate.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>

namespace hub::testing {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;

std::string_view LoopbackRequest::header(std::string_view name) const noexcept {
  for (const auto& [key, value] : headers) {
    if (boost::algorithm::iequals(key, name)) return value;
  }
  return {};
}

bool LoopbackRequest::has_header(std::string_view name) const noexcept {
  return std::ranges::any_of(
      headers, [name](const auto& entry) { return boost::algorithm::iequals(entry.first, name); });
}

namespace {

struct Connection {
  std::thread thread;
  int fd = -1;        // guarded by Impl::mutex; -1 once the socket is closed
  bool done = false;  // guarded by Impl::mutex
};

bool is_hop_by_hop(std::string_view name) {
  return boost::algorithm::iequals(name, "content-length") ||
         boost::algorithm::iequals(name, "transfer-encoding") ||
         boost::algorithm::iequals(name, "connection");
}

LoopbackResponse answer_500(std::string_view what) {
  LoopbackResponse response;
  response.status = 500;
  response.body = std::string("loopback handler threw: ") + std::string(what);
  return response;
}

}  // namespace

struct LoopbackHttpServer::Impl {
  LoopbackServerOptions options;
  asio::io_context io;  // runs the acceptor only; connections use blocking calls on their thread
  tcp::acceptor acceptor{io};
  std::thread accept_thread;
  std::uint16_t port = 0;

  mutable std::mutex mutex;
  std::condition_variable wake;  // stop() cuts delays short
  bool stopping = false;
  LoopbackHandler handler;
  std::list<std::unique_ptr<Connection>> connections;

  std::atomic<std::size_t> accepted{0};
  std::atomic<std::size_t> requests{0};
  std::atomic<std::size_t> open{0};

  void accept_next() {
    acceptor.async_accept([this](const beast::error_code& ec, tcp::socket socket) {
      if (ec == asio::error::operation_aborted || !acceptor.is_open()) return;
      if (!ec) start(std::move(socket));
      accept_next();
    });
  }

  void start(tcp::socket socket) {
    const std::lock_guard lock(mutex);
    if (stopping) return;  // the socket closes as it goes out of scope
    reap();
    const std::size_t index = accepted.fetch_add(1) + 1;
    open.fetch_add(1);
    auto& connection = *connections.emplace_back(std::make_unique<Connection>());
    connection.fd = socket.native_handle();
    connection.thread = std::thread([this, &connection, index, s = std::move(socket)]() mutable {
      serve(s, index);
      const std::lock_guard done_lock(mutex);
      beast::error_code ignored;
      s.close(ignored);  // under the lock: stop() never touches a descriptor number reused since
      connection.fd = -1;
      connection.done = true;
      open.fetch_sub(1);
    });
  }

  // Joins the threads of finished connections (with `mutex` held).
  void reap() {
    for (auto it = connections.begin(); it != connections.end();) {
      if ((*it)->done) {
        (*it)->thread.join();
        it = connections.erase(it);
      } else {
        ++it;
      }
    }
  }

  LoopbackResponse handle(const LoopbackRequest& request) {
    LoopbackHandler current;
    {
      const std::lock_guard lock(mutex);
      current = handler;
    }
    if (!current) return {};
    try {
      return current(request);
    } catch (const std::exception& e) {
      return answer_500(e.what());
    }
  }

  // false when stop() came first.
  bool wait(std::chrono::milliseconds delay) {
    std::unique_lock lock(mutex);
    return !wake.wait_for(lock, delay, [this] { return stopping; });
  }

  void serve(tcp::socket& socket, std::size_t index) {
    beast::flat_buffer buffer;
    for (;;) {
      bhttp::request_parser<bhttp::string_body> parser;
      parser.body_limit(options.max_body_bytes);
      beast::error_code ec;
      bhttp::read_header(socket, buffer, parser, ec);
      if (ec) return;
      if (boost::algorithm::iequals(parser.get()[bhttp::field::expect], "100-continue")) {
        bhttp::response<bhttp::empty_body> go_on{bhttp::status::continue_, parser.get().version()};
        bhttp::write(socket, go_on, ec);
        if (ec) return;
      }
      bhttp::read(socket, buffer, parser, ec);
      if (ec) return;
      requests.fetch_add(1);

      const auto& message = parser.get();
      LoopbackRequest request;
      request.method = std::string(message.method_string());
      request.target = std::string(message.target());
      for (const auto& field : message) {
        request.headers.emplace_back(std::string(field.name_string()), std::string(field.value()));
      }
      request.body = message.body();
      request.connection = index;

      const LoopbackResponse response = handle(request);
      if (response.delay > std::chrono::milliseconds::zero() && !wait(response.delay)) return;
      switch (response.action) {
        case LoopbackAction::close_without_answer:
          socket.shutdown(tcp::socket::shutdown_both, ec);
          return;
        case LoopbackAction::reset_without_answer:
          socket.set_option(asio::socket_base::linger(true, 0), ec);  // close() now sends RST
          return;
        case LoopbackAction::answer:
        case LoopbackAction::answer_and_close:
          break;
      }
      const bool keep_alive = response.action == LoopbackAction::answer && message.keep_alive();
      bhttp::response<bhttp::string_body> out;
      out.version(message.version());
      out.result(static_cast<unsigned>(response.status));
      for (const auto& [name, value] : response.headers) {
        if (!is_hop_by_hop(name)) out.insert(name, value);
      }
      out.body() = response.body;
      out.keep_alive(keep_alive);
      out.prepare_payload();
      if (message.method() == bhttp::verb::head) {
        bhttp::response_serializer<bhttp::string_body> head_only(out);  // the length, not the body
        bhttp::write_header(socket, head_only, ec);
      } else {
        bhttp::write(socket, out, ec);
      }
      if (ec || !keep_alive) {
        socket.shutdown(tcp::socket::shutdown_send, ec);
        return;
      }
    }
  }
};

LoopbackHttpServer::LoopbackHttpServer(LoopbackHandler handler, LoopbackServerOptions options)
    : impl_(std::make_unique<Impl>()) {
  impl_->options = options;
  impl_->handler = std::move(handler);
  const tcp::endpoint where(asio::ip::make_address_v4("127.0.0.1"), 0);
  impl_->acceptor.open(where.protocol());
  impl_->acceptor.set_option(asio::socket_base::reuse_address(true));
  impl_->acceptor.bind(where);
  impl_->acceptor.listen();
  impl_->port = impl_->acceptor.local_endpoint().port();
  impl_->accept_next();
  impl_->accept_thread = std::thread([this] { impl_->io.run(); });
}

// join() throws only when an invariant is already broken; terminating then is right.
// NOLINTNEXTLINE(bugprone-exception-escape)
LoopbackHttpServer::~LoopbackHttpServer() { stop(); }

std::uint16_t LoopbackHttpServer::port() const noexcept { return impl_->port; }

std::string LoopbackHttpServer::url() const { return "http://127.0.0.1:" + std::to_string(impl_->port); }

void LoopbackHttpServer::set_handler(LoopbackHandler handler) {
  const std::lock_guard lock(impl_->mutex);
  impl_->handler = std::move(handler);
}

std::size_t LoopbackHttpServer::connections_accepted() const noexcept { return impl_->accepted.load(); }
std::size_t LoopbackHttpServer::requests_received() const noexcept { return impl_->requests.load(); }
std::size_t LoopbackHttpServer::open_connections() const noexcept { return impl_->open.load(); }

void LoopbackHttpServer::stop() {
  {
    const std::lock_guard lock(impl_->mutex);
    if (impl_->stopping) return;
    impl_->stopping = true;
  }
  impl_->wake.notify_all();
  asio::post(impl_->io, [this] {
    beast::error_code ignored;
    impl_->acceptor.close(ignored);
  });
  impl_->accept_thread.join();

  std::list<std::unique_ptr<Connection>> connections;
  {
    const std::lock_guard lock(impl_->mutex);
    // Unblocks a connection thread waiting in read(); safe next to it, unlike closing its socket.
    for (const auto& connection : impl_->connections) {
      if (connection->fd >= 0) ::shutdown(connection->fd, SHUT_RDWR);
    }
    connections.swap(impl_->connections);
  }
  for (const auto& connection : connections) connection->thread.join();
}

}  // namespace hub::testing
