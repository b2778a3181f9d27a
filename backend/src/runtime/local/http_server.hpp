#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>

#include "core/config.hpp"
#include "core/result.hpp"
#include "http/middleware.hpp"

namespace hub::runtime::local {

struct ServerOptions {
  std::string host = "127.0.0.1";
  std::uint16_t port = 8080;  // 0 picks a free port
  core::ServerConfig limits;
  std::size_t max_body_bytes = 64 * 1024;
};

class Session;

// The local HTTP/1.1 server (Boost.Beast): async accept and I/O on a pool of threads,
// keep-alive, header/body timeouts and size limits. Requests are handed whole to the
// pipeline; the server itself never builds a response body.
//
// Graceful stop (stop(), or SIGINT/SIGTERM inside run()): the listener closes, idle
// connections close, requests in flight finish and are answered with Connection: close;
// whatever is still running after the grace period is cut off.
class HttpServer {
 public:
  HttpServer(std::shared_ptr<const http::Pipeline> pipeline, ServerOptions options);
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;
  HttpServer(HttpServer&&) = delete;
  HttpServer& operator=(HttpServer&&) = delete;

  // Binds and listens; returns the port actually bound (useful with port 0).
  [[nodiscard]] Result<std::uint16_t> listen();

  // Serves until stopped; handles SIGINT/SIGTERM itself. Returns after every thread joined.
  void run();

  // Starts a graceful stop; safe from any thread.
  void stop();

 private:
  friend class Session;
  void accept_next();
  void on_session_start(const std::shared_ptr<Session>& session);
  void on_session_end();
  void begin_shutdown();

  std::shared_ptr<const http::Pipeline> pipeline_;
  ServerOptions options_;
  boost::asio::io_context io_;
  boost::asio::ip::tcp::acceptor acceptor_;
  boost::asio::steady_timer grace_timer_;
  boost::asio::signal_set signals_;
  std::atomic<bool> stopping_{false};
  std::atomic<std::size_t> live_sessions_{0};
  std::mutex sessions_mutex_;
  std::vector<std::weak_ptr<Session>> sessions_;
};

}  // namespace hub::runtime::local
