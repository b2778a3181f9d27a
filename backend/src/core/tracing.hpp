#pragma once

#include <string>
#include <string_view>

namespace hub::core {

// The trace id of an X-Ray trace header, as Lambda Powertools logs it:
// "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1"
//   -> "1-5759e988-bd862e3fe1be46a994272793". Empty when there is no well-formed Root.
[[nodiscard]] std::string xray_trace_root(std::string_view header);

}  // namespace hub::core
