#pragma once

#include <memory>

#include "core/call_observer.hpp"
#include "core/config.hpp"
#include "core/result.hpp"

namespace hub::apps {

// The observer every AWS client of the process reports its calls to: `metrics` and, when tracing
// is on (HUB_TRACING=auto and AWS_XRAY_DAEMON_ADDRESS set), an X-Ray recorder that sends each call
// of a sampled trace to the daemon as a subsegment (docs/tracing.md). A malformed or unresolvable
// AWS_XRAY_DAEMON_ADDRESS is a configuration error naming it.
[[nodiscard]] Result<std::shared_ptr<core::CallObserver>> call_observer(
    const core::Config& config, const core::EnvLookup& env, std::shared_ptr<core::CallObserver> metrics);

}  // namespace hub::apps
