#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "models/model.hpp"

// String formats: the check applied on input and what the OpenAPI schema says of it. The
// schema's pattern accepts what the check accepts, so a client validating against the schema
// and the server agree (public_https_url's reserved names are the one exception, named in its
// description).
namespace hub::models::formats {

[[nodiscard]] bool matches(Format format, std::string_view text);
// What a value breaking the format is told, e.g. "must be an E.164 phone number such as +254700123456".
[[nodiscard]] std::string_view message(Format format) noexcept;
// The OpenAPI `format` keyword, if the format has one.
[[nodiscard]] std::optional<std::string_view> schema_format(Format format) noexcept;
// The ECMA-262 pattern equivalent to the format's check and, with `not_blank`, to "contains a
// character other than whitespace" too; nothing when neither constrains the text.
[[nodiscard]] std::optional<std::string> schema_pattern(Format format, bool not_blank);

// The host of a public https URL must not be local-only: localhost, *.localhost, *.local,
// *.internal, *.home.arpa, *.localdomain, *.test, *.invalid, *.example (RFC 6761, 6762, 8375).
[[nodiscard]] bool is_local_only_host(std::string_view host);

}  // namespace hub::models::formats
