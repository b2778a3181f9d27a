#pragma once

#include <atomic>
#include <memory>
#include <optional>

#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/string_body.hpp>

#include "http/request.hpp"
#include "http/response.hpp"

namespace hub::runtime::local {

class HttpServer;

// One connection: read -> handle -> write, repeated while keep-alive holds. Every step runs
// on the connection's strand and checks its error; timeouts are set before each read.
class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(boost::asio::ip::tcp::socket socket, HttpServer& server);
  ~Session();
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;
  Session(Session&&) = delete;
  Session& operator=(Session&&) = delete;

  void start();
  // Closes the connection if it is waiting for a request; a request in flight finishes.
  void close_if_idle();

 private:
  void read_head();
  void on_head(boost::beast::error_code ec, std::size_t bytes);
  void on_body(boost::beast::error_code ec, std::size_t bytes);
  void respond(http::Request request, bool keep_alive);
  void on_write(bool keep_alive, boost::beast::error_code ec, std::size_t bytes);
  void fail_request(http::TransportError error);
  void close();

  [[nodiscard]] http::Request to_request() const;

  boost::beast::tcp_stream stream_;
  boost::beast::flat_buffer buffer_;
  std::optional<boost::beast::http::request_parser<boost::beast::http::string_body>> parser_;
  std::shared_ptr<void> response_;  // keeps the serialised response alive during the write
  HttpServer& server_;
  std::string remote_address_;
  bool first_request_ = true;
  std::atomic<bool> idle_{true};
};

}  // namespace hub::runtime::local
