#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace hub::aws {

// Where the X-Ray daemon listens for segment documents (UDP).
struct XRayDaemonAddress {
  std::string host;
  std::uint16_t port = 0;
};

// AWS_XRAY_DAEMON_ADDRESS as Lambda and the X-Ray SDKs write it: "host:port" (both protocols), or
// "tcp:host:port udp:host:port" in either order; the UDP address is returned. std::nullopt when
// malformed (no port, a port out of range, an unknown protocol, a missing udp part).
[[nodiscard]] std::optional<XRayDaemonAddress> parse_xray_daemon_address(std::string_view text);

// The most one datagram to the daemon may hold, header line included: what one IPv4 UDP datagram
// can carry, below X-Ray's 64 KB per segment document.
inline constexpr std::size_t kMaxXRayDatagramBytes = 65'507;

// Sends segment documents to the X-Ray daemon over UDP, each preceded by kXRayDaemonHeader. Never
// blocks and never fails its caller: a document that is too large or that the socket refuses is
// dropped and counted, and only the first such failure is logged. Thread-safe.
class XRayDaemonSender {
 public:
  // Resolves the address once and opens a non-blocking UDP socket towards it. An error
  // (DEPENDENCY_UNAVAILABLE) when the host does not resolve or no socket can be opened.
  [[nodiscard]] static Result<std::shared_ptr<XRayDaemonSender>> open(const XRayDaemonAddress& address);

  ~XRayDaemonSender();
  XRayDaemonSender(const XRayDaemonSender&) = delete;
  XRayDaemonSender& operator=(const XRayDaemonSender&) = delete;
  XRayDaemonSender(XRayDaemonSender&&) = delete;
  XRayDaemonSender& operator=(XRayDaemonSender&&) = delete;

  // Sends one document (a JSON segment or subsegment, without the header line). False when it was
  // dropped.
  bool send(std::string_view document);

  [[nodiscard]] std::uint64_t sent() const noexcept { return sent_.load(std::memory_order_relaxed); }
  [[nodiscard]] std::uint64_t dropped() const noexcept { return dropped_.load(std::memory_order_relaxed); }

 private:
  XRayDaemonSender(int fd, std::string address) : fd_(fd), address_(std::move(address)) {}
  void drop(std::string_view why, int error_number);

  int fd_;
  std::string address_;  // "host:port", for the log line
  std::atomic<std::uint64_t> sent_{0};
  std::atomic<std::uint64_t> dropped_{0};
  std::atomic<bool> failure_logged_{false};
};

}  // namespace hub::aws
