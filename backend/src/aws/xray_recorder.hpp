#pragma once

#include <memory>

#include "aws/xray_daemon.hpp"
#include "core/call_observer.hpp"

namespace hub::aws {

// Records every call of a sampled trace as an X-Ray subsegment (aws/xray_segment.hpp), sent to
// the daemon as it ends. Calls outside a trace, of an unsampled one, or without a subsegment id
// are left alone. Never blocks or fails the call it is told of (XRayDaemonSender).
class XRayCallRecorder final : public core::CallObserver {
 public:
  explicit XRayCallRecorder(std::shared_ptr<XRayDaemonSender> sender) : sender_(std::move(sender)) {}

  void on_call(const core::DependencyCall& call) override;
  [[nodiscard]] bool records_subsegments() const noexcept override { return true; }

  [[nodiscard]] const XRayDaemonSender& sender() const noexcept { return *sender_; }

 private:
  std::shared_ptr<XRayDaemonSender> sender_;
};

}  // namespace hub::aws
