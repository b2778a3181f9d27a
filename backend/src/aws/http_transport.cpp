#include "aws/http_transport.hpp"

#include <boost/algorithm/string/predicate.hpp>

namespace hub::aws {

std::string_view HttpResponse::header(std::string_view name) const noexcept {
  for (const auto& [key, value] : headers) {
    if (boost::algorithm::iequals(key, name)) return value;
  }
  return {};
}

}  // namespace hub::aws
