#include "aws/attribute_value.hpp"

namespace hub::aws {

std::string_view kind_name(AttributeValue::Kind kind) noexcept {
  using K = AttributeValue::Kind;
  switch (kind) {
    case K::S:
      return "S";
    case K::N:
      return "N";
    case K::B:
      return "B";
    case K::BOOL:
      return "BOOL";
    case K::NUL:
      return "NULL";
    case K::M:
      return "M";
    case K::L:
      return "L";
    case K::SS:
      return "SS";
    case K::NS:
      return "NS";
    case K::BS:
      return "BS";
  }
  return "?";
}

}  // namespace hub::aws
