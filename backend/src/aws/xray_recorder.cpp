#include "aws/xray_recorder.hpp"

#include <boost/json/serialize.hpp>

#include "aws/xray_segment.hpp"

namespace hub::aws {

void XRayCallRecorder::on_call(const core::DependencyCall& call) {
  const auto document = xray_subsegment(call);
  if (document) sender_->send(boost::json::serialize(*document));
}

}  // namespace hub::aws
