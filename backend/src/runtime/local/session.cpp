#include "runtime/local/session.hpp"

#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>
#include <boost/beast/core/bind_handler.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>

#include "core/log.hpp"
#include "core/text.hpp"
#include "runtime/local/http_server.hpp"

namespace hub::runtime::local {

namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = boost::asio::ip::tcp;

Session::Session(tcp::socket socket, HttpServer& server) : stream_(std::move(socket)), server_(server) {
  beast::error_code ec;
  const auto endpoint = stream_.socket().remote_endpoint(ec);
  if (!ec) remote_address_ = endpoint.address().to_string();
}

Session::~Session() { server_.on_session_end(); }

void Session::start() {
  // Start on the connection's strand so every step of this session is serialised.
  boost::asio::dispatch(stream_.get_executor(),
                        beast::bind_front_handler(&Session::read_head, shared_from_this()));
}

void Session::close_if_idle() {
  boost::asio::post(stream_.get_executor(), [self = shared_from_this()] {
    if (self->idle_) self->close();
  });
}

void Session::close() {
  beast::error_code ignored;
  stream_.socket().shutdown(tcp::socket::shutdown_both, ignored);
  stream_.close();
}

void Session::read_head() {
  if (server_.stopping_) {
    close();
    return;
  }
  idle_ = true;
  parser_.emplace();
  parser_->header_limit(static_cast<std::uint32_t>(server_.options_.limits.max_header_bytes));
  parser_->body_limit(server_.options_.max_body_bytes);
  stream_.expires_after(first_request_ ? server_.options_.limits.header_timeout
                                       : server_.options_.limits.keep_alive_timeout);
  bhttp::async_read_header(stream_, buffer_, *parser_,
                           beast::bind_front_handler(&Session::on_head, shared_from_this()));
}

void Session::on_head(beast::error_code ec, std::size_t /*bytes*/) {
  first_request_ = false;
  if (ec == bhttp::error::end_of_stream || ec == boost::asio::error::operation_aborted ||
      ec == beast::error::timeout || ec == boost::asio::error::connection_reset ||
      ec == boost::asio::error::eof) {
    close();  // the client went away, an idle connection timed out, or we are stopping
    return;
  }
  idle_ = false;
  if (ec == bhttp::error::header_limit) {
    fail_request(http::TransportError::head_too_large);
    return;
  }
  if (ec == bhttp::error::body_limit) {
    fail_request(http::TransportError::body_too_large);  // Content-Length alone is over: refuse unread
    return;
  }
  if (ec) {
    fail_request(http::TransportError::malformed);
    return;
  }
  const auto length = parser_->content_length();
  if (length && *length > server_.options_.max_body_bytes) {
    fail_request(http::TransportError::body_too_large);  // refuse without reading it
    return;
  }
  if (parser_->is_done()) {
    respond(to_request(), parser_->keep_alive());
    return;
  }
  stream_.expires_after(server_.options_.limits.body_timeout);
  bhttp::async_read(stream_, buffer_, *parser_,
                    beast::bind_front_handler(&Session::on_body, shared_from_this()));
}

void Session::on_body(beast::error_code ec, std::size_t /*bytes*/) {
  if (ec == bhttp::error::body_limit) {
    fail_request(http::TransportError::body_too_large);
    return;
  }
  if (ec == beast::error::timeout || ec == boost::asio::error::operation_aborted ||
      ec == bhttp::error::end_of_stream || ec == boost::asio::error::connection_reset ||
      ec == boost::asio::error::eof) {
    close();
    return;
  }
  if (ec) {
    fail_request(http::TransportError::malformed);
    return;
  }
  respond(to_request(), parser_->keep_alive());
}

void Session::fail_request(http::TransportError error) {
  // What was read of the head (if anything) still goes through the pipeline, so the error
  // response carries the usual headers; the connection closes after it.
  http::Request request =
      parser_ && error != http::TransportError::malformed && error != http::TransportError::head_too_large
          ? to_request()
          : http::Request{};
  if (request.method.empty()) request.method = "GET";
  if (request.path.empty()) request.path = "/";
  request.body.clear();
  request.transport_error = error;
  request.remote_address = remote_address_;
  respond(std::move(request), false);
}

http::Request Session::to_request() const {
  const auto& message = parser_->get();
  http::Request request;
  request.method = std::string(message.method_string());
  const std::string_view target = message.target();
  const auto question = target.find('?');
  const auto raw_path = target.substr(0, question);
  if (auto decoded = core::percent_decode(raw_path, false);
      decoded && !raw_path.empty() && raw_path.front() == '/') {
    request.path = std::move(*decoded);
  } else {
    request.path = "/";
    request.transport_error = http::TransportError::malformed;
  }
  if (question != std::string_view::npos) request.query_string = std::string(target.substr(question + 1));
  for (const auto& field : message) {
    const std::string_view name = field.name_string();
    const std::string_view value = field.value();
    if (http::iequals(name, "Cookie")) {
      // As API Gateway does: cookies travel apart from the headers.
      std::string_view rest = value;
      while (!rest.empty()) {
        const auto semi = rest.find(';');
        auto item = rest.substr(0, semi);
        while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
        if (!item.empty()) request.cookies.emplace_back(item);
        rest = semi == std::string_view::npos ? std::string_view{} : rest.substr(semi + 1);
      }
      continue;
    }
    request.headers.add(name, value);
  }
  request.body = message.body();
  request.remote_address = remote_address_;
  request.trace_id = std::string(request.header("X-Amzn-Trace-Id").value_or(""));
  return request;
}

void Session::respond(http::Request request, bool keep_alive) {
  keep_alive = keep_alive && !server_.stopping_;
  const bool head = request.method == "HEAD";
  http::Response response = server_.pipeline_->handle(request);

  auto message = std::make_shared<bhttp::response<bhttp::string_body>>();
  message->result(static_cast<unsigned>(response.status));
  message->version(11);
  for (const auto& [name, value] : response.headers) message->insert(name, value);
  for (const auto& cookie : response.cookies) message->insert(bhttp::field::set_cookie, cookie);
  message->keep_alive(keep_alive);
  message->content_length(response.body.size());
  if (!head) message->body() = std::move(response.body);
  response_ = message;

  stream_.expires_after(server_.options_.limits.body_timeout);
  bhttp::async_write(stream_, *message,
                     beast::bind_front_handler(&Session::on_write, shared_from_this(), keep_alive));
}

void Session::on_write(bool keep_alive, beast::error_code ec, std::size_t /*bytes*/) {
  response_.reset();
  if (ec) {
    if (ec != boost::asio::error::operation_aborted) {
      core::logger().debug("write failed", {{"error", ec.message()}});
    }
    close();
    return;
  }
  if (!keep_alive) {
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
    return;
  }
  read_head();
}

}  // namespace hub::runtime::local
