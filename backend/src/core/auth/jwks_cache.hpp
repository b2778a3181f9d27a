#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "core/auth/jwk.hpp"
#include "core/clock.hpp"
#include "core/result.hpp"

namespace hub::core::auth {

// Where a verifier finds the key a token names.
class KeySource {
 public:
  virtual ~KeySource() = default;
  // The key with this kid; UNAUTHENTICATED {"/header/kid", ...} when there is none.
  [[nodiscard]] virtual Result<std::shared_ptr<const VerificationKey>> key(std::string_view kid) const = 0;
};

// The user pool's signing keys, fetched from its JWKS URL and held as an immutable snapshot:
// a token naming a known kid is verified without waiting on any lock or fetch. A kid not in the
// snapshot (the pool rotated its keys) refetches the document, but at most once per
// `refetch_interval` whatever the number of callers or kids, so a flood of made-up kids cannot
// turn into a flood of requests to the identity provider; callers arriving while that fetch runs
// wait for it and then look again. A failed fetch (logged with the URL and the reason) keeps the
// keys already held, so they keep working; the unknown kid fails closed.
class JwksCache final : public KeySource {
 public:
  // The document's text, or an error saying why it could not be fetched (e.g. aws::fetch_document).
  using Fetch = std::function<Result<std::string>()>;

  JwksCache(std::string url_for_logs, Fetch fetch, const core::Clock& clock,
            std::chrono::seconds refetch_interval);

  [[nodiscard]] Result<std::shared_ptr<const VerificationKey>> key(std::string_view kid) const override;

  // Fetches the document now, whatever the interval (a prefetch at start); the failure is the
  // fetch's or the document's, and leaves the keys held as they were. Counts as an attempt for
  // the interval.
  Status refresh();

  // How many fetches were attempted (successful or not) since construction.
  [[nodiscard]] std::uint64_t fetch_count() const noexcept { return fetch_count_.load(); }
  // How many keys are held now.
  [[nodiscard]] std::size_t key_count() const;

 private:
  [[nodiscard]] Status fetch_now() const;  // fetch_mutex_ held

  std::string url_;
  Fetch fetch_;
  const core::Clock& clock_;
  std::chrono::seconds refetch_interval_;

  mutable std::atomic<std::shared_ptr<const KeySet>> keys_;
  mutable std::mutex fetch_mutex_;                        // one fetch at a time
  mutable std::optional<core::SystemTime> last_attempt_;  // guarded by fetch_mutex_
  mutable std::atomic<std::uint64_t> fetch_count_{0};
};

}  // namespace hub::core::auth
