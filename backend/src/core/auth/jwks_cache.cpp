#include "core/auth/jwks_cache.hpp"

#include <algorithm>
#include <utility>

#include "core/auth/jwt.hpp"
#include "core/log.hpp"

namespace hub::core::auth {
namespace {

std::shared_ptr<const VerificationKey> find_key(const KeySet& keys, std::string_view kid) {
  const auto found = std::ranges::find_if(keys, [&](const auto& key) { return key->kid() == kid; });
  return found == keys.end() ? nullptr : *found;
}

std::string reason_of(const Error& error) {
  std::string reason = error.detail;
  for (const auto& field : error.fields) {
    reason += ' ';
    reason += field.pointer;
    reason += ' ';
    reason += field.message;
  }
  return reason;
}

}  // namespace

JwksCache::JwksCache(std::string url_for_logs, Fetch fetch, const core::Clock& clock,
                     std::chrono::seconds refetch_interval)
    : url_(std::move(url_for_logs)),
      fetch_(std::move(fetch)),
      clock_(clock),
      refetch_interval_(refetch_interval),
      keys_(std::make_shared<const KeySet>()) {}

Result<std::shared_ptr<const VerificationKey>> JwksCache::key(std::string_view kid) const {
  if (auto known = find_key(*keys_.load(), kid)) return known;

  const std::lock_guard lock(fetch_mutex_);
  // A fetch that finished while this caller waited may have brought the key.
  if (auto known = find_key(*keys_.load(), kid)) return known;
  const bool may_fetch = !last_attempt_ || clock_.now() - *last_attempt_ >= refetch_interval_;
  if (may_fetch && fetch_now()) {
    if (auto known = find_key(*keys_.load(), kid)) return known;
  }
  return token_rejected("/header/kid", "is not one of the user pool's signing keys");
}

Status JwksCache::refresh() {
  const std::lock_guard lock(fetch_mutex_);
  return fetch_now();
}

std::size_t JwksCache::key_count() const { return keys_.load()->size(); }

Status JwksCache::fetch_now() const {
  last_attempt_ = clock_.now();
  fetch_count_.fetch_add(1);
  auto text = fetch_();
  if (!text) {
    core::logger().warning("the signing keys could not be fetched; the keys held are kept",
                           {{"jwks_url", url_}, {"reason", reason_of(text.error())}});
    return std::move(text).error();
  }
  auto keys = parse_jwks(*text);
  if (!keys) {
    core::logger().warning("the signing-key document was refused; the keys held are kept",
                           {{"jwks_url", url_}, {"reason", reason_of(keys.error())}});
    return std::move(keys).error();
  }
  core::logger().info("signing keys fetched",
                      {{"jwks_url", url_}, {"keys", json::value(static_cast<std::uint64_t>(keys->size()))}});
  keys_.store(std::make_shared<const KeySet>(std::move(keys).value()));
  return {};
}

}  // namespace hub::core::auth
