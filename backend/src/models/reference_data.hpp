#pragma once

#include <string_view>
#include <vector>

namespace hub::models {

// ISO 3166-1 alpha-2 country codes, sorted ("AD" ... "ZW").
[[nodiscard]] const std::vector<std::string_view>& country_codes();

// IANA time zone names, sorted ("Africa/Abidjan" ... "Zulu"), links included: browsers report
// either.
[[nodiscard]] const std::vector<std::string_view>& time_zone_names();

}  // namespace hub::models
