#include "http/media_type.hpp"

#include "core/text.hpp"
#include "http/headers.hpp"

namespace hub::http {

bool is_json_media_type(std::string_view content_type) noexcept {
  const auto type = core::trim(content_type.substr(0, content_type.find(';')));
  if (iequals(type, "application/json")) return true;
  constexpr std::string_view kPrefix = "application/";
  constexpr std::string_view kSuffix = "+json";
  return type.size() > kPrefix.size() + kSuffix.size() && iequals(type.substr(0, kPrefix.size()), kPrefix) &&
         iequals(type.substr(type.size() - kSuffix.size()), kSuffix);
}

}  // namespace hub::http
