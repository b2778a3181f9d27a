#include "support/jwt_forge.hpp"

#include <array>
#include <stdexcept>
#include <utility>

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>
#include <boost/json/serialize.hpp>

#include "core/base64.hpp"

namespace hub::testing {
namespace {

void require(bool ok, const char* what) {
  if (!ok) throw std::runtime_error(std::string("jwt_forge: ") + what);
}

// OpenSSL speaks unsigned char; these are the only casts between the two.
const unsigned char* bytes_of(std::string_view text) {
  // NOLINTNEXTLINE(cppcoreguidelines-pro-type-reinterpret-cast)
  return reinterpret_cast<const unsigned char*>(text.data());
}
unsigned char* writable_bytes(std::string& text) {
  // NOLINTNEXTLINE(cppcoreguidelines-pro-type-reinterpret-cast)
  return reinterpret_cast<unsigned char*>(text.data());
}
std::string from_bytes(const unsigned char* data, std::size_t size) {
  // NOLINTNEXTLINE(cppcoreguidelines-pro-type-reinterpret-cast)
  return {reinterpret_cast<const char*>(data), size};
}

const char* digest_name(std::string_view alg) {
  if (alg == "RS256") return "SHA2-256";
  if (alg == "RS384") return "SHA2-384";
  if (alg == "RS512") return "SHA2-512";
  throw std::invalid_argument("jwt_forge: not an RS* algorithm");
}

}  // namespace

struct RsaSigner::Key {
  EVP_PKEY* pkey = nullptr;
  Key() = default;
  Key(const Key&) = delete;
  Key& operator=(const Key&) = delete;
  Key(Key&&) = delete;
  Key& operator=(Key&&) = delete;
  ~Key() { EVP_PKEY_free(pkey); }

  [[nodiscard]] std::string big_endian(const char* name) const {
    BIGNUM* bn = nullptr;
    require(EVP_PKEY_get_bn_param(pkey, name, &bn) == 1, "reading a key parameter");
    std::string out(static_cast<std::size_t>(BN_num_bytes(bn)), '\0');
    BN_bn2bin(bn, writable_bytes(out));
    BN_free(bn);
    return out;
  }
};

RsaSigner::RsaSigner(std::string kid, unsigned bits) : kid_(std::move(kid)), key_(std::make_unique<Key>()) {
  // NOLINTNEXTLINE(cppcoreguidelines-pro-type-vararg)
  key_->pkey = EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", static_cast<std::size_t>(bits));
  require(key_->pkey != nullptr, "generating an RSA key");
}

RsaSigner::~RsaSigner() = default;
RsaSigner::RsaSigner(RsaSigner&&) noexcept = default;
RsaSigner& RsaSigner::operator=(RsaSigner&&) noexcept = default;

std::string RsaSigner::modulus() const { return key_->big_endian(OSSL_PKEY_PARAM_RSA_N); }
std::string RsaSigner::exponent() const { return key_->big_endian(OSSL_PKEY_PARAM_RSA_E); }

boost::json::object RsaSigner::public_jwk(std::string_view alg) const {
  boost::json::object jwk{{"kty", "RSA"},
                          {"kid", kid_},
                          {"use", "sig"},
                          {"n", core::base64url_encode(modulus())},
                          {"e", core::base64url_encode(exponent())}};
  if (!alg.empty()) jwk["alg"] = alg;
  return jwk;
}

std::string RsaSigner::public_pem() const {
  BIO* bio = BIO_new(BIO_s_mem());
  require(bio != nullptr && PEM_write_bio_PUBKEY(bio, key_->pkey) == 1, "writing PEM");
  char* data = nullptr;
  // NOLINTNEXTLINE(google-runtime-int,cppcoreguidelines-pro-type-vararg): BIO_get_mem_data's own types
  const long size = BIO_get_mem_data(bio, &data);
  std::string out(data, static_cast<std::size_t>(size));
  BIO_free(bio);
  return out;
}

std::string RsaSigner::public_der() const {
  unsigned char* data = nullptr;
  const int size = i2d_PUBKEY(key_->pkey, &data);
  require(size > 0, "writing DER");
  std::string out = from_bytes(data, static_cast<std::size_t>(size));
  OPENSSL_free(data);
  return out;
}

std::string RsaSigner::sign(std::string_view input, std::string_view alg) const {
  EVP_MD_CTX* context = EVP_MD_CTX_new();
  std::size_t size = 0;
  require(context != nullptr &&
              EVP_DigestSignInit_ex(context, nullptr, digest_name(alg), nullptr, nullptr, key_->pkey,
                                    nullptr) == 1 &&
              EVP_DigestSign(context, nullptr, &size, bytes_of(input), input.size()) == 1,
          "preparing a signature");
  std::string signature(size, '\0');
  require(EVP_DigestSign(context, writable_bytes(signature), &size, bytes_of(input), input.size()) == 1,
          "signing");
  EVP_MD_CTX_free(context);
  signature.resize(size);
  return signature;
}

std::string RsaSigner::token(std::string_view header_json, std::string_view payload_json,
                             std::string_view alg) const {
  const std::string input = core::base64url_encode(header_json) + "." + core::base64url_encode(payload_json);
  return input + "." + core::base64url_encode(sign(input, alg));
}

std::string jwks_document(const std::vector<boost::json::object>& keys) {
  boost::json::array array;
  for (const auto& key : keys) array.emplace_back(key);
  return boost::json::serialize(boost::json::object{{"keys", std::move(array)}});
}

std::string assemble_token(std::string_view header_json, std::string_view payload_json,
                           std::string_view signature) {
  return core::base64url_encode(header_json) + "." + core::base64url_encode(payload_json) + "." +
         core::base64url_encode(signature);
}

std::string hs256_token(std::string_view secret, std::string_view header_json,
                        std::string_view payload_json) {
  const std::string input = core::base64url_encode(header_json) + "." + core::base64url_encode(payload_json);
  std::array<unsigned char, EVP_MAX_MD_SIZE> mac{};
  std::size_t size = 0;
  require(EVP_Q_mac(nullptr, "HMAC", nullptr, "SHA2-256", nullptr, secret.data(), secret.size(),
                    bytes_of(input), input.size(), mac.data(), mac.size(), &size) != nullptr,
          "HMAC");
  return input + "." + core::base64url_encode(from_bytes(mac.data(), size));
}

std::string jws_header(std::string_view kid, std::string_view alg) {
  return boost::json::serialize(boost::json::object{{"alg", alg}, {"kid", kid}});
}

boost::json::object cognito_id_claims(std::string_view issuer, std::string_view client_id, std::int64_t now) {
  return {{"sub", "5f1c2a8e-0b7d-4c41-9a4e-3f2d6b1e9c70"},
          {"cognito:groups", boost::json::array{"editor"}},
          {"email_verified", true},
          {"iss", issuer},
          {"cognito:username", "amina"},
          {"origin_jti", "3b1f9b0e-5f3c-4a64-8d7e-2f9e0c1d4a55"},
          {"aud", client_id},
          {"event_id", "e6a1c0d4-2b9f-4f1e-8c3a-7d5b9e2f1a08"},
          {"token_use", "id"},
          {"auth_time", now},
          {"exp", now + 3600},
          {"iat", now},
          {"jti", "a4c2e9f1-7b3d-4e8a-9f6c-1d2b3e4f5a6b"},
          {"email", "amina@example.org"}};
}

boost::json::object cognito_access_claims(std::string_view issuer, std::string_view client_id,
                                          std::int64_t now) {
  return {{"sub", "5f1c2a8e-0b7d-4c41-9a4e-3f2d6b1e9c70"},
          {"cognito:groups", boost::json::array{"editor"}},
          {"iss", issuer},
          {"client_id", client_id},
          {"origin_jti", "3b1f9b0e-5f3c-4a64-8d7e-2f9e0c1d4a55"},
          {"event_id", "e6a1c0d4-2b9f-4f1e-8c3a-7d5b9e2f1a08"},
          {"token_use", "access"},
          {"scope", "aws.cognito.signin.user.admin openid email"},
          {"auth_time", now},
          {"exp", now + 3600},
          {"iat", now},
          {"jti", "b7d3f0a2-8c4e-4f9b-a07d-2e3c4f5a6b7c"},
          {"username", "amina"}};
}

std::string json_text(const boost::json::object& object) { return boost::json::serialize(object); }

}  // namespace hub::testing
