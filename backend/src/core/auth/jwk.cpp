#include "core/auth/jwk.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <utility>

#include <openssl/core_names.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>
#include <openssl/rsa.h>

#include "core/auth/strict_json.hpp"
#include "core/base64.hpp"
#include "core/json.hpp"

namespace hub::core::auth {
namespace {

constexpr std::size_t kMaxKidLength = 256;
constexpr std::size_t kMaxJwksDepth = 8;
constexpr std::size_t kMaxExponentBytes = 4;

struct MdDeleter {
  void operator()(EVP_MD* md) const noexcept { EVP_MD_free(md); }
};
using MdPtr = std::unique_ptr<EVP_MD, MdDeleter>;

struct MdCtxDeleter {
  void operator()(EVP_MD_CTX* ctx) const noexcept { EVP_MD_CTX_free(ctx); }
};
struct PkeyCtxDeleter {
  void operator()(EVP_PKEY_CTX* ctx) const noexcept { EVP_PKEY_CTX_free(ctx); }
};
struct BnDeleter {
  void operator()(BIGNUM* bn) const noexcept { BN_free(bn); }
};
struct ParamBldDeleter {
  void operator()(OSSL_PARAM_BLD* bld) const noexcept { OSSL_PARAM_BLD_free(bld); }
};
struct ParamDeleter {
  void operator()(OSSL_PARAM* params) const noexcept { OSSL_PARAM_free(params); }
};

// The digests, fetched once: an explicit fetch saves the implicit one per signature.
struct Digests {
  MdPtr sha256{EVP_MD_fetch(nullptr, "SHA2-256", nullptr)};
  MdPtr sha384{EVP_MD_fetch(nullptr, "SHA2-384", nullptr)};
  MdPtr sha512{EVP_MD_fetch(nullptr, "SHA2-512", nullptr)};
};

const EVP_MD* digest_for(std::string_view alg) noexcept {
  static const Digests digests;
  if (alg == "RS256") return digests.sha256.get();
  if (alg == "RS384") return digests.sha384.get();
  if (alg == "RS512") return digests.sha512.get();
  return nullptr;
}

const unsigned char* bytes_of(std::string_view text) noexcept {
  // NOLINTNEXTLINE(cppcoreguidelines-pro-type-reinterpret-cast): OpenSSL takes bytes as unsigned char
  return reinterpret_cast<const unsigned char*>(text.data());
}

BIGNUM* to_bignum(std::string_view big_endian) noexcept {
  return BN_bin2bn(bytes_of(big_endian), static_cast<int>(big_endian.size()), nullptr);
}

Error unusable(std::string pointer, std::string_view message) {
  return Error{ErrorCode::DEPENDENCY_UNAVAILABLE,
               "The user pool's signing-key document is not usable.",
               {{std::move(pointer), std::string(message)}},
               {}};
}

// A member that must be a string when present; nullptr when absent.
Result<const json::string*> optional_string(const json::object& key, std::string_view name,
                                            const std::string& pointer) {
  const json::value* value = key.if_contains(name);
  if (value == nullptr) return static_cast<const json::string*>(nullptr);
  if (!value->is_string()) return unusable(pointer + "/" + std::string(name), "must be a string");
  return &value->get_string();
}

// A big-endian unsigned integer in canonical base64url with no leading zero byte (RFC 7518
// §6.3.1.1: the minimum number of octets).
Result<std::string> unsigned_integer(const json::object& key, std::string_view name,
                                     const std::string& pointer) {
  const std::string member = pointer + "/" + std::string(name);
  auto text = optional_string(key, name, pointer);
  if (!text) return std::move(text).error();
  if (*text == nullptr) return unusable(member, "is missing");
  auto bytes = base64url_decode(**text);
  if (!bytes || bytes->empty()) return unusable(member, "is not canonical base64url");
  if (bytes->front() == '\0') return unusable(member, "has a leading zero byte");
  if ((static_cast<unsigned char>(bytes->back()) & 1U) == 0) return unusable(member, "must be odd");
  return std::move(*bytes);
}

Status check_modulus(std::string_view modulus, const std::string& pointer) {
  const auto leading =
      static_cast<std::size_t>(std::countl_zero(static_cast<unsigned char>(modulus.front())));
  const std::size_t bits = modulus.size() * 8 - leading;
  if (bits < kMinRsaModulusBits) return unusable(pointer + "/n", "is shorter than 2048 bits");
  if (bits > kMaxRsaModulusBits) return unusable(pointer + "/n", "is longer than 8192 bits");
  return {};
}

Status check_exponent(std::string_view exponent, const std::string& pointer) {
  if (exponent.size() > kMaxExponentBytes || (exponent.size() == 1 && exponent.front() == '\1')) {
    return unusable(pointer + "/e", "must be an odd number from 3 to 2^32-1");
  }
  return {};
}

// use, alg and key_ops, when present, must allow verifying signatures; private members must not
// be there at all (a published private key signs for anyone).
Status check_purpose(const json::object& key, const std::string& pointer) {
  for (const std::string_view name : {"d", "p", "q", "dp", "dq", "qi", "oth"}) {
    if (key.contains(name)) return unusable(pointer + "/" + std::string(name), "is a private key member");
  }
  auto use = optional_string(key, "use", pointer);
  if (!use) return std::move(use).error();
  if (*use != nullptr && **use != "sig") return unusable(pointer + "/use", "must be \"sig\"");
  auto alg = optional_string(key, "alg", pointer);
  if (!alg) return std::move(alg).error();
  if (*alg != nullptr && !is_supported_algorithm(**alg)) {
    return unusable(pointer + "/alg", "is not a supported algorithm");
  }
  if (const json::value* ops = key.if_contains("key_ops")) {
    const bool strings = ops->is_array() && std::ranges::all_of(ops->get_array(), &json::value::is_string);
    if (!strings) return unusable(pointer + "/key_ops", "must be an array of strings");
    const json::value verify("verify");
    if (std::ranges::find(ops->get_array(), verify) == ops->get_array().end()) {
      return unusable(pointer + "/key_ops", "does not include \"verify\"");
    }
  }
  return {};
}

Result<std::shared_ptr<const VerificationKey>> read_rsa_key(const json::object& key, std::string kid,
                                                            const std::string& pointer) {
  if (auto purpose = check_purpose(key, pointer); !purpose) return std::move(purpose).error();
  auto modulus = unsigned_integer(key, "n", pointer);
  if (!modulus) return std::move(modulus).error();
  if (auto ok = check_modulus(*modulus, pointer); !ok) return std::move(ok).error();
  auto exponent = unsigned_integer(key, "e", pointer);
  if (!exponent) return std::move(exponent).error();
  if (auto ok = check_exponent(*exponent, pointer); !ok) return std::move(ok).error();

  std::optional<std::string> alg;
  if (const json::value* value = key.if_contains("alg")) alg = std::string(value->get_string());
  auto made = VerificationKey::rsa(std::move(kid), std::move(alg), *modulus, *exponent);
  if (!made) return unusable(pointer, "is not a usable RSA public key");
  return std::make_shared<const VerificationKey>(std::move(*made));
}

// The key's kid: a non-empty string of at most 256 characters, or absent (std::nullopt).
Result<std::optional<std::string>> kid_of(const json::object& key, const std::string& pointer) {
  auto kid = optional_string(key, "kid", pointer);
  if (!kid) return std::move(kid).error();
  if (*kid == nullptr) return std::optional<std::string>{};
  if ((*kid)->empty() || (*kid)->size() > kMaxKidLength) {
    return unusable(pointer + "/kid", "must be 1 to 256 characters");
  }
  return std::optional<std::string>{std::string(**kid)};
}

}  // namespace

bool is_supported_algorithm(std::string_view alg) noexcept {
  return alg == "RS256" || alg == "RS384" || alg == "RS512";
}

void VerificationKey::PkeyDeleter::operator()(EVP_PKEY* key) const noexcept { EVP_PKEY_free(key); }

VerificationKey::VerificationKey(std::string kid, std::optional<std::string> alg, EVP_PKEY* key,
                                 std::size_t signature_size)
    : kid_(std::move(kid)), alg_(std::move(alg)), key_(key), signature_size_(signature_size) {}

std::optional<VerificationKey> VerificationKey::rsa(std::string kid, std::optional<std::string> alg,
                                                    std::string_view modulus, std::string_view exponent) {
  const std::unique_ptr<BIGNUM, BnDeleter> n(to_bignum(modulus));
  const std::unique_ptr<BIGNUM, BnDeleter> e(to_bignum(exponent));
  const std::unique_ptr<OSSL_PARAM_BLD, ParamBldDeleter> builder(OSSL_PARAM_BLD_new());
  if (!n || !e || !builder || OSSL_PARAM_BLD_push_BN(builder.get(), OSSL_PKEY_PARAM_RSA_N, n.get()) != 1 ||
      OSSL_PARAM_BLD_push_BN(builder.get(), OSSL_PKEY_PARAM_RSA_E, e.get()) != 1) {
    return std::nullopt;
  }
  const std::unique_ptr<OSSL_PARAM, ParamDeleter> params(OSSL_PARAM_BLD_to_param(builder.get()));
  const std::unique_ptr<EVP_PKEY_CTX, PkeyCtxDeleter> context(
      EVP_PKEY_CTX_new_from_name(nullptr, "RSA", nullptr));
  EVP_PKEY* key = nullptr;
  if (!params || !context || EVP_PKEY_fromdata_init(context.get()) != 1 ||
      EVP_PKEY_fromdata(context.get(), &key, EVP_PKEY_PUBLIC_KEY, params.get()) != 1) {
    ERR_clear_error();
    return std::nullopt;
  }
  const int size = EVP_PKEY_get_size(key);
  if (size <= 0) {
    EVP_PKEY_free(key);
    return std::nullopt;
  }
  return VerificationKey(std::move(kid), std::move(alg), key, static_cast<std::size_t>(size));
}

bool VerificationKey::verify(std::string_view alg, std::string_view signing_input,
                             std::string_view signature) const {
  const EVP_MD* digest = digest_for(alg);
  if (digest == nullptr || signature.size() != signature_size_) return false;
  const std::unique_ptr<EVP_MD_CTX, MdCtxDeleter> context(EVP_MD_CTX_new());
  EVP_PKEY_CTX* key_context = nullptr;  // owned by `context`
  const bool valid = context &&
                     EVP_DigestVerifyInit(context.get(), &key_context, digest, nullptr, key_.get()) == 1 &&
                     EVP_PKEY_CTX_set_rsa_padding(key_context, RSA_PKCS1_PADDING) == 1 &&
                     EVP_DigestVerify(context.get(), bytes_of(signature), signature.size(),
                                      bytes_of(signing_input), signing_input.size()) == 1;
  if (!valid) ERR_clear_error();  // a bad signature leaves errors on the thread's queue
  return valid;
}

Result<KeySet> parse_jwks(std::string_view text) {
  auto document = parse_strict_json(text, kMaxJwksDepth);
  if (!document) return unusable(document.error().pointer, document.error().message);
  const json::value* keys = document->is_object() ? document->get_object().if_contains("keys") : nullptr;
  if (keys == nullptr || !keys->is_array()) return unusable("/keys", "must be an array");

  KeySet out;
  std::vector<std::string> kids;
  for (std::size_t i = 0; i < keys->get_array().size(); ++i) {
    const std::string pointer = "/keys/" + std::to_string(i);
    const json::value& entry = keys->get_array()[i];
    if (!entry.is_object()) return unusable(pointer, "must be an object");
    const json::object& key = entry.get_object();
    auto kid = kid_of(key, pointer);
    if (!kid) return std::move(kid).error();
    if (*kid && std::ranges::find(kids, **kid) != kids.end())
      return unusable(pointer + "/kid", "is repeated");
    if (*kid) kids.push_back(**kid);
    auto kty = optional_string(key, "kty", pointer);
    if (!kty) return std::move(kty).error();
    if (*kty == nullptr) return unusable(pointer + "/kty", "is missing");
    if (**kty != "RSA") continue;  // EC or symmetric keys: never used to verify
    if (!*kid) return unusable(pointer + "/kid", "is missing");
    auto made = read_rsa_key(key, **kid, pointer);
    if (!made) return std::move(made).error();
    out.push_back(std::move(made).value());
  }
  if (out.empty()) return unusable("/keys", "holds no RSA signing key");
  return out;
}

}  // namespace hub::core::auth
