#pragma once

// Test support: an HTTP/1.1 server on 127.0.0.1 (a free port), run on its own threads, whose
// answers come from a handler. Besides answering it can misbehave on request: answer late, close
// or reset the connection instead of answering, or close after answering. It counts the
// connections it accepted and the requests it read, so tests can see connection reuse.
//
// Each connection is served by its own thread with blocking I/O, so a handler may block (sleep,
// or forward the request elsewhere, as a fault-injecting proxy does) without holding up others.

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace hub::testing {

using LoopbackHeaders = std::vector<std::pair<std::string, std::string>>;

struct LoopbackRequest {
  std::string method;
  std::string target;       // as sent: "/path?query"
  LoopbackHeaders headers;  // names as received, in order
  std::string body{};
  std::size_t connection = 0;  // 1 for the first connection accepted, 2 for the next, ...

  // First header with this name (case-insensitive); empty when absent.
  [[nodiscard]] std::string_view header(std::string_view name) const noexcept;
  [[nodiscard]] bool has_header(std::string_view name) const noexcept;
};

enum class LoopbackAction : std::uint8_t {
  answer,                // send the response; keep the connection if the client asked to
  answer_and_close,      // send the response with Connection: close, then close
  close_without_answer,  // close the connection (FIN) without a byte of response
  reset_without_answer,  // reset the connection (RST) without a byte of response
};

struct LoopbackResponse {
  int status = 200;
  // Sent as given, except Content-Length, Transfer-Encoding and Connection, which the server
  // sets itself (so a proxy may pass an upstream's headers through).
  LoopbackHeaders headers{};
  std::string body{};
  std::chrono::milliseconds delay{0};  // wait this long before acting (cut short by stop())
  LoopbackAction action = LoopbackAction::answer;
};

using LoopbackHandler = std::function<LoopbackResponse(const LoopbackRequest&)>;

struct LoopbackServerOptions {
  std::size_t max_body_bytes = 64 * 1024 * 1024;
};

class LoopbackHttpServer {
 public:
  // Listening when the constructor returns. The handler is called on connection threads,
  // possibly on several at once.
  explicit LoopbackHttpServer(LoopbackHandler handler, LoopbackServerOptions options = {});
  ~LoopbackHttpServer();  // stop()
  LoopbackHttpServer(const LoopbackHttpServer&) = delete;
  LoopbackHttpServer& operator=(const LoopbackHttpServer&) = delete;
  LoopbackHttpServer(LoopbackHttpServer&&) = delete;
  LoopbackHttpServer& operator=(LoopbackHttpServer&&) = delete;

  [[nodiscard]] std::uint16_t port() const noexcept;
  [[nodiscard]] std::string url() const;  // "http://127.0.0.1:<port>", no trailing slash

  // Replaces the handler for requests read from now on.
  void set_handler(LoopbackHandler handler);

  [[nodiscard]] std::size_t connections_accepted() const noexcept;
  [[nodiscard]] std::size_t requests_received() const noexcept;  // fully read requests
  [[nodiscard]] std::size_t open_connections() const noexcept;

  // Stops accepting, closes every connection, cuts delays short and joins all threads.
  // Idempotent.
  void stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace hub::testing
