#include "aws/xray_daemon.hpp"

#include <netdb.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <vector>

#include <fmt/format.h>

#include "aws/xray_segment.hpp"
#include "core/log.hpp"
#include "core/text.hpp"

namespace hub::aws {
namespace {

// "host:port" -> the address; "[::1]:2000" keeps the brackets off the host.
std::optional<XRayDaemonAddress> host_and_port(std::string_view text) {
  const auto colon = text.rfind(':');
  if (colon == std::string_view::npos || colon == 0) return std::nullopt;
  std::string_view host = text.substr(0, colon);
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  const auto port = core::parse_number<std::uint16_t>(text.substr(colon + 1));
  if (host.empty() || !port || *port == 0 || host.find_first_of(" \t/") != std::string_view::npos) {
    return std::nullopt;
  }
  return XRayDaemonAddress{.host = std::string(host), .port = *port};
}

std::vector<std::string_view> words(std::string_view text) {
  std::vector<std::string_view> out;
  while (!text.empty()) {
    const auto start = text.find_first_not_of(" \t");
    if (start == std::string_view::npos) break;
    text.remove_prefix(start);
    const auto end = text.find_first_of(" \t");
    out.push_back(text.substr(0, end));
    text = end == std::string_view::npos ? std::string_view{} : text.substr(end);
  }
  return out;
}

}  // namespace

std::optional<XRayDaemonAddress> parse_xray_daemon_address(std::string_view text) {
  const auto parts = words(text);
  if (parts.size() == 1 && !parts[0].starts_with("tcp:") && !parts[0].starts_with("udp:")) {
    return host_and_port(parts[0]);
  }
  if (parts.size() != 2) return std::nullopt;
  std::optional<XRayDaemonAddress> udp;
  bool tcp_seen = false;
  for (const auto part : parts) {
    if (part.starts_with("udp:") && !udp) {
      udp = host_and_port(part.substr(4));
      if (!udp) return std::nullopt;
    } else if (part.starts_with("tcp:") && !tcp_seen) {
      tcp_seen = true;
      if (!host_and_port(part.substr(4))) return std::nullopt;
    } else {
      return std::nullopt;
    }
  }
  return udp;
}

Result<std::shared_ptr<XRayDaemonSender>> XRayDaemonSender::open(const XRayDaemonAddress& address) {
  const std::string port = std::to_string(address.port);
  const std::string name = fmt::format("{}:{}", address.host, address.port);
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_DGRAM;
  hints.ai_flags = AI_NUMERICSERV;
  addrinfo* found = nullptr;
  if (const int rc = ::getaddrinfo(address.host.c_str(), port.c_str(), &hints, &found); rc != 0) {
    return Error::make(
        ErrorCode::DEPENDENCY_UNAVAILABLE,
        fmt::format("the X-Ray daemon address {} does not resolve: {}", name, ::gai_strerror(rc)));
  }
  int fd = -1;
  for (const addrinfo* candidate = found; candidate != nullptr && fd < 0; candidate = candidate->ai_next) {
    fd = ::socket(candidate->ai_family, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    // A connected UDP socket: send() needs no address, and a refused port shows up as an error.
    if (fd >= 0 && ::connect(fd, candidate->ai_addr, candidate->ai_addrlen) != 0) {
      ::close(fd);
      fd = -1;
    }
  }
  ::freeaddrinfo(found);
  if (fd < 0) {
    return Error::make(
        ErrorCode::DEPENDENCY_UNAVAILABLE,
        fmt::format("no UDP socket towards the X-Ray daemon at {}: {}", name, std::strerror(errno)));
  }
  return std::shared_ptr<XRayDaemonSender>(new XRayDaemonSender(fd, name));
}

XRayDaemonSender::~XRayDaemonSender() { ::close(fd_); }

bool XRayDaemonSender::send(std::string_view document) {
  if (kXRayDaemonHeader.size() + document.size() > kMaxXRayDatagramBytes) {
    drop("a segment document is larger than one datagram", 0);
    return false;
  }
  // Header and document in one datagram without copying them together.
  std::array<iovec, 2> parts{
      iovec{const_cast<char*>(kXRayDaemonHeader.data()), kXRayDaemonHeader.size()},  // NOLINT: not written
      iovec{const_cast<char*>(document.data()), document.size()}};                   // NOLINT: not written
  msghdr message{};
  message.msg_iov = parts.data();
  message.msg_iovlen = parts.size();
  constexpr int kFlags = MSG_DONTWAIT | MSG_NOSIGNAL;
  ssize_t written = ::sendmsg(fd_, &message, kFlags);
  while (written < 0 && errno == EINTR) written = ::sendmsg(fd_, &message, kFlags);
  if (written < 0) {
    drop("the X-Ray daemon socket refused a segment document", errno);
    return false;
  }
  sent_.fetch_add(1, std::memory_order_relaxed);
  return true;
}

void XRayDaemonSender::drop(std::string_view why, int error_number) {
  dropped_.fetch_add(1, std::memory_order_relaxed);
  if (failure_logged_.exchange(true)) return;  // once per process: tracing must not flood the logs
  core::logger().warning("X-Ray segment documents are being dropped",
                         {{"reason", why},
                          {"daemon_address", address_},
                          {"error", error_number == 0 ? std::string{} : std::strerror(error_number)}});
}

}  // namespace hub::aws
