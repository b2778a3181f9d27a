// bench-ceiling-server: the smallest useful Boost.Beast HTTP server, used as the throughput and
// latency ceiling that hub-server is compared against (docs/performance.md).
//
// Async, a fixed pool of threads on one io_context, one strand per connection, HTTP/1.1
// keep-alive, and every request answered 200 with the fixed body {"status":"ok"}. No routing,
// no logging, no middleware: whatever hub-server costs beyond this is the price of its features.
//
// Usage: bench-ceiling-server [--host 127.0.0.1] [--port 0] [--threads 2]
// Prints "Serving on http://HOST:PORT" on stderr once listening (the same line hub-server
// prints); stops on SIGINT/SIGTERM.

#include <boost/asio/bind_executor.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <charconv>
#include <csignal>
#include <cstdint>
#include <cstdlib>
#include <exception>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

namespace {

constexpr std::string_view kBody = R"({"status":"ok"})";
constexpr std::size_t kBodyLimit = 1024 * 1024;

class Session : public std::enable_shared_from_this<Session> {
 public:
  explicit Session(tcp::socket&& socket) : stream_(std::move(socket)) {}

  void start() {
    asio::dispatch(stream_.get_executor(), [self = shared_from_this()] { self->read(); });
  }

 private:
  void read() {
    parser_.emplace();
    parser_->body_limit(kBodyLimit);
    http::async_read(
        stream_, buffer_, *parser_,
        [self = shared_from_this()](beast::error_code ec, std::size_t /*bytes*/) { self->on_read(ec); });
  }

  void on_read(beast::error_code ec) {
    if (ec) {
      close();
      return;
    }
    const auto& request = parser_->get();
    response_ = {};
    response_.version(request.version());
    response_.result(http::status::ok);
    response_.set(http::field::server, "bench-ceiling-server");
    response_.set(http::field::content_type, "application/json");
    response_.keep_alive(request.keep_alive());
    if (request.method() != http::verb::head) {
      response_.body() = kBody;
    }
    response_.prepare_payload();
    if (request.method() == http::verb::head) {
      response_.content_length(kBody.size());
    }
    http::async_write(stream_, response_,
                      [self = shared_from_this()](beast::error_code write_ec, std::size_t /*bytes*/) {
                        self->on_write(write_ec);
                      });
  }

  void on_write(beast::error_code ec) {
    if (ec || !response_.keep_alive()) {
      close();
      return;
    }
    read();
  }

  void close() {
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
    stream_.socket().close(ignored);
  }

  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  http::response<http::string_body> response_;
};

class Listener : public std::enable_shared_from_this<Listener> {
 public:
  Listener(asio::io_context& io, const tcp::endpoint& endpoint) : io_(io), acceptor_(asio::make_strand(io)) {
    acceptor_.open(endpoint.protocol());
    acceptor_.set_option(asio::socket_base::reuse_address(true));
    acceptor_.bind(endpoint);
    acceptor_.listen(asio::socket_base::max_listen_connections);
  }

  [[nodiscard]] tcp::endpoint local_endpoint() const { return acceptor_.local_endpoint(); }

  void accept() {
    acceptor_.async_accept(asio::make_strand(io_),
                           [self = shared_from_this()](beast::error_code ec, tcp::socket socket) {
                             if (ec == asio::error::operation_aborted) {
                               return;
                             }
                             if (!ec) {
                               socket.set_option(tcp::no_delay(true));
                               std::make_shared<Session>(std::move(socket))->start();
                             }
                             self->accept();
                           });
  }

  void stop() {
    asio::post(acceptor_.get_executor(), [self = shared_from_this()] {
      beast::error_code ignored;
      self->acceptor_.close(ignored);
    });
  }

 private:
  asio::io_context& io_;
  tcp::acceptor acceptor_;
};

struct Options {
  std::string host = "127.0.0.1";
  std::uint16_t port = 0;
  int threads = 2;
};

[[noreturn]] void usage(int status) {
  (status == 0 ? std::cout : std::cerr)
      << "usage: bench-ceiling-server [--host ADDR] [--port N (0 = any free port)] [--threads N]\n";
  std::exit(status);
}

template <class T>
T parse_number(std::string_view text) {
  T value{};
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc{} || end != text.data() + text.size()) {
    usage(2);
  }
  return value;
}

Options parse_options(int argc, char** argv) {
  Options options;
  const std::vector<std::string_view> args(argv + 1, argv + argc);
  for (std::size_t i = 0; i < args.size(); ++i) {
    const auto flag = args[i];
    if (flag == "--help" || flag == "-h") {
      usage(0);
    }
    if (i + 1 >= args.size()) {
      usage(2);
    }
    const auto value = args[++i];
    if (flag == "--host") {
      options.host = std::string(value);
    } else if (flag == "--port") {
      options.port = parse_number<std::uint16_t>(value);
    } else if (flag == "--threads") {
      options.threads = parse_number<int>(value);
      if (options.threads < 1) {
        usage(2);
      }
    } else {
      usage(2);
    }
  }
  return options;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    const Options options = parse_options(argc, argv);
    asio::io_context io{options.threads};

    const tcp::endpoint endpoint{asio::ip::make_address(options.host), options.port};
    auto listener = std::make_shared<Listener>(io, endpoint);
    listener->accept();

    asio::signal_set signals(io, SIGINT, SIGTERM);
    signals.async_wait([&io, listener](beast::error_code /*ec*/, int /*signal*/) {
      listener->stop();
      io.stop();
    });

    const auto bound = listener->local_endpoint();
    std::cerr << "Serving on http://" << bound.address().to_string() << ':' << bound.port() << std::endl;

    std::vector<std::jthread> pool;
    pool.reserve(static_cast<std::size_t>(options.threads - 1));
    for (int i = 1; i < options.threads; ++i) {
      pool.emplace_back([&io] { io.run(); });
    }
    io.run();
    return EXIT_SUCCESS;
  } catch (const std::exception& e) {
    std::cerr << "bench-ceiling-server: " << e.what() << '\n';
    return EXIT_FAILURE;
  }
}
