#pragma once

#include <chrono>
#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "aws/aws_error.hpp"
#include "core/deadline.hpp"

namespace hub::aws {

using HeaderList = std::vector<std::pair<std::string, std::string>>;

struct HttpRequest {
  std::string method = "POST";
  std::string url;  // absolute: scheme://host[:port]/path[?query]
  HeaderList headers;
  std::string body;
};

struct HttpResponse {
  int status = 0;
  HeaderList headers;  // names as received
  std::string body;

  // First header with this name (case-insensitive); empty when absent.
  [[nodiscard]] std::string_view header(std::string_view name) const noexcept;
};

// Limits of one attempt. The effective total is the smaller of `total_timeout` and what the
// deadline leaves; an already-expired deadline fails at once with deadline_exceeded.
struct SendOptions {
  std::chrono::milliseconds connect_timeout{1000};
  std::chrono::milliseconds total_timeout{3000};
  core::Deadline deadline = core::Deadline::never();
  // A response body larger than this ends the transfer as soon as it is exceeded (a
  // malformed_response AwsError); 0: no limit.
  std::size_t max_response_bytes = 0;
};

// Sends one HTTP request and returns whatever response came back (any status). Failures to get
// a response at all are AwsErrors: connection_failed, timeout or deadline_exceeded, with the
// endpoint named in the message. Implementations are safe to call from many threads.
class HttpTransport {
 public:
  virtual ~HttpTransport() = default;
  [[nodiscard]] virtual AwsResult<HttpResponse> send(const HttpRequest& request,
                                                     const SendOptions& options) = 0;
};

}  // namespace hub::aws
