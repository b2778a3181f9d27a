#include "runtime/local/http_server.hpp"

#include <csignal>

#include <fmt/format.h>
#include <boost/asio/bind_executor.hpp>
#include <boost/asio/ip/address.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/strand.hpp>

#include "core/log.hpp"
#include "runtime/local/session.hpp"

namespace hub::runtime::local {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;

namespace {
unsigned thread_count(const ServerOptions& options) {
  if (options.limits.threads > 0) return options.limits.threads;
  return std::max(1U, std::thread::hardware_concurrency());
}
}  // namespace

HttpServer::HttpServer(std::shared_ptr<const http::Pipeline> pipeline, ServerOptions options)
    : pipeline_(std::move(pipeline)),
      options_(std::move(options)),
      io_(static_cast<int>(thread_count(options_))),
      acceptor_(asio::make_strand(io_)),
      grace_timer_(acceptor_.get_executor()),
      signals_(acceptor_.get_executor(), SIGINT, SIGTERM) {}

HttpServer::~HttpServer() = default;

Result<std::uint16_t> HttpServer::listen() {
  boost::system::error_code ec;
  tcp::resolver resolver(io_);
  const auto results =
      resolver.resolve(options_.host, std::to_string(options_.port), tcp::resolver::numeric_service, ec);
  if (ec || results.empty()) {
    return Error::make(ErrorCode::INTERNAL,
                       fmt::format("cannot resolve host '{}': {}", options_.host, ec.message()));
  }
  const tcp::endpoint endpoint = results.begin()->endpoint();
  if (acceptor_.open(endpoint.protocol(), ec); ec) {
    return Error::make(ErrorCode::INTERNAL, fmt::format("cannot open socket: {}", ec.message()));
  }
  if (acceptor_.set_option(asio::socket_base::reuse_address(true), ec); ec) {
    return Error::make(ErrorCode::INTERNAL, fmt::format("cannot set SO_REUSEADDR: {}", ec.message()));
  }
  if (acceptor_.bind(endpoint, ec); ec) {
    return Error::make(ErrorCode::INTERNAL,
                       fmt::format("cannot bind {}:{}: {}", options_.host, options_.port, ec.message()));
  }
  if (acceptor_.listen(asio::socket_base::max_listen_connections, ec); ec) {
    return Error::make(ErrorCode::INTERNAL, fmt::format("cannot listen: {}", ec.message()));
  }
  return acceptor_.local_endpoint().port();
}

void HttpServer::run() {
  signals_.async_wait([this](const boost::system::error_code& ec, int signal) {
    if (ec) return;  // cancelled by a programmatic stop
    core::logger().info("signal received, stopping", {{"signal", json::value(signal)}});
    begin_shutdown();
  });
  asio::post(acceptor_.get_executor(), [this] { accept_next(); });

  const unsigned n = thread_count(options_);
  std::vector<std::thread> threads;
  threads.reserve(n - 1);
  for (unsigned i = 1; i < n; ++i) threads.emplace_back([this] { io_.run(); });
  io_.run();
  for (auto& t : threads) t.join();
  core::logger().info("server stopped");
}

void HttpServer::stop() {
  asio::post(acceptor_.get_executor(), [this] { begin_shutdown(); });
}

void HttpServer::accept_next() {
  acceptor_.async_accept(
      asio::make_strand(io_),
      asio::bind_executor(acceptor_.get_executor(), [this](boost::system::error_code ec, tcp::socket socket) {
        if (stopping_) return;
        if (!ec) {
          auto session = std::make_shared<Session>(std::move(socket), *this);
          on_session_start(session);
          session->start();
        } else if (ec != asio::error::operation_aborted) {
          core::logger().warning("accept failed", {{"error", ec.message()}});
        }
        accept_next();
      }));
}

void HttpServer::on_session_start(const std::shared_ptr<Session>& session) {
  live_sessions_.fetch_add(1);
  const std::lock_guard lock(sessions_mutex_);
  if (sessions_.size() > 64 && sessions_.size() > 2 * live_sessions_.load()) {
    std::erase_if(sessions_, [](const std::weak_ptr<Session>& w) { return w.expired(); });
  }
  sessions_.push_back(session);
}

void HttpServer::on_session_end() {
  if (live_sessions_.fetch_sub(1) == 1 && stopping_) {
    asio::post(acceptor_.get_executor(), [this] { grace_timer_.cancel(); });
  }
}

void HttpServer::begin_shutdown() {
  if (stopping_.exchange(true)) return;
  core::logger().info("stopping: finishing requests in flight",
                      {{"connections", json::value(live_sessions_.load())}});
  boost::system::error_code ignored;
  acceptor_.close(ignored);
  signals_.cancel(ignored);
  {
    const std::lock_guard lock(sessions_mutex_);
    for (const auto& weak : sessions_) {
      if (auto session = weak.lock()) session->close_if_idle();
    }
    sessions_.clear();
  }
  if (live_sessions_.load() == 0) return;
  grace_timer_.expires_after(options_.limits.shutdown_grace);
  grace_timer_.async_wait([this](const boost::system::error_code& ec) {
    if (ec) return;  // every connection finished in time
    core::logger().warning("grace period over, cutting remaining connections",
                           {{"connections", json::value(live_sessions_.load())}});
    io_.stop();
  });
}

}  // namespace hub::runtime::local
