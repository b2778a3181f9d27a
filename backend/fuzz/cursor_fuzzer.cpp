// Pagination cursors (data::CursorCodec). Each input is used twice:
//  - as a cursor from a client, as it stands;
//  - as the last-key document inside a cursor the harness signs with the codec's key, so the
//    decoding behind the MAC (format, fingerprint, JSON, DynamoDB JSON, key attributes) is reached.
//
// Invariants:
//  - decoding never throws; every refusal is INVALID_CURSOR pointing at /query/cursor;
//  - a cursor from a client decodes only if it is one the codec wrote: it encodes back to itself;
//  - a decoded key holds exactly the listing's key attributes, each a string, and encodes to a
//    cursor that decodes to the same key;
//  - a signed cursor is refused by another listing (fingerprint), another key, another format.

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "aws/attribute_value.hpp"
#include "aws/crypto.hpp"
#include "core/base64.hpp"
#include "data/cursor.hpp"
#include "data/keys.hpp"
#include "fuzz_support.hpp"

namespace {

using hub::fuzz::require;
namespace data = hub::data;

constexpr std::string_view kKey = "fuzz-pagination-key";
constexpr std::string_view kListing = "hub-table\n\nPK = :pk\n\n{\":pk\":{\"S\":\"USER#01\"}}\n\ndesc";
constexpr std::string_view kOtherListing = "hub-table\n\nPK = :pk\n\n{\":pk\":{\"S\":\"USER#02\"}}\n\ndesc";
constexpr std::array<std::string_view, 2> kTableKey = {data::keys::kPk, data::keys::kSk};
constexpr std::array<std::string_view, 4> kIndexKey = {data::keys::kPk, data::keys::kSk, data::keys::kGsi1Pk,
                                                       data::keys::kGsi1Sk};
// The listings' two key shapes: the table's and an index's.
constexpr std::array<std::span<const std::string_view>, 2> kKeyShapes = {kTableKey, kIndexKey};
constexpr std::size_t kFingerprintBytes = 16;

const data::CursorCodec& codec() {
  static const data::CursorCodec instance{std::string(kKey)};
  return instance;
}

std::string bytes_of(const hub::aws::Sha256Digest& digest, std::size_t count) {
  return {reinterpret_cast<const char*>(digest.data()), count};  // NOLINT(*-reinterpret-cast)
}

// A cursor in the codec's layout: format | fingerprint | last key | HMAC-SHA256 of what precedes.
std::string signed_cursor(char format, std::string_view listing, std::string_view last_key,
                          std::string_view key) {
  std::string payload(1, format);
  payload += bytes_of(hub::aws::sha256(listing), kFingerprintBytes);
  payload += last_key;
  payload += bytes_of(hub::aws::hmac_sha256(key, payload), sizeof(hub::aws::Sha256Digest));
  return hub::core::base64url_encode(payload);
}

bool refused(const hub::Result<hub::aws::Item>& result) {
  if (result) return false;
  const auto& error = result.error();
  require(error.code == hub::ErrorCode::INVALID_CURSOR, "a refused cursor is INVALID_CURSOR");
  require(error.fields.size() == 1 && error.fields.front().pointer == "/query/cursor",
          "a refused cursor points at /query/cursor");
  return true;
}

void check_key(const hub::aws::Item& key, std::span<const std::string_view> attributes) {
  require(key.size() == attributes.size(), "a decoded key holds exactly the key attributes");
  for (const auto name : attributes) {
    const auto found = key.find(name);
    require(found != key.end() && found->second.as_string() != nullptr, "each key attribute is a string");
  }
  const std::string again = codec().encode(key, kListing);
  const auto decoded = codec().decode(again, kListing, attributes);
  require(decoded.ok() && *decoded == key, "a decoded key encodes to a cursor that decodes to it");
  require(refused(codec().decode(again, kOtherListing, attributes)), "another listing refuses the cursor");
}

void check_client_cursor(std::string_view cursor) {
  for (const auto attributes : kKeyShapes) {
    const auto decoded = codec().decode(cursor, kListing, attributes);
    if (refused(decoded)) continue;
    require(codec().encode(*decoded, kListing) == cursor,
            "a client's cursor decodes only if the codec wrote it");
    check_key(*decoded, attributes);
  }
}

void check_signed_cursor(std::string_view last_key) {
  const std::string cursor = signed_cursor('\x01', kListing, last_key, kKey);
  const bool too_long = cursor.size() > data::CursorCodec::kMaxCursorLength;
  for (const auto attributes : kKeyShapes) {
    const auto decoded = codec().decode(cursor, kListing, attributes);
    if (refused(decoded)) continue;
    require(!too_long, "a cursor longer than the limit is refused");
    check_key(*decoded, attributes);
    require(refused(codec().decode(cursor, kOtherListing, attributes)), "another listing refuses the cursor");
    require(refused(codec().decode(signed_cursor('\x01', kListing, last_key, "another-key"), kListing,
                                   attributes)),
            "a cursor signed with another key is refused");
    require(refused(codec().decode(signed_cursor('\x02', kListing, last_key, kKey), kListing, attributes)),
            "a cursor of another format is refused");
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text = hub::fuzz::as_text(data, size);
  check_client_cursor(text);
  check_signed_cursor(text);
  return 0;
}
