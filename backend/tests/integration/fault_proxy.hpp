#pragma once

// Integration-test support: a loopback HTTP proxy in front of an emulator whose plan decides,
// request by request, whether to forward, to answer with a fault, or to forward and then tamper
// with the request or the answer.

#include <atomic>
#include <functional>
#include <string>

#include <boost/algorithm/string/predicate.hpp>

#include "aws/curl_http_client.hpp"
#include "support/loopback_http_server.hpp"

namespace hub::testing {

class FaultProxy {
 public:
  // Sends `request` (with `body` in place of its own) to the emulator and returns its answer.
  using Forward = std::function<LoopbackResponse(const LoopbackRequest& request, const std::string& body)>;
  // Decides the fate of the `index`-th request (0-based).
  using Plan =
      std::function<LoopbackResponse(const LoopbackRequest& request, int index, const Forward& forward)>;

  FaultProxy(std::string upstream, Plan plan)
      : upstream_(std::move(upstream)),
        plan_(std::move(plan)),
        server_([this](const LoopbackRequest& request) {
          return plan_(request, next_index_++, [this](const LoopbackRequest& r, const std::string& body) {
            return forward(r, body);
          });
        }) {}

  [[nodiscard]] std::string url() const { return server_.url(); }
  [[nodiscard]] int requests() const noexcept { return next_index_.load(); }

  // The plan that changes nothing.
  static LoopbackResponse pass(const LoopbackRequest& request, int /*index*/, const Forward& forward) {
    return forward(request, request.body);
  }

 private:
  LoopbackResponse forward(const LoopbackRequest& request, const std::string& body) {
    aws::HttpRequest out;
    out.method = request.method;
    out.url = upstream_ + request.target;
    for (const auto& [name, value] : request.headers) {
      if (!is_hop_by_hop(name)) out.headers.emplace_back(name, value);
    }
    out.body = body;
    auto answer =
        upstream_client_.send(out, aws::SendOptions{.connect_timeout = std::chrono::milliseconds{2000},
                                                    .total_timeout = std::chrono::milliseconds{30'000},
                                                    .deadline = core::Deadline::never()});
    if (!answer) return LoopbackResponse{.status = 502, .headers = {}, .body = answer.error().describe()};
    return LoopbackResponse{.status = answer->status, .headers = answer->headers, .body = answer->body};
  }

  static bool is_hop_by_hop(std::string_view name) {
    auto is = [&](std::string_view other) { return boost::algorithm::iequals(name, other); };
    return is("content-length") || is("connection") || is("transfer-encoding") || is("expect") ||
           is("keep-alive");
  }

  std::string upstream_;
  Plan plan_;
  std::atomic<int> next_index_{0};
  aws::CurlHttpClient upstream_client_;
  LoopbackHttpServer server_;  // last: it calls into the members above until it is destroyed
};

}  // namespace hub::testing
