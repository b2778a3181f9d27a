#include "apps/common/tracing.hpp"

#include <string>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "aws/xray_daemon.hpp"
#include "aws/xray_recorder.hpp"
#include "core/log.hpp"

namespace hub::apps {
namespace {

constexpr std::string_view kDaemonVariable = "AWS_XRAY_DAEMON_ADDRESS";

Error daemon_address_error(std::string message) {
  return Error{
      ErrorCode::INTERNAL, "invalid configuration", {{std::string{kDaemonVariable}, std::move(message)}}};
}

}  // namespace

Result<std::shared_ptr<core::CallObserver>> call_observer(const core::Config& config,
                                                          const core::EnvLookup& env,
                                                          std::shared_ptr<core::CallObserver> metrics) {
  const auto setting = env(kDaemonVariable);
  if (config.tracing == core::TracingMode::off || !setting || setting->empty()) return metrics;
  const auto address = aws::parse_xray_daemon_address(*setting);
  if (!address)
    return daemon_address_error("is malformed; expected host:port or tcp:host:port udp:host:port");
  auto sender = aws::XRayDaemonSender::open(*address);
  if (!sender) return daemon_address_error(sender.error().detail);
  core::logger().info("X-Ray tracing on: sampled calls to AWS are sent to the daemon as subsegments",
                      {{"daemon_address", fmt::format("{}:{}", address->host, address->port)}});
  auto recorder = std::make_shared<aws::XRayCallRecorder>(std::move(sender).value());
  if (!metrics) return std::shared_ptr<core::CallObserver>(std::move(recorder));
  return std::shared_ptr<core::CallObserver>(std::make_shared<core::ObserverChain>(
      std::vector<std::shared_ptr<core::CallObserver>>{std::move(metrics), std::move(recorder)}));
}

}  // namespace hub::apps
