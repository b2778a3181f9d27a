#pragma once

#include <span>
#include <string>
#include <string_view>

#include "aws/attribute_value.hpp"
#include "core/result.hpp"

namespace hub::data {

// Pagination cursors: opaque to clients, meaningful only to the listing that made them.
//
// A cursor is base64url (no padding) of
//   format (1 byte, 1) | query fingerprint (16 bytes) | last key (DynamoDB JSON) | HMAC-SHA256 (32 bytes)
// where the fingerprint is the first half of SHA-256 of a text naming the listing (table, index,
// key condition and its values, filter, direction) and the HMAC, keyed with HUB_PAGINATION_KEY,
// covers everything before it. So a cursor that was altered, made for another listing (another
// user's activity, another filter) or by another key, or written in another format, is
// INVALID_CURSOR; a valid one yields the exact key to resume from.
class CursorCodec {
 public:
  static constexpr std::size_t kMaxCursorLength = 2048;

  explicit CursorCodec(std::string key) : key_(std::move(key)) {}

  [[nodiscard]] std::string encode(const aws::Item& last_key, std::string_view fingerprint) const;

  // The key to resume from. It must hold exactly `key_attributes`, each a string.
  [[nodiscard]] Result<aws::Item> decode(std::string_view cursor, std::string_view fingerprint,
                                         std::span<const std::string_view> key_attributes) const;

 private:
  std::string key_;
};

// The error every bad cursor gets (one code, whatever the reason: a client cannot act on more).
[[nodiscard]] Error invalid_cursor_error();

}  // namespace hub::data
