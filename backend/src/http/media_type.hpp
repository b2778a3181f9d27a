#pragma once

#include <string_view>

namespace hub::http {

// True for application/json and any application/<x>+json, parameters ignored.
[[nodiscard]] bool is_json_media_type(std::string_view content_type) noexcept;

}  // namespace hub::http
