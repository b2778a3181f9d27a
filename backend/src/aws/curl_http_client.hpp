#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "aws/http_transport.hpp"

namespace hub::aws {

struct CurlHttpClientOptions {
  std::size_t max_idle_connections = 16;  // handles (each with its live connection) kept for reuse
  bool reuse_connections = true;          // false: a fresh connection per request (benchmarks)
  std::string ca_bundle;                  // empty: the system's trust store; TLS is always verified
  std::string user_agent = "innovation-hub";
};

struct CurlHttpClientStats {
  std::uint64_t requests = 0;
  std::uint64_t connections_opened = 0;  // new TCP connections; requests - this = reused
};

// HttpTransport on libcurl. One instance per process, shared by every thread: a pool of easy
// handles, each keeping its connection alive, so consecutive calls to the same endpoint reuse a
// connection instead of paying TCP (and TLS) setup again. Each attempt also stays inside the
// thread's core::current_deadline(), when that is sooner than SendOptions::deadline.
class CurlHttpClient final : public HttpTransport {
 public:
  explicit CurlHttpClient(CurlHttpClientOptions options = {});
  ~CurlHttpClient() override;
  CurlHttpClient(const CurlHttpClient&) = delete;
  CurlHttpClient& operator=(const CurlHttpClient&) = delete;
  CurlHttpClient(CurlHttpClient&&) = delete;
  CurlHttpClient& operator=(CurlHttpClient&&) = delete;

  [[nodiscard]] AwsResult<HttpResponse> send(const HttpRequest& request, const SendOptions& options) override;
  [[nodiscard]] CurlHttpClientStats stats() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace hub::aws
