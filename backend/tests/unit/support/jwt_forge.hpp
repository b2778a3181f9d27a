#pragma once

// Test support: forges JWTs the way an identity provider, or an attacker, would. RSA keys are
// generated when a test asks for them (OpenSSL, 2048 bits by default), JWK Sets are written from
// them, and any header and payload TEXT can be signed, so malformed JSON, repeated members and
// odd types reach the verifier exactly as written.

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json/object.hpp>

namespace hub::testing {

// An RSA key pair with a key id.
class RsaSigner {
 public:
  explicit RsaSigner(std::string kid, unsigned bits = 2048);
  ~RsaSigner();
  RsaSigner(RsaSigner&&) noexcept;
  RsaSigner& operator=(RsaSigner&&) noexcept;
  RsaSigner(const RsaSigner&) = delete;
  RsaSigner& operator=(const RsaSigner&) = delete;

  [[nodiscard]] const std::string& kid() const noexcept { return kid_; }

  // The public key as a JWK: kty RSA, kid, use "sig", n, e and, unless empty, alg.
  [[nodiscard]] boost::json::object public_jwk(std::string_view alg = "RS256") const;
  [[nodiscard]] std::string public_pem() const;  // SubjectPublicKeyInfo, PEM
  [[nodiscard]] std::string public_der() const;  // SubjectPublicKeyInfo, DER
  [[nodiscard]] std::string modulus() const;     // big-endian bytes
  [[nodiscard]] std::string exponent() const;    // big-endian bytes

  // The RSASSA-PKCS1-v1_5 signature of `input` with RS256, RS384 or RS512's digest.
  [[nodiscard]] std::string sign(std::string_view input, std::string_view alg = "RS256") const;

  // base64url(header_json).base64url(payload_json).base64url(signature), both texts encoded as
  // given.
  [[nodiscard]] std::string token(std::string_view header_json, std::string_view payload_json,
                                  std::string_view alg = "RS256") const;

 private:
  struct Key;
  std::string kid_;
  std::unique_ptr<Key> key_;
};

// {"keys":[...]} as text.
[[nodiscard]] std::string jwks_document(const std::vector<boost::json::object>& keys);

// base64url(header_json).base64url(payload_json).base64url(signature): any signature bytes,
// none at all giving a token that ends in '.'.
[[nodiscard]] std::string assemble_token(std::string_view header_json, std::string_view payload_json,
                                         std::string_view signature);

// A token signed with HMAC-SHA256 under `secret` (the HS256 confusion attack: a verifier that
// let the token choose its algorithm would use the RSA public key as the HMAC secret).
[[nodiscard]] std::string hs256_token(std::string_view secret, std::string_view header_json,
                                      std::string_view payload_json);

// {"alg":alg,"kid":kid} as text.
[[nodiscard]] std::string jws_header(std::string_view kid, std::string_view alg = "RS256");

// What Cognito puts in an ID token and an access token issued at `now` (seconds since the epoch),
// valid for an hour.
[[nodiscard]] boost::json::object cognito_id_claims(std::string_view issuer, std::string_view client_id,
                                                    std::int64_t now);
[[nodiscard]] boost::json::object cognito_access_claims(std::string_view issuer, std::string_view client_id,
                                                        std::int64_t now);

[[nodiscard]] std::string json_text(const boost::json::object& object);

}  // namespace hub::testing
