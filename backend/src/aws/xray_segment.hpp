#pragma once

#include <optional>
#include <string>
#include <string_view>

#include <boost/json/object.hpp>

#include "core/call_observer.hpp"

namespace hub::aws {

// How the X-Ray daemon is told what follows: the first line of every datagram.
inline constexpr std::string_view kXRayDaemonHeader = "{\"format\": \"json\", \"version\": 1}\n";

// The name X-Ray shows for a service's calls ("DynamoDB", "SecretsManager", "SSM",
// "CognitoIdentityProvider"), from its endpoint prefix; an unknown prefix is its own name.
[[nodiscard]] std::string_view xray_service_name(std::string_view endpoint_prefix) noexcept;

// One call as an independent X-Ray subsegment document
// (https://docs.aws.amazon.com/xray/latest/devguide/xray-api-segmentdocuments.html):
//   {"type":"subsegment","id":<call.subsegment_id>,"trace_id":<Root>,"parent_id":<Parent>,
//    "name":"DynamoDB","namespace":"aws","start_time":<epoch s>,"end_time":<epoch s>,
//    "aws":{"operation","region","request_id","retries","table_name"},"http":{"response":{"status"}},
//    "error"/"throttle"/"fault" when they hold}
// Times have microsecond precision. Flags: a throttled call is throttle and error; any other
// refusal with a 4xx status is error; a 5xx, or no response at all, is fault. std::nullopt when
// the call has no subsegment id or its trace no Parent (the function segment it belongs under).
[[nodiscard]] std::optional<boost::json::object> xray_subsegment(const core::DependencyCall& call);

}  // namespace hub::aws
