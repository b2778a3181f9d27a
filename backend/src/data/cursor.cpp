#include "data/cursor.hpp"

#include <algorithm>
#include <cstdint>

#include <openssl/crypto.h>

#include "aws/crypto.hpp"
#include "aws/dynamodb_json.hpp"
#include "core/base64.hpp"
#include "core/json.hpp"

namespace hub::data {
namespace {

constexpr std::uint8_t kFormat = 1;
constexpr std::size_t kFingerprintBytes = 16;
constexpr std::size_t kMacBytes = 32;

std::string fingerprint_bytes(std::string_view fingerprint) {
  const auto digest = aws::sha256(fingerprint);
  return {reinterpret_cast<const char*>(digest.data()), kFingerprintBytes};  // NOLINT(*-reinterpret-cast)
}

std::string mac(std::string_view key, std::string_view payload) {
  const auto digest = aws::hmac_sha256(key, payload);
  return {reinterpret_cast<const char*>(digest.data()), digest.size()};  // NOLINT(*-reinterpret-cast)
}

}  // namespace

Error invalid_cursor_error() {
  return Error{ErrorCode::INVALID_CURSOR,
               "The cursor is not valid for this listing; start again without a cursor.",
               {{"/query/cursor", "is not a cursor this listing issued"}},
               {}};
}

std::string CursorCodec::encode(const aws::Item& last_key, std::string_view fingerprint) const {
  std::string payload;
  payload.push_back(static_cast<char>(kFormat));
  payload += fingerprint_bytes(fingerprint);
  payload += to_json_text(aws::to_json(last_key));
  payload += mac(key_, payload);
  return core::base64url_encode(payload);
}

Result<aws::Item> CursorCodec::decode(std::string_view cursor, std::string_view fingerprint,
                                      std::span<const std::string_view> key_attributes) const {
  if (cursor.empty() || cursor.size() > kMaxCursorLength) return invalid_cursor_error();
  const auto raw = core::base64url_decode(cursor);
  if (!raw || raw->size() < 1 + kFingerprintBytes + 2 + kMacBytes) return invalid_cursor_error();
  if (static_cast<std::uint8_t>(raw->front()) != kFormat) return invalid_cursor_error();

  const std::string_view payload{raw->data(), raw->size() - kMacBytes};
  const std::string expected = mac(key_, payload);
  if (CRYPTO_memcmp(expected.data(), raw->data() + payload.size(), kMacBytes) != 0) {
    return invalid_cursor_error();
  }
  if (payload.substr(1, kFingerprintBytes) != fingerprint_bytes(fingerprint)) return invalid_cursor_error();

  // Signed by us, so well-formed unless the key leaked; checked all the same.
  auto json = parse_json(payload.substr(1 + kFingerprintBytes));
  if (!json) return invalid_cursor_error();
  auto item = aws::item_from_json(*json);
  if (!item || item->size() != key_attributes.size()) return invalid_cursor_error();
  const bool all_strings = std::ranges::all_of(key_attributes, [&](std::string_view name) {
    const auto it = item->find(name);
    return it != item->end() && it->second.as_string() != nullptr;
  });
  if (!all_strings) return invalid_cursor_error();
  return std::move(item).value();
}

}  // namespace hub::data
