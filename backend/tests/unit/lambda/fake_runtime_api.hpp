#pragma once

#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace hub::runtime::lambda::test_support {

// An in-process stand-in for the Lambda Runtime API on 127.0.0.1 (a free port), served by
// its own thread. It hands out queued events on /next and records what the runtime posts.
// When the queue is empty, /next makes the API "go away" (listener and connection closed),
// which is how a test's run_runtime_loop comes to an end.
class FakeRuntimeApi {
 public:
  struct Event {
    std::string request_id;
    std::string body;
    std::string trace_id;
  };
  struct Post {
    std::string request_id;  // empty for /init/error
    std::string body;
    std::string error_type;  // the Lambda-Runtime-Function-Error-Type header
  };

  FakeRuntimeApi();
  ~FakeRuntimeApi();
  FakeRuntimeApi(const FakeRuntimeApi&) = delete;
  FakeRuntimeApi& operator=(const FakeRuntimeApi&) = delete;
  FakeRuntimeApi(FakeRuntimeApi&&) = delete;
  FakeRuntimeApi& operator=(FakeRuntimeApi&&) = delete;

  // "127.0.0.1:<port>", as in AWS_LAMBDA_RUNTIME_API.
  [[nodiscard]] const std::string& endpoint() const noexcept { return endpoint_; }

  void enqueue(Event event);
  // /next answers with this status (and no event) instead of handing out events.
  void answer_next_with_status(int status);
  // Close the connection after every response, so each request needs a new connection.
  void close_after_each_response();

  [[nodiscard]] std::vector<Post> responses() const;
  [[nodiscard]] std::vector<Post> errors() const;
  [[nodiscard]] std::vector<Post> init_errors() const;
  [[nodiscard]] int connections_accepted() const;

 private:
  struct Server;  // Asio state, kept out of the header.

  mutable std::mutex mutex_;
  std::deque<Event> queue_;
  int next_status_ = 200;
  bool close_each_ = false;
  int connections_ = 0;
  std::vector<Post> responses_;
  std::vector<Post> errors_;
  std::vector<Post> init_errors_;

  std::unique_ptr<Server> server_;
  std::string endpoint_;
  std::thread thread_;
};

}  // namespace hub::runtime::lambda::test_support
