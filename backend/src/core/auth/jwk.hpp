#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <openssl/types.h>

#include "core/result.hpp"

namespace hub::core::auth {

// The signature algorithms a verifier can be configured to accept: RSASSA-PKCS1-v1_5 with
// SHA-256, SHA-384 or SHA-512 (RFC 7518 §3.3). Everything else (none, HS*, ES*, PS*) is refused.
[[nodiscard]] bool is_supported_algorithm(std::string_view alg) noexcept;

// Bounds on the RSA keys accepted from a key set.
inline constexpr std::size_t kMinRsaModulusBits = 2048;
inline constexpr std::size_t kMaxRsaModulusBits = 8192;

// One public signing key of the user pool: an RSA key (held as an OpenSSL EVP_PKEY, immutable
// and safe to use from many threads at once), its key id and, when the JWK names one, the one
// algorithm it may be used with.
class VerificationKey {
 public:
  // From the big-endian modulus and public exponent; std::nullopt when OpenSSL refuses them.
  // The caller has checked their sizes (parse_jwks does).
  [[nodiscard]] static std::optional<VerificationKey> rsa(std::string kid, std::optional<std::string> alg,
                                                          std::string_view modulus,
                                                          std::string_view exponent);

  [[nodiscard]] const std::string& kid() const noexcept { return kid_; }
  [[nodiscard]] const std::optional<std::string>& alg() const noexcept { return alg_; }
  // The modulus length in bytes: the length of every valid signature under this key.
  [[nodiscard]] std::size_t signature_size() const noexcept { return signature_size_; }

  // Whether `signature` is a valid `alg` signature of `signing_input` under this key. False for
  // an unsupported alg and for a signature of the wrong length, without asking OpenSSL.
  [[nodiscard]] bool verify(std::string_view alg, std::string_view signing_input,
                            std::string_view signature) const;

 private:
  struct PkeyDeleter {
    void operator()(EVP_PKEY* key) const noexcept;
  };

  VerificationKey(std::string kid, std::optional<std::string> alg, EVP_PKEY* key, std::size_t signature_size);

  std::string kid_;
  std::optional<std::string> alg_;
  std::unique_ptr<EVP_PKEY, PkeyDeleter> key_;
  std::size_t signature_size_ = 0;
};

using KeySet = std::vector<std::shared_ptr<const VerificationKey>>;

// Reads a JWK Set (RFC 7517 §5) as Cognito publishes it, strictly: a JSON object (no repeated
// member names) whose "keys" is an array of objects. Keys whose kty is not "RSA" are skipped.
// An RSA key needs a non-empty kid (at most 256 characters) and n and e in canonical base64url
// (minimal, no leading zero byte); the modulus is 2048 to 8192 bits and odd, the exponent odd,
// at least 3 and at most 32 bits. `use`, when present, must be "sig"; `alg` one of the supported
// algorithms; `key_ops` an array including "verify"; a key with private members (d, p, q, ...)
// is refused. Two keys with the same kid, no usable key at all, or any bad key refuse the whole
// document: DEPENDENCY_UNAVAILABLE with one field pointing at the problem ("/keys/1/n").
[[nodiscard]] Result<KeySet> parse_jwks(std::string_view text);

}  // namespace hub::core::auth
