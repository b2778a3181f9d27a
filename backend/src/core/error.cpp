#include "core/error.hpp"

#include <array>

namespace hub {
namespace {

constexpr std::array kTable{
#define HUB_ERROR_ROW(name, status, title, meaning) \
  ErrorCodeInfo{ErrorCode::name, #name, status, title, meaning},
    HUB_ERROR_CODES(HUB_ERROR_ROW)
#undef HUB_ERROR_ROW
};

}  // namespace

const std::vector<ErrorCodeInfo>& all_error_codes() {
  static const std::vector<ErrorCodeInfo> all(kTable.begin(), kTable.end());
  return all;
}

const ErrorCodeInfo& info(ErrorCode code) noexcept { return kTable.at(static_cast<std::size_t>(code)); }
std::string_view name(ErrorCode code) noexcept { return info(code).name; }
int http_status(ErrorCode code) noexcept { return info(code).http_status; }

}  // namespace hub
